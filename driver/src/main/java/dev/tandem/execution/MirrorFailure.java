package dev.tandem.execution;

import java.sql.SQLException;

/** How a failed mirror statement affects the application's transaction. */
final class MirrorFailure {
    private MirrorFailure() {
    }

    /**
     * Whether the failure took the application's transaction (or connection) with it, so that it must be reported
     * to the application even in a best-effort phase: a lost connection, or a deadlock or serialization failure on
     * databases that then roll the whole transaction back.
     */
    static boolean endsTransaction(SQLException e, boolean insideSavepoint) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        if (connectionLost(e)) {
            return true;
        }
        return state.startsWith("40") && !insideSavepoint;
    }

    /**
     * Whether the failure means the connection is gone: SQLState class {@code 08} (connection exception), or
     * PostgreSQL's {@code 57P01}-{@code 57P03} (the server terminated the session: {@code pg_terminate_backend},
     * shutdown). It must reach the application (and its pool, which decides by SQLState whether to evict the
     * connection) as the driver reported it, never wrapped into another SQLState.
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** What may be logged of a failure: its kind and codes, never its message (which may quote row values). */
    static String describe(SQLException e, boolean withMessage) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        sb.append(" (SQLState ").append(e.getSQLState()).append(", error code ").append(e.getErrorCode()).append(')');
        if (withMessage && e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        return sb.toString();
    }
}
