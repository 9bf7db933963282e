package dev.tandem.execution;

import dev.tandem.cli.Cli;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flips between read-new and write-new on MariaDB, where {@code from} and {@code to} each have an AUTO_INCREMENT
 * counter, while threads of two instances insert rows with generated keys: with the key handover no insert fails and
 * every key the application received names its own row in both tables. (Without it, the inserts of the two phases take
 * the same keys: see {@link KeyHandover}; checked by disabling the lock, which made this test fail with deadlocks.)
 */
class KeyHandoverTest {
    private static final int THREADS = 6;
    private static final int FLIPS = 6;

    @Test
    void flipsIntoAndOutOfWriteNewHandKeysOverWithoutCollisions() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        try (StateFixture fixture = StateFixture.shared(db)) {
            String from = TestTables.unique("kho");
            String to = from + "_to";
            try {
                String migration = atReadNew(fixture, from, to);

                // two instances (engines with their own poller), three threads each
                Map<Long, String> written = new ConcurrentHashMap<>();
                List<String> failures = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong inserts = new AtomicLong();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Connection c = fixture.tandem(t % 2 == 0 ? "100ms" : "130ms");
                    int owner = t;
                    Thread thread = new Thread(() -> insertLoop(c, from, owner, stop, written, failures, inserts));
                    thread.start();
                    threads.add(thread);
                }
                List<String> outputs = new ArrayList<>();
                try {
                    Thread.sleep(300);
                    for (int i = 0; i < FLIPS; i++) {
                        outputs.add(flip(fixture, migration, i % 2 == 0 ? "write-new" : "read-new"));
                        Thread.sleep(200);
                    }
                } finally {
                    stop.set(true);
                    for (Thread t : threads) {
                        t.join(30_000);
                    }
                }
                assertTrue(failures.isEmpty(), () -> failures.size() + " of " + inserts.get() + " inserts failed: "
                        + failures.subList(0, Math.min(10, failures.size())));
                assertTrue(inserts.get() > 100, "the threads inserted: " + inserts.get());
                for (String out : outputs) {
                    assertTrue(out.contains("key handover: finished"), out);
                }
                // every key the application was given names its row, in both tables
                assertEquals(new TreeMap<>(written), rows(fixture, "SELECT id, name FROM " + from));
                Map<Long, String> upper = new TreeMap<>();
                written.forEach((k, v) -> upper.put(k, v.toUpperCase()));
                assertEquals(upper, rows(fixture, "SELECT id, full_name FROM " + to));
                // and the handovers are on record: one start and one end per flip
                try (Connection c = fixture.connect(); PreparedStatement ps = c.prepareStatement("SELECT outcome,"
                        + " COUNT(*) FROM " + ControlSchema.HISTORY + " WHERE migration = ? AND event = ?"
                        + " GROUP BY outcome ORDER BY outcome")) {
                    ps.setString(1, migration);
                    ps.setString(2, HistoryEntry.HANDOVER);
                    try (ResultSet rs = ps.executeQuery()) {
                        Map<String, Long> byOutcome = new TreeMap<>();
                        while (rs.next()) {
                            byOutcome.put(rs.getString(1), rs.getLong(2));
                        }
                        assertEquals(Map.of("finished", (long) FLIPS, "started", (long) FLIPS), byOutcome);
                    }
                }
            } finally {
                fixture.stopPollers();
                fixture.raw("DROP TABLE IF EXISTS " + from, "DROP TABLE IF EXISTS " + to);
            }
        }
    }

    /**
     * A transaction of the old phase still open after the flip keeps the handover on (the command says so and fails);
     * once it ends, the same command ends the handover. An instance that does not take the handover up (an earlier
     * Tandem, say) stops it before anything is flipped.
     */
    @Test
    void theHandoverEndsOnlyOnceTheOldPhaseHasDrainedAndStartsOnlyWhenEveryInstanceTakesItUp() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        try (StateFixture fixture = StateFixture.shared(db)) {
            String from = TestTables.unique("khd");
            String to = from + "_to";
            try {
                String migration = atReadNew(fixture, from, to);
                Connection app = fixture.tandem("100ms");
                app.setAutoCommit(false);
                try (Statement s = app.createStatement()) {
                    s.executeUpdate("INSERT INTO " + from + " (name) VALUES ('open')"); // pinned to read-new
                }
                Cli.Result held = fixture.cliWithRules("phase", migration, "write-new", "--wait", "3");
                assertEquals(1, held.code(), held::toString);
                assertTrue(held.err().contains("the key handover goes on"), held::toString);
                Fleet fleet = fixture.fleet();
                assertEquals(Phase.WRITE_NEW, fleet.standing(migration).phase());
                assertEquals(Fleet.KEYS, fleet.standing(migration).row().handover());

                app.commit();
                Cli.Result again = fixture.cliWithRules("phase", migration, "write-new", "--wait", "10");
                assertEquals(0, again.code(), again::toString);
                assertTrue(again.out().contains("key handover: finished"), again::toString);
                assertEquals(null, fleet.standing(migration).row().handover());

                // an instance that reports the handover's version without applying it (as an earlier Tandem would)
                try (Connection c = fixture.connect()) {
                    new dev.tandem.state.StateStore(fleet.dialect()).heartbeat(c, "khd-old-" + from, "elsewhere", 1,
                            "{\"" + migration + "\":{\"phase\":\"write-new\",\"percent\":100,\"version\":999}}");
                }
                long before = fleet.standing(migration).version();
                Cli.Result refused = fixture.cliWithRules("phase", migration, "read-new", "--wait", "2");
                assertEquals(1, refused.code(), refused::toString);
                assertTrue(refused.err().contains("the key handover did not start"), refused::toString);
                assertTrue(refused.err().contains("khd-old-"), refused::toString);
                Fleet.Standing after = fleet.standing(migration);
                assertEquals(Phase.WRITE_NEW, after.phase(), "nothing was flipped");
                assertEquals(null, after.row().handover(), "and the flag was cleared again");
                assertEquals(before + 2, after.version());
                try (Connection c = fixture.connect(); Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + ControlSchema.INSTANCES + " WHERE instance_id = 'khd-old-" + from
                            + "'");
                }
            } finally {
                fixture.stopPollers();
                fixture.raw("DROP TABLE IF EXISTS " + from, "DROP TABLE IF EXISTS " + to);
            }
        }
    }

    /**
     * Tables {@code from} and {@code to}, both keyed by AUTO_INCREMENT, and a migration between them walked with the
     * CLI from off to read-new; returns its id.
     */
    private static String atReadNew(StateFixture fixture, String from, String to) throws Exception {
        String migration = migration(fixture, from, to, "id BIGINT AUTO_INCREMENT PRIMARY KEY", Phase.OFF);
        flip(fixture, migration, "write-both");
        assertEquals(0, fixture.cliWithRules("verify", migration).code());
        flip(fixture, migration, "read-both");
        flip(fixture, migration, "read-new");
        return migration;
    }

    /**
     * Tables {@code from (key, name)} and {@code to (key, full_name)} and a rules file moving one to the other
     * ({@code full_name = UPPER(name)}) at {@code phase}; returns the migration's id.
     */
    private static String migration(StateFixture fixture, String from, String to, String key, Phase phase)
            throws Exception {
        String migration = "m-" + from;
        fixture.track(migration);
        fixture.raw("CREATE TABLE " + from + " (" + key + ", name VARCHAR(50) NOT NULL)",
                "CREATE TABLE " + to + " (" + key + ", full_name VARCHAR(50) NOT NULL)");
        Files.writeString(fixture.rulesDir().resolve(migration + ".yaml"), "migration: " + migration + "\n"
                + "from: { table: " + from + ", key: [id] }\n"
                + "to:   { table: " + to + ", key: [id] }\n"
                + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n"
                + "phase: " + phase.id() + "\n");
        return migration;
    }

    /** A migration whose phase still comes from its rules file has no row to hold the flag: the flip says so. */
    @Test
    void aHandoverNeedsThePhaseInTheDatabase() throws Exception {
        try (StateFixture fixture = StateFixture.shared(TestDatabase.MARIADB)) {
            String from = TestTables.unique("khr");
            String to = from + "_to";
            try {
                String migration = migration(fixture, from, to, "id BIGINT AUTO_INCREMENT PRIMARY KEY",
                        Phase.READ_NEW);
                Cli.Result r = fixture.cliWithRules("phase", migration, "write-new", "--wait", "2");
                assertEquals(1, r.code(), r::toString);
                assertTrue(r.err().contains("run 'tandem phase " + migration + " read-new' first"), r::toString);
                assertTrue(fixture.fleet().standing(migration).row() == null, "nothing was written");
            } finally {
                fixture.raw("DROP TABLE IF EXISTS " + from, "DROP TABLE IF EXISTS " + to);
            }
        }
    }

    /** Inserts with generated keys: alone (autocommit) and three to a transaction, until stopped. */
    private static void insertLoop(Connection c, String from, int owner, AtomicBoolean stop, Map<Long, String> written,
                                   List<String> failures, AtomicLong inserts) {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + from + " (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            while (!stop.get()) {
                boolean transaction = n % 2 == 1;
                Map<Long, String> mine = new TreeMap<>();
                try {
                    c.setAutoCommit(!transaction);
                    for (int i = 0; i < (transaction ? 3 : 1); i++) {
                        String name = "t" + owner + "-" + n + "-" + i;
                        ps.setString(1, name);
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            mine.put(keys.getLong(1), name);
                        }
                        if (transaction) {
                            Thread.sleep(2); // a transaction stays open across a flip now and then
                        }
                    }
                    if (transaction) {
                        c.commit();
                    }
                    written.putAll(mine);
                    inserts.addAndGet(mine.size());
                } catch (SQLException e) {
                    failures.add(e.getSQLState() + "/" + e.getErrorCode() + ": " + e.getMessage());
                    try {
                        if (transaction) {
                            c.rollback();
                        }
                    } catch (SQLException ignored) {
                        // the failure is recorded
                    }
                }
                n++;
            }
            c.setAutoCommit(true);
        } catch (SQLException | InterruptedException e) {
            failures.add("thread " + owner + " stopped: " + e);
        }
    }

    private static String flip(StateFixture fixture, String migration, String phase) {
        Cli.Result r = fixture.cliWithRules("phase", migration, phase, "--wait", "20");
        assertEquals(0, r.code(), () -> "phase " + phase + ": " + r);
        return r.out();
    }

    private static Map<Long, String> rows(StateFixture fixture, String sql) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = fixture.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Where the two tables share one key series (PostgreSQL, H2), or nothing moves the key source, none is needed. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void onlyAFlipThatMovesTheKeySourceOnMariaDbNeedsOne(TestDatabase db) throws Exception {
        try (StateFixture fixture = StateFixture.shared(db)) {
            String from = TestTables.unique("khn");
            String to = from + "_to";
            String key = db == TestDatabase.MARIADB ? "id BIGINT AUTO_INCREMENT PRIMARY KEY"
                    : "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
            try {
                String migration = migration(fixture, from, to, key, Phase.READ_NEW);
                Fleet fleet = Fleet.on(fixture.connect(), RulesLoader.load(fixture.rulesDir().toString(), null));
                Fleet.Standing readNew = fleet.standing(migration);
                boolean mariadb = db == TestDatabase.MARIADB;
                assertEquals(mariadb, fleet.needsKeyHandover(readNew, Phase.WRITE_NEW));
                Fleet.Standing writeNew = new Fleet.Standing(migration, Phase.WRITE_NEW, "write-new", 100, 0, null,
                        readNew.migration());
                assertEquals(mariadb, fleet.needsKeyHandover(writeNew, Phase.READ_NEW));
                assertEquals(mariadb, fleet.needsKeyHandover(writeNew, Phase.OFF));
                assertFalse(fleet.needsKeyHandover(writeNew, Phase.CONTRACTED));
                assertFalse(fleet.needsKeyHandover(readNew, Phase.READ_BOTH));
                assertFalse(fleet.needsKeyHandover(readNew, Phase.READ_NEW));
                fleet.connection().close();
            } finally {
                fixture.raw("DROP TABLE IF EXISTS " + from, "DROP TABLE IF EXISTS " + to);
            }
        }
    }
}
