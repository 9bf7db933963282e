package dev.tandem.faults;

import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.rules.Phase;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.MigrationState;
import dev.tandem.state.PhaseSource;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StatePoller;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static dev.tandem.state.StateFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet state cannot be read (the table renamed away, SELECT on it revoked) or the poll connection dies: the
 * engine keeps the last phase it read and goes on mirroring at it, counts each failed poll in
 * {@value StatePoller#READ_FAILURES}, says so in its heartbeat ({@code "stateReadFailingMs"} in
 * {@code tandem_instances.phases}) and so in {@code tandem status}, and follows the table again by itself once it can
 * read it. Each test has a database (PostgreSQL schema, MariaDB database, H2 database) of its own, so that no other
 * test's poller is affected.
 */
class StateUnreadableTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final MigrationState WRITE_BOTH = new MigrationState(Phase.WRITE_BOTH, 100);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRenamedStateTableKeepsThePhaseShowsInTheHeartbeatAndRecovers(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF, "fault");
            flip(f, m, "write-both");
            Connection app = f.tandem("100ms");
            TandemEngine engine = app.unwrap(TandemConnection.class).engine();
            assertTrue(eventually(SOON, () -> reported(f, m) != null && !reported(f, m).stateUnread()));

            f.raw("ALTER TABLE tandem_state RENAME TO tandem_state_away");
            try {
                assertTrue(eventually(SOON, () -> reported(f, m) != null && reported(f, m).stateUnread()),
                        () -> "the heartbeat says the state cannot be read: " + reported(f, m));
                InstanceReport.Reported unread = reported(f, m); // one read: the next heartbeat says a longer time
                assertEquals(new InstanceReport.Reported("write-both", 100, 1, unread.stateReadFailingMs()), unread,
                        "and still reports the last phase read");
                assertTrue(readFailures(engine, m) > 0, "counted");
                assertEquals(WRITE_BOTH, StateFixture.phaseOf(app, m), "the last known phase holds");
                try (Statement s = app.createStatement()) {
                    s.executeUpdate("INSERT INTO " + StateFixture.fromTable(m) + " (id, name) VALUES (1, 'x')");
                }
                assertEquals("X", mirrored(f, m, 1), "and is applied: the write was mirrored");
            } finally {
                f.raw("ALTER TABLE tandem_state_away RENAME TO tandem_state");
            }
            assertTrue(eventually(SOON, () -> reported(f, m) != null && !reported(f, m).stateUnread()),
                    () -> "recovered by itself: " + reported(f, m));
            flip(f, m, "read-both", "30");
            assertTrue(eventually(SOON, () -> new MigrationState(Phase.READ_BOTH, 30).equals(phaseOf(app, m))),
                    "follows the table again");
        }
    }

    /**
     * The application's user loses SELECT on {@code tandem_state} while the operator, who can still read and write
     * it, flips the phase: the instance keeps the last phase it read, {@code tandem phase} does not count it as
     * converged, and {@code tandem status} says why; with the right back, it converges by itself.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aRevokedSelectKeepsThePhaseAndStatusSaysWhy(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF, "fault");
            String user = f.isolatedName() + "_app";
            String password = "pw_" + java.util.UUID.randomUUID().toString().substring(0, 8);
            String scope = db == TestDatabase.MARIADB ? f.isolatedName() + "." : "";
            String grantee = db == TestDatabase.MARIADB ? "'" + user + "'@'%'" : user;
            f.raw(db == TestDatabase.MARIADB ? "CREATE USER " + grantee + " IDENTIFIED BY '" + password + "'"
                    : "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            try {
                if (db == TestDatabase.POSTGRESQL) {
                    f.raw("GRANT USAGE ON SCHEMA " + f.isolatedName() + " TO " + user);
                }
                f.raw("GRANT SELECT ON " + scope + "tandem_state TO " + grantee,
                        "GRANT SELECT (instance_id), INSERT, UPDATE ON " + scope + "tandem_instances TO " + grantee,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + scope + StateFixture.fromTable(m) + " TO "
                                + grantee,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + scope + StateFixture.toTable(m) + " TO "
                                + grantee);
                flip(f, m, "write-both");
                Properties p = new Properties();
                p.setProperty("user", user);
                p.setProperty("password", password);
                p.setProperty("tandem.rules", f.rulesDir().toString());
                p.setProperty("tandem.poll", "100ms");
                try (Connection app = DriverManager.getConnection(f.tandemUrl(), p)) {
                    TandemEngine engine = app.unwrap(TandemConnection.class).engine();
                    try {
                        assertEquals(WRITE_BOTH, StateFixture.phaseOf(app, m));
                        f.raw("REVOKE SELECT ON " + scope + "tandem_state FROM " + grantee);
                        assertTrue(eventually(SOON, () -> reported(f, m) != null && reported(f, m).stateUnread()),
                                () -> "the heartbeat says the state cannot be read: " + reported(f, m));
                        Cli.Result flip = f.cliWithRules("phase", m, "read-both", "--wait", "0");
                        assertEquals(0, flip.code(), flip.toString());
                        Cli.Result status = f.cliWithRules("status", m);
                        assertTrue(status.out().contains("lagging: ") && status.out().contains(
                                "reports write-both 100% (cannot read tandem_state for "), status.toString());
                        assertEquals(WRITE_BOTH, StateFixture.phaseOf(app, m), "the last known phase holds");
                        assertTrue(readFailures(engine, m) > 0, "counted");

                        f.raw("GRANT SELECT ON " + scope + "tandem_state TO " + grantee);
                        assertTrue(eventually(SOON, () -> new MigrationState(Phase.READ_BOTH, 100)
                                .equals(phaseOf(app, m))), "follows the table again by itself");
                        assertTrue(eventually(SOON, () -> !reported(f, m).stateUnread()
                                && reported(f, m).phase().equals("read-both")), () -> "reports " + reported(f, m));
                        Cli.Result after = f.cliWithRules("status", m, "--json");
                        assertEquals(0, after.code(), after.toString());
                        assertFalse(after.out().contains("stateReadFailingMs"), after.out());
                    } finally {
                        engine.phaseSource(PhaseSource.fixed(engine.phases()));
                    }
                }
            } finally {
                if (db == TestDatabase.MARIADB) {
                    f.raw("DROP USER " + grantee);
                } else {
                    f.raw("DROP OWNED BY " + user, "DROP ROLE " + user);
                }
            }
        }
    }

    /**
     * The poll connection's session is killed: the failed poll is counted (whether the kill lands before its read or
     * between its read and its heartbeat), and the next one reconnects.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aKilledPollConnectionIsCountedAndReplaced(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF, "fault");
            flip(f, m, "write-both");
            Connection app = f.tandem("100ms");
            TandemEngine engine = app.unwrap(TandemConnection.class).engine();
            long sessionOfApp = Sessions.idOf(db, app);
            // sessions just closed (the CLI's, the test's own reads) may linger a moment in the server's list
            assertTrue(eventually(SOON, () -> otherSessions(f, sessionOfApp).size() == 1),
                    () -> "one poll connection: " + otherSessions(f, sessionOfApp));
            List<Long> pollers = otherSessions(f, sessionOfApp);
            Sessions.kill(db, pollers.get(0));
            assertTrue(eventually(SOON, () -> readFailures(engine, m) > 0), "the failed poll is counted");
            assertEquals(WRITE_BOTH, StateFixture.phaseOf(app, m), "the last known phase holds");
            flip(f, m, "read-both", "10");
            assertTrue(eventually(SOON, () -> new MigrationState(Phase.READ_BOTH, 10).equals(phaseOf(app, m))),
                    "a new poll connection follows the table");
            assertTrue(eventually(SOON, () -> reported(f, m).phase().equals("read-both")
                    && !reported(f, m).stateUnread()), () -> "reports " + reported(f, m));
            assertTrue(eventually(SOON, () -> otherSessions(f, sessionOfApp).size() == 1),
                    () -> "one poll connection again: " + otherSessions(f, sessionOfApp));
            assertFalse(otherSessions(f, sessionOfApp).contains(pollers.get(0)));
        }
    }

    /** {@code tandem phase} through the CLI, which closes its connection (no session left on the database). */
    private static void flip(StateFixture f, String m, String phase, String... percent) {
        List<String> args = new ArrayList<>(List.of(m, phase, "--wait", "0"));
        if (percent.length > 0) {
            args.addAll(List.of("--percent", percent[0]));
        }
        Cli.Result r = f.cliWithRules("phase", args.toArray(new String[0]));
        assertEquals(0, r.code(), r.toString());
    }

    private static long readFailures(TandemEngine engine, String m) {
        return engine.metrics().count(StatePoller.READ_FAILURES, "migration", m);
    }

    private static MigrationState phaseOf(Connection app, String m) {
        try {
            return StateFixture.phaseOf(app, m);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the one instance that knows {@code m} reports for it in {@code tandem_instances}; null: none yet. */
    private static InstanceReport.Reported reported(StateFixture f, String m) {
        try (Connection c = f.connect()) {
            InstanceReport.Reported found = null;
            for (InstanceReport i : StateStore.forConnection(c).instances(c)) {
                if (i.knows(m)) {
                    assertTrue(found == null, "one instance knows " + m);
                    found = i.phases().get(m);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mirrored(StateFixture f, String m, int id) throws SQLException {
        try (Connection c = f.connect();
             PreparedStatement ps = c.prepareStatement("SELECT full_name FROM " + StateFixture.toTable(m)
                     + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The sessions on the isolated database other than the application's and this one (the poller's). */
    private static List<Long> otherSessions(StateFixture f, long app) {
        List<Long> ids = new ArrayList<>();
        String sql = f.db == TestDatabase.POSTGRESQL
                ? "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()"
                : "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()";
        try (Connection c = f.db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, f.isolatedName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != app) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
