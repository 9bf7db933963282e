package dev.tandem.state;

import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemConfig;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.jdbc.TandemDataSource;
import dev.tandem.rules.Phase;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static dev.tandem.state.StateFixture.eventually;
import static dev.tandem.state.StateFixture.phaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver follows the fleet-wide state: it reads {@code tandem_state} when the engine starts and every
 * {@code tandem.poll} on a connection of its own, pins a transaction's phase, reports its phases in
 * {@code tandem_instances}, and keeps the last known state while the table cannot be read.
 */
class StatePollerTest {
    private static final Duration SOON = Duration.ofMillis(1500);
    private static final MigrationState OFF = new MigrationState(Phase.OFF, 100);
    private static final MigrationState WRITE_BOTH = new MigrationState(Phase.WRITE_BOTH, 100);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFlipMadeWithTheCliReachesTheDriverWithinASecond(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            Connection app = f.tandem("100ms");
            assertEquals(OFF, phaseOf(app, m), "no row yet: the rules file's phase");

            Cli.Result r = f.cliWithRules("phase", m, "write-both", "--wait", "0", "--by", "test");
            assertEquals(0, r.code(), r.toString());
            long flipped = System.nanoTime();
            assertTrue(eventually(SOON, () -> is(app, m, WRITE_BOTH)), "the driver did not see the flip");
            long tookMs = (System.nanoTime() - flipped) / 1_000_000;
            assertTrue(tookMs < 1000, "took " + tookMs + " ms");
            assertEquals(1, app.unwrap(TandemConnection.class).engine().phases().versionOf(m));

            Cli.Result pct = f.cliWithRules("phase", m, "read-both", "--percent", "25", "--wait", "0");
            assertEquals(0, pct.code(), pct.toString());
            assertTrue(eventually(SOON, () -> is(app, m, new MigrationState(Phase.READ_BOTH, 25))));

            Cli.Result back = f.cliWithRules("phase", m, "off", "--wait", "0");
            assertEquals(0, back.code(), back.toString());
            assertTrue(eventually(SOON, () -> is(app, m, OFF)));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theFirstStatementAlreadySeesTheFleetState(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            Fleet fleet = f.fleet();
            fleet.flip(new Fleet.Change(m, Phase.WRITE_BOTH, null, false, "test", null));
            // a long poll interval: only the read made when the engine starts can tell
            Connection app = f.tandem("1m");
            assertEquals(WRITE_BOTH, phaseOf(app, m));
            String from = StateFixture.fromTable(m);
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'ada')");
            }
            assertEquals("ADA", mirrored(f, m, 1), "the very first write was mirrored");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTransactionKeepsItsPhaseUntilItEnds(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String from = StateFixture.fromTable(m);
            Connection tx = f.tandem("100ms");
            Connection auto = f.tandem("100ms");
            TandemConnection txc = tx.unwrap(TandemConnection.class);

            tx.setAutoCommit(false);
            try (Statement s = tx.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'one')"); // pins 'off'
            }
            Cli.Result r = f.cliWithRules("phase", m, "write-both", "--wait", "0");
            assertEquals(0, r.code(), r.toString());
            assertTrue(eventually(SOON, () -> is(auto, m, WRITE_BOTH)), "the engine follows the flip");

            assertEquals(OFF, txc.phases().of(txc.engine().rules().migration(m).orElseThrow()),
                    "the open transaction still sees the phase it started with");
            try (Statement s = tx.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (2, 'two')");
            }
            try (Statement s = auto.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (3, 'three')");
            }
            assertEquals("THREE", mirrored(f, m, 3), "a new autocommit statement sees write-both");
            tx.commit();
            assertEquals(null, mirrored(f, m, 2), "the transaction pinned at off mirrored nothing");

