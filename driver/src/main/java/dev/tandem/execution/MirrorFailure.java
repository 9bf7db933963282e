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
        if (state.startsWith("08")) {
            return true;
        }
        return state.startsWith("40") && !insideSavepoint;
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
