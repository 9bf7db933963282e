package dev.tandem.execution;

import dev.tandem.logging.Log;
import dev.tandem.plan.StatementPlan;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Dialect.WriteKind;
import dev.tandem.state.PhaseSnapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The key lock of a table-level migration on MariaDB and MySQL, taken around an insert and its mirror while a key
 * handover is in progress.
 *
 * <p>Why: there {@code from} and {@code to} each draw generated keys from their own {@code AUTO_INCREMENT} counter.
 * Before write-new, keys come from {@code from}'s (the mirror copies them into {@code to}, whose counter follows);
 * from write-new on, from {@code to}'s (the sync copies them into {@code from}). Around a flip into or out of
 * write-new, instances (and transactions pinned to the phase before) run both kinds at once, and the two counters can
 * hand out the same key to two different rows: one insert then waits for the other's row in the other table, and
 * InnoDB rolls one back as a deadlock victim. Each counter moves past a key as soon as the mirror inserts it, so if
 * every insert and its mirror run one at a time, the counters stay in step and no key is handed out twice. The
 * operator's {@code tandem phase} starts a handover (a flag in {@code tandem_state}) before such a flip and ends it once
 * no instance runs a transaction of the old phase any more; meanwhile every insert into the migration's table takes a
 * named lock ({@code GET_LOCK}) of the migration, held from before the insert to after its mirror (not to the commit:
 * the counters move at insert time). Outside a handover nothing is taken, and PostgreSQL, whose two tables share one
 * sequence, and H2 never need it.
 */
public final class KeyHandover {
    /** How long an insert waits for the key lock before it goes on without it (and is logged). */
    static final int WAIT_SECONDS = 5;
    private static final Log LOG = Log.get("mirror");

    private KeyHandover() {
    }

    /**
     * The key lock an execution of {@code plan} must hold, or null: an INSERT into the table of a table-level
     * migration whose state, in the transaction's snapshot or in the current one, has a key handover in progress, on
     * MariaDB or MySQL. (The current one counts too, so that a transaction pinned before the handover began takes
     * the lock as well.)
     */
    public static String lockFor(StatementPlan plan, PhaseSnapshot pinned, PhaseSnapshot current, Dialect dialect) {
        if ((dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) || plan.kind() != StatementPlan.Kind.WRITE
                || plan.write().kind() != WriteKind.INSERT) {
            return null;
        }
        for (Migration m : plan.write().migrations()) {
            if (!m.columnLevel() && (pinned.of(m).keyHandover() || current.of(m).keyHandover())) {
                return lockName(m);
            }
        }
        return null;
    }

    /**
     * The lock's name: {@code tandem.keys.} and the migration id, or a digest of it when that would be longer than
     * the 64 characters MariaDB and MySQL allow.
     */
    public static String lockName(Migration m) {
        String name = "tandem.keys." + m.id();
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.id().getBytes(StandardCharsets.UTF_8));
            return "tandem.keys." + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Takes the lock on the connection, waiting up to {@value #WAIT_SECONDS} s; false when it was not had in time (an
     * insert holding it waits for a row this transaction locked, say): the insert then goes on without it, logged.
     */
    public static boolean acquire(Connection connection, String lock) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, lock);
            ps.setInt(2, WAIT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return true;
                }
            }
        }
        LOG.warn("key handover: the key lock '" + lock + "' was not had within " + WAIT_SECONDS + " s; the insert goes"
                + " on without it (if it takes a key the other table's counter hands out too, one of the two inserts"
                + " fails as a deadlock victim)");
        return false;
    }

    /** Gives the lock back; a failure (a lost connection, which frees it anyway) is ignored. */
    public static void release(Connection connection, String lock) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, lock);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            // the connection is gone: the server has freed the lock with the session
        }
    }
}