            try (Statement s = tx.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (4, 'four')");
            }
            tx.commit();
            assertEquals("FOUR", mirrored(f, m, 4), "the next transaction takes the phase in force");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theHeartbeatReportsWhatTheEngineApplies(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String other = f.migration(Phase.WRITE_BOTH);
            Connection app = f.tandem("100ms");
            Fleet fleet = f.fleet();
            InstanceReport me = only(fleet, m);
            assertEquals(new InstanceReport.Reported("off", 100, 0), me.phases().get(m));
            assertEquals(new InstanceReport.Reported("write-both", 100, 0), me.phases().get(other));
            assertEquals(ProcessHandle.current().pid(), me.pid());
            assertEquals(StateChannel.Host.NAME, me.host());

            fleet.flip(new Fleet.Change(m, Phase.WRITE_BOTH, null, false, "test", null));
            assertTrue(eventually(SOON, () -> reported(fleet, m).equals(
                    new InstanceReport.Reported("write-both", 100, 1))), () -> "reports " + safe(fleet, m));
            String id = me.instanceId();
            assertEquals(id, only(fleet, m).instanceId(), "one instance id per engine");
            assertTrue(app.isValid(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void phaseWaitsForTheInstanceAndSucceeds(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            Connection app = f.tandem("100ms");
            Cli.Result r = f.cliWithRules("phase", m, "write-both", "--wait", "10");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("converged: 1 live instance(s) report write-both 100%"), r.toString());
            assertEquals(WRITE_BOTH, phaseOf(app, m));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anInstanceThatStopsSendingHeartbeatsIsNoLongerWaitedFor(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String ghost = "ghost-" + java.util.UUID.randomUUID();
            try (Connection c = f.connect()) {
                f.fleet().store().heartbeat(c, ghost, "gone-host", 4242,
                        "{\"" + m + "\":{\"phase\":\"off\",\"percent\":100,\"version\":0}}");
            }
            Cli.Result lagging = f.cliWithRules("phase", m, "write-both", "--wait", "1");
            assertEquals(1, lagging.code(), lagging.toString());
            assertTrue(lagging.err().contains(ghost) && lagging.err().contains("gone-host")
                    && lagging.err().contains("pid 4242") && lagging.err().contains("reports off 100%"),
                    lagging.toString());
            assertTrue(lagging.err().lines().noneMatch(l -> l.startsWith("\tat ")), lagging.toString());
            assertTrue(lagging.out().contains("lagging: " + ghost), lagging.toString());

            long started = System.nanoTime();
            Cli.Result later = f.cliWithRules("phase", m, "write-both", "--wait", "20", "--stale-after", "2");
            assertEquals(0, later.code(), later.toString());
            assertTrue(later.out().contains("already at write-both 100%"), later.toString());
            assertTrue(later.out().contains("converged: no live instance applies '" + m + "'")
                    && later.out().contains("stale instance(s) ignored"), later.toString());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keepsTheLastStateWhileTheTableIsUnreadableAndRecovers(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF);
            f.fleet().flip(new Fleet.Change(m, Phase.WRITE_BOTH, null, false, "test", null));
            Connection app = f.tandem("100ms");
            assertEquals(WRITE_BOTH, phaseOf(app, m));

            f.raw("ALTER TABLE tandem_state RENAME TO tandem_state_away");
            try {
                Thread.sleep(600);
                assertEquals(WRITE_BOTH, phaseOf(app, m), "not back to the rules file's 'off'");
                f.raw("UPDATE tandem_state_away SET phase = 'read-both', percent = 30, version = version + 1");
                Thread.sleep(300);
                assertEquals(WRITE_BOTH, phaseOf(app, m));
                try (Statement s = app.createStatement()) {
                    s.executeUpdate("INSERT INTO " + StateFixture.fromTable(m) + " (id, name) VALUES (1, 'x')");
                }
                assertEquals("X", mirrored(f, m, 1), "statements still run, at the last known phase");
            } finally {
                f.raw("ALTER TABLE tandem_state_away RENAME TO tandem_state");
            }
            assertTrue(eventually(SOON, () -> is(app, m, new MigrationState(Phase.READ_BOTH, 30))),
                    "recovers by itself once the table is back");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutControlTablesTheRulesApplyUntilInitCreatesThem(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            String m = f.migration(Phase.WRITE_BOTH);
            Connection app = f.tandem("100ms");
            assertEquals(WRITE_BOTH, phaseOf(app, m));
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + StateFixture.fromTable(m) + " (id, name) VALUES (1, 'x')");
            }
            assertEquals("X", mirrored(f, m, 1));

            Cli.Result init = f.cli("init");
            assertEquals(0, init.code(), init.toString());
            Fleet fleet = f.fleet();
            assertTrue(eventually(SOON, () -> safe(fleet, m) != null), "heartbeats start once the table exists");
            Cli.Result r = f.cliWithRules("phase", m, "off", "--wait", "10");
            assertEquals(0, r.code(), r.toString());
            assertEquals(OFF, phaseOf(app, m));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void reconnectsAfterLosingItsConnection(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF);
            Connection app = f.tandem("100ms");
            TandemEngine engine = app.unwrap(TandemConnection.class).engine();
            app.close();
            Thread.sleep(300);
            int killed = killSessionsOf(f);
            assertTrue(killed >= 1, "the poller's session was found and ended");

            f.fleet().flip(new Fleet.Change(m, Phase.WRITE_BOTH, null, false, "test", null));
            assertTrue(eventually(Duration.ofSeconds(5), () -> engine.phases()
                    .of(engine.rules().migration(m).orElseThrow()).equals(WRITE_BOTH)), "reconnected and read");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void needsOnlyToReadTheStateAndWriteItsHeartbeat(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.init();
            String m = f.migration(Phase.OFF);
            String from = StateFixture.fromTable(m);
            String to = StateFixture.toTable(m);
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
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + scope + from + " TO " + grantee,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + scope + to + " TO " + grantee);
                Properties p = new Properties();
                p.setProperty("user", user);
                p.setProperty("password", password);
                p.setProperty("tandem.rules", f.rulesDir().toString());
                p.setProperty("tandem.poll", "100ms");
                try (Connection app = DriverManager.getConnection(f.tandemUrl(), p)) {
                    TandemEngine engine = app.unwrap(TandemConnection.class).engine();
                    try {
                        assertEquals(OFF, phaseOf(app, m));
                        Fleet fleet = f.fleet();
                        assertTrue(eventually(SOON, () -> safe(fleet, m) != null), "the heartbeat is written");
                        Cli.Result r = f.cliWithRules("phase", m, "write-both", "--wait", "10");
                        assertEquals(0, r.code(), r.toString());
                        assertTrue(r.out().contains("converged: 1 live instance(s)"), r.toString());
                        assertEquals(WRITE_BOTH, phaseOf(app, m));
                        try (Statement s = app.createStatement()) {
                            s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'x')");
                            SQLException denied = assertThrows(SQLException.class,
                                    () -> s.executeQuery("SELECT * FROM tandem_history").close());
                            assertTrue(denied.getMessage().toLowerCase(java.util.Locale.ROOT).contains("denied"),
                                    denied.getMessage());
                        }
                        assertEquals("X", mirrored(f, m, 1));
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

    /** Ends every other session on the isolated database (the poller's, here). */
    private static int killSessionsOf(StateFixture f) throws SQLException {
        int n = 0;
        try (Connection c = f.db.connect()) {
            if (f.db == TestDatabase.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM"
                        + " pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
                    ps.setString(1, f.isolatedName());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                }
            } else {
                List<Long> ids = new java.util.ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM information_schema.processlist"
                        + " WHERE db = ? AND id <> CONNECTION_ID()")) {
                    ps.setString(1, f.isolatedName());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (long id : ids) {
                        s.execute("KILL CONNECTION " + id);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    @Test
    void aDataSourceEngineFollowsTheStateToo() throws Exception {
        try (StateFixture f = StateFixture.shared(TestDatabase.H2)) {
            String m = f.migration(Phase.OFF);
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(f.url());
            h2.setUser(TestDatabase.H2.user());
            h2.setPassword(TestDatabase.H2.password());
            Properties settings = new Properties();
            settings.setProperty("tandem.rules", f.rulesDir().toString());
            settings.setProperty("tandem.poll", "100ms");
            TandemDataSource ds = new TandemDataSource(h2, settings);
            try (Connection app = ds.getConnection()) {
                TandemEngine engine = app.unwrap(TandemConnection.class).engine();
                try {
                    assertEquals(OFF, phaseOf(app, m));
                    f.fleet().flip(new Fleet.Change(m, Phase.WRITE_BOTH, null, false, "test", null));
                    assertTrue(eventually(SOON, () -> is(app, m, WRITE_BOTH)));
                    assertTrue(eventually(SOON, () -> safe(fleetOf(f), m) != null), "heartbeat");
                } finally {
                    engine.phaseSource(PhaseSource.fixed(engine.phases()));
                }
            }
        }
    }

    @Test
    void thePollIntervalIsASetting() throws Exception {
        assertEquals(1000, TandemConfig.resolve("jdbc:tandem:h2:mem:x", new Properties()).pollMillis());
        for (String[] c : new String[][]{{"250", "250"}, {"250ms", "250"}, {"2s", "2000"}, {"1m", "60000"},
                {" 3S ", "3000"}}) {
            Properties p = new Properties();
            p.setProperty("tandem.poll", c[0]);
            assertEquals(Long.parseLong(c[1]), TandemConfig.resolve("jdbc:tandem:h2:mem:x", p).pollMillis(), c[0]);
        }
        for (String bad : new String[]{"0", "-1", "fast", "1h", "1.5s"}) {
            Properties p = new Properties();
            p.setProperty("tandem.poll", bad);
            assertThrows(IllegalArgumentException.class,
                    () -> TandemConfig.resolve("jdbc:tandem:h2:mem:x", p).pollMillis(), bad);
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection("jdbc:tandem:h2:mem:poll_bad", p), bad);
            assertTrue(e.getMessage().contains("tandem.poll"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static boolean is(Connection app, String m, MigrationState expected) {
        try {
            return phaseOf(app, m).equals(expected);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The {@code to} row's full_name for a key, or null. */
    private static String mirrored(StateFixture f, String m, int id) throws SQLException {
        try (Connection c = f.connect(); PreparedStatement ps = c.prepareStatement("SELECT full_name FROM "
                + StateFixture.toTable(m) + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Fleet fleetOf(StateFixture f) {
        try {
            return f.fleet();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one instance that knows migration m. */
    private static InstanceReport only(Fleet fleet, String m) throws Exception {
        assertTrue(eventually(SOON, () -> safe(fleet, m) != null), "no instance reports " + m);
        Fleet.Convergence c = fleet.convergence(m, Phase.OFF, 100);
        List<InstanceReport> knowing = new java.util.ArrayList<>(c.converged());
        knowing.addAll(c.lagging());
        assertEquals(1, knowing.size(), knowing.toString());
        return knowing.get(0);
    }

    private static InstanceReport.Reported reported(Fleet fleet, String m) {
        InstanceReport.Reported r = safe(fleet, m);
        return r == null ? new InstanceReport.Reported("none", 0, -1) : r;
    }

    private static InstanceReport.Reported safe(Fleet fleet, String m) {
        try {
            Fleet.Convergence c = fleet.convergence(m, Phase.OFF, 100);
            List<InstanceReport> knowing = new java.util.ArrayList<>(c.converged());
            knowing.addAll(c.lagging());
            assertFalse(knowing.size() > 1, knowing.toString());
            return knowing.isEmpty() ? null : knowing.get(0).phases().get(m);
        } catch (SQLException e) {
            return null;
        }
    }
}
