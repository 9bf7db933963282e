package dev.tandem.faults;

import dev.tandem.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Server sessions seen from outside, for the fault tests: a session's id, waiting until it sleeps (in
 * {@code pg_sleep} / {@code SLEEP()}, called by a trigger the test created) or is gone, and killing it from another
 * connection ({@code pg_terminate_backend}, MariaDB {@code KILL CONNECTION}).
 */
final class Sessions {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Sessions() {
    }

    /** The server's id of the session behind {@code c} (a statement naming no migrated table: it passes through). */
    static long idOf(TestDatabase db, Connection c) throws SQLException {
        String sql = db == TestDatabase.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until the session sleeps in {@code pg_sleep} / {@code SLEEP()}; fails after 30 s. */
    static void awaitSleeping(TestDatabase db, long session) throws Exception {
        String sql = db == TestDatabase.POSTGRESQL
                ? "SELECT 1 FROM pg_stat_activity WHERE pid = ? AND wait_event = 'PgSleep'"
                : "SELECT 1 FROM information_schema.processlist WHERE id = ? AND state = 'User sleep'";
        await(db, sql, session, true, "session " + session + " sleeping in the trigger");
    }

    /** Kills the session from a connection of its own, and waits until the server no longer lists it. */
    static void kill(TestDatabase db, long session) throws Exception {
        try (Connection c = db.connect()) {
            if (db == TestDatabase.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, (int) session);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            throw new AssertionError("no session " + session + " to terminate");
                        }
                    }
                }
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("KILL CONNECTION " + session); // a number the server gave: no value spliced
                }
            }
        }
        String listed = db == TestDatabase.POSTGRESQL ? "SELECT 1 FROM pg_stat_activity WHERE pid = ?"
                : "SELECT 1 FROM information_schema.processlist WHERE id = ?";
        await(db, listed, session, false, "session " + session + " gone");
    }

    private static void await(TestDatabase db, String sql, long session, boolean present, String what)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, session);
            if (db == TestDatabase.POSTGRESQL) {
                ps.setInt(1, (int) session);
            }
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() == present) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
                }
                Thread.sleep(20);
            }
        }
    }
}
