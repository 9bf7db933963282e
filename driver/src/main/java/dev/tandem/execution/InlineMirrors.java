package dev.tandem.execution;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * When a write runs with its column-level mirror written into it ({@link Routing#inlineMirror()}), and what happens
 * when that one statement fails.
 *
 * <p>The inline form fails whole, like any statement. Where the mirror is strict (read-new) that is the right
 * outcome. Where it is best effort (write-both, read-both) the application's write must not fail because of its
 * mirror, so the write runs again as sent, synced as usual, and the sync's own failure is counted and logged like
 * any mirror failure. That retry is possible only where a failed statement leaves the transaction usable: always in
 * autocommit mode, and inside a transaction on MariaDB and H2. On PostgreSQL a failed statement aborts the
 * transaction, so inside one a best-effort write is synced from the start (under a savepoint).
 */
public final class InlineMirrors {
    private InlineMirrors() {
    }

    /**
     * Whether to run the inline form.
     *
     * @param failureAbortsTransaction whether a failed statement aborts the transaction (PostgreSQL)
     * @param inTransaction            whether the application is inside a transaction
     * @param batch                    a batch: entries that ran before a failure may stay, so it cannot be retried
     */
    public static boolean usable(Routing routing, boolean failureAbortsTransaction, boolean inTransaction,
                                 boolean batch) {
        if (routing.inlineMirror() == null) {
            return false;
        }
        if (routing.strict()) {
            return true;
        }
        return !batch && !(failureAbortsTransaction && inTransaction);
    }

    /**
     * After the inline form failed in a best-effort phase: whether the write may run again as sent, with its sync.
     * Not after failures that end the transaction or the connection, cancel the statement or time out (they would
     * happen again, or the transaction is gone).
     */
    public static boolean retrySynced(Routing routing, SQLException e) {
        if (routing.strict() || e instanceof SQLTimeoutException) {
            return false;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("57")
                || state.startsWith("70") || state.equals("HY008"))) {
            return false;
        }
        int code = e.getErrorCode();
        return code != 1205 && code != 1213; // MariaDB/MySQL lock wait timeout, deadlock
    }
}
