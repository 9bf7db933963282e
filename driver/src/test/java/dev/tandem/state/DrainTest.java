package dev.tandem.state;

import dev.tandem.cli.Cli;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.rules.Phase;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tandem.state.StateFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain: an instance reports, with its heartbeat, the oldest version of a migration's state that a transaction
 * (or an autocommit statement) of it still runs with ({@code oldestInUse}), and {@link Fleet#awaitDrain} waits until
 * no live instance runs anything with a version older than a flip's.
 */
class DrainTest {
    private static final Duration SOON = Duration.ofMillis(3000);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTransactionPinnedBeforeAFlipHoldsTheDrainUntilItCommits(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "drn");
            String from = StateFixture.fromTable(m);
            Fleet fleet = f.fleet();
            Connection tx = f.tandem("100ms");
            long v1 = flip(fleet, m, Phase.WRITE_BOTH, null);
            assertTrue(eventually(SOON, () -> drained(fleet, m, v1)), () -> "applies version 1: " + reported(fleet, m));

            tx.setAutoCommit(false);
            try (Statement s = tx.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'one')"); // pins version 1
            }
            long v2 = flip(fleet, m, Phase.READ_BOTH, 25);
            assertTrue(eventually(SOON, () -> reported(fleet, m).version() == v2
                            && reported(fleet, m).oldestInUse() == v1),
                    () -> "applies version " + v2 + ", and says a transaction still runs version " + v1 + ": "
                            + reported(fleet, m));
            assertTrue(fleet.convergence(m, Phase.READ_BOTH, 25).done(), "converged: it applies the new phase");

            Fleet.Drain waited = fleet.awaitDrain(m, v2, Duration.ofMillis(400));
            assertFalse(waited.done(), waited.toString());
            assertEquals(1, waited.lagging().size(), waited.toString());
            String id = waited.lagging().get(0).instanceId();
            assertTrue(Fleet.describe(waited.lagging(), m).contains(id + " on "), Fleet.describe(waited.lagging(), m));
            assertTrue(fleet.drain(m, v1).done(), "nothing runs anything older than version 1");

            try (Statement s = tx.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (2, 'two')"); // same transaction
            }
            Thread.sleep(300); // heartbeats go on: the transaction is still open
            assertEquals(v1, reported(fleet, m).oldestInUse(), "still open: " + reported(fleet, m));

            tx.commit();
            Fleet.Drain done = fleet.awaitDrain(m, v2, SOON);
            assertTrue(done.done(), done.toString());
            assertEquals(List.of(id), done.drained().stream().map(InstanceReport::instanceId).toList());
            assertEquals(-1, reported(fleet, m).oldestInUse(), "the report clears");
        }
    }

    /** How a transaction can end without a commit. */
    enum End { ROLLBACK, CLOSE, AUTOCOMMIT_ON }

    @ParameterizedTest
    @EnumSource(End.class)
    void aTransactionEndedWithoutACommitEndsItsUseToo(End end) throws Exception {
        try (StateFixture f = StateFixture.shared(TestDatabase.H2)) {
            String m = f.migration(Phase.OFF, "drn");
            Fleet fleet = f.fleet();
            Connection keep = f.tandem("100ms"); // the engine lives on while tx is closed
            Connection tx = f.tandem("100ms");
            long v1 = flip(fleet, m, Phase.WRITE_BOTH, null);
            assertTrue(eventually(SOON, () -> drained(fleet, m, v1)), () -> "reports " + reported(fleet, m));
            tx.setAutoCommit(false);
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO " + StateFixture.fromTable(m)
                    + " (id, name) VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "one");
                ps.executeUpdate();
            }
            long v2 = flip(fleet, m, Phase.OFF, null);
            assertTrue(eventually(SOON, () -> reported(fleet, m).oldestInUse() == v1),
                    () -> "reports " + reported(fleet, m));
            switch (end) {
                case ROLLBACK -> tx.rollback();
                case CLOSE -> tx.close();
                case AUTOCOMMIT_ON -> tx.setAutoCommit(true);
            }
            Fleet.Drain done = fleet.awaitDrain(m, v2, SOON);
            assertTrue(done.done(), end + ": " + done);
            assertFalse(keep.isClosed());
        }
    }

    @Test
    void aCommitThatFailsStillEndsTheUse() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "drn");
            String from = StateFixture.fromTable(m);
            String parent = from + "_p";
            String child = from + "_c";
            f.raw("CREATE TABLE " + parent + " (id INT PRIMARY KEY)",
                    "CREATE TABLE " + child + " (id INT PRIMARY KEY, parent INT REFERENCES " + parent
                            + " (id) DEFERRABLE INITIALLY DEFERRED)");
            try {
                Fleet fleet = f.fleet();
                Connection tx = f.tandem("100ms");
                long v1 = flip(fleet, m, Phase.WRITE_BOTH, null);
                assertTrue(eventually(SOON, () -> drained(fleet, m, v1)), () -> "reports " + reported(fleet, m));
                tx.setAutoCommit(false);
                try (Statement s = tx.createStatement()) {
                    s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'one')");
                    s.executeUpdate("INSERT INTO " + child + " (id, parent) VALUES (1, 42)"); // fails at commit
                }
                long v2 = flip(fleet, m, Phase.OFF, null);
                assertTrue(eventually(SOON, () -> reported(fleet, m).oldestInUse() == v1),
                        () -> "reports " + reported(fleet, m));
                SQLException failed = assertThrows(SQLException.class, tx::commit);
                assertEquals("23503", failed.getSQLState(), failed.toString());
                Fleet.Drain done = fleet.awaitDrain(m, v2, SOON);
                assertTrue(done.done(), done.toString());
            } finally {
                f.raw("DROP TABLE IF EXISTS " + child, "DROP TABLE IF EXISTS " + parent);
            }
        }
    }

    @Test
    void autocommitStatementsLeaveNothingBehind() throws Exception {
        try (StateFixture f = StateFixture.shared(TestDatabase.H2)) {
            String m = f.migration(Phase.OFF, "drn");
            String from = StateFixture.fromTable(m);
            Fleet fleet = f.fleet();
            Connection app = f.tandem("100ms");
            long v1 = flip(fleet, m, Phase.WRITE_BOTH, null);
            assertTrue(eventually(SOON, () -> drained(fleet, m, v1)), () -> "reports " + reported(fleet, m));
            PhaseSnapshot before = app.unwrap(TandemConnection.class).engine().phases();
            assertEquals(v1, before.versionOf(m));

            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, name) VALUES (1, 'one')");
                s.executeQuery("SELECT name FROM " + from).close();
                assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + from
                        + " (id, name) VALUES (1, 'again')"), "a duplicate key");
                s.addBatch("INSERT INTO " + from + " (id, name) VALUES (2, 'two')");
                s.addBatch("UPDATE " + from + " SET name = 'deux' WHERE id = 2");
                s.executeBatch();
                s.execute("SELECT 1"); // names no migrated table
            }
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " (id, name) VALUES (?, ?)")) {
                ps.setInt(1, 3);
                ps.setString(2, "three");
                ps.executeUpdate();
                ps.setInt(1, 4);
                ps.setString(2, "four");
                ps.addBatch();
                ps.setInt(1, 5);
                ps.setString(2, "five");
                ps.addBatch();
                ps.executeBatch();
                ps.setInt(1, 3);
                ps.setString(2, "dup");
                assertThrows(SQLException.class, ps::executeUpdate, "a duplicate key");
            }
            try (PreparedStatement ps = app.prepareStatement("SELECT name FROM " + from + " WHERE id = ?")) {
                ps.setInt(1, 1);
                ps.executeQuery().close();
            }
            assertFalse(before.inUse(), "every autocommit statement ended its use");

            long v2 = flip(fleet, m, Phase.OFF, null);
            assertTrue(eventually(SOON, () -> reported(fleet, m).version() == v2), () -> "reports "
                    + reported(fleet, m));
            Fleet.Drain done = fleet.awaitDrain(m, v2, SOON);
            assertTrue(done.done(), done.toString());
            assertEquals(-1, reported(fleet, m).oldestInUse());
        }
    }

    @Test
    void anAutocommitStatementRunningAcrossAFlipHoldsTheDrainUntilItIsDone() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "drn");
            String from = StateFixture.fromTable(m);
            Fleet fleet = f.fleet();
            Connection app = f.tandem("100ms");
            long v1 = flip(fleet, m, Phase.WRITE_BOTH, null);
            assertTrue(eventually(SOON, () -> drained(fleet, m, v1)), () -> "reports " + reported(fleet, m));
            f.raw("INSERT INTO " + from + " (id, name) VALUES (1, 'one')");
            try (Connection locker = f.connect()) {
                locker.setAutoCommit(false);
                try (Statement s = locker.createStatement()) {
                    s.executeUpdate("UPDATE " + from + " SET name = 'locked' WHERE id = 1");
                }
                CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                    try (Statement s = app.createStatement()) {
                        return s.executeUpdate("UPDATE " + from + " SET name = 'ada' WHERE id = 1");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(300); // the update waits for the lock, with version 1
                assertFalse(blocked.isDone());
                long v2 = flip(fleet, m, Phase.OFF, null);
                assertTrue(eventually(SOON, () -> reported(fleet, m).version() == v2
                        && reported(fleet, m).oldestInUse() == v1), () -> "reports " + reported(fleet, m));
                Cli.Result status = f.cliWithRules("status", m);
                assertTrue(status.out().contains("draining: ") && status.out().contains(
                        " still runs transaction(s) on version " + v1 + " (it applies version " + v2 + ")"),
                        status.toString());
                Cli.Result json = f.cliWithRules("status", m, "--json");
                assertTrue(json.out().contains("\"oldestInUse\":" + v1)
                        || json.out().contains("\"oldestInUse\": " + v1), json.toString());
                assertFalse(fleet.awaitDrain(m, v2, Duration.ofMillis(300)).done());
                locker.commit();
                assertEquals(1, blocked.get(10, TimeUnit.SECONDS), "the update ran once the lock was gone");
                Fleet.Drain done = fleet.awaitDrain(m, v2, SOON);
                assertTrue(done.done(), done.toString());
                Cli.Result after = f.cliWithRules("status", m);
                assertFalse(after.out().contains("draining: "), after.toString());
            }
        }
    }

    @Test
    void theHeartbeatCarriesOldestInUseAndReportsWithoutItStillParse() {
        PhaseSnapshot now = new PhaseSnapshot(Map.of("a", new MigrationState(Phase.READ_BOTH, 10),
                "b", new MigrationState(Phase.OFF, 100)), Map.of("a", 5L, "b", 2L), 9);
        String json = StateStore.phasesJson(now, -1, Map.of("a", 3L, "b", 2L));
        Map<String, InstanceReport.Reported> back = StateStore.parsePhases(json);
        assertEquals(new InstanceReport.Reported("read-both", 10, 5, -1, 3), back.get("a"));
        assertEquals(new InstanceReport.Reported("off", 100, 2), back.get("b"), "not older: left out");
        assertFalse(json.contains("\"b\":{\"phase\":\"off\",\"percent\":100,\"version\":2,\"oldestInUse\""), json);
        assertFalse(back.get("a").drained(5));
        assertTrue(back.get("a").drained(3));
        assertFalse(back.get("b").drained(3), "applies an older version");

        Map<String, InstanceReport.Reported> old = StateStore.parsePhases(
                "{\"a\":{\"phase\":\"write-new\",\"percent\":100,\"version\":7}}");
        assertEquals(new InstanceReport.Reported("write-new", 100, 7, -1, -1), old.get("a"));
        assertTrue(old.get("a").drained(7));
    }

    @Test
    void noUseOfAReplacedSnapshotStartsUnseen() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tandem-drain-");
        try {
            java.nio.file.Files.writeString(dir.resolve("m.yaml"), "migration: m\n"
                    + "from: { table: drn_a, key: [id] }\n"
                    + "to:   { table: drn_b, key: [id] }\n"
                    + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                    + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n"
                    + "phase: off\n");
            StatePoller poller = new StatePoller(dev.tandem.rules.RulesLoader.load(dir.toString(), null), null, null);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<String> unseen = new java.util.concurrent.atomic.AtomicReference<>();
            List<Thread> users = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread user = new Thread(() -> {
                    while (!stop.get()) {
                        PhaseSnapshot s = poller.acquire();
                        if (!poller.watches(s)) {
                            unseen.compareAndSet(null, "a use of version " + s.versionOf("m") + " began unseen (current "
                                    + poller.current().versionOf("m") + ", in use " + s.inUse() + ", watched "
                                    + poller.watched() + ", same " + (s == poller.current()) + ")");
                        }
                        s.release();
                    }
                });
                user.start();
                users.add(user);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            long version = 0;
            while (System.nanoTime() < deadline) {
                version++;
                poller.apply(Map.of("m", new StoredState("m", version % 2 == 0 ? Phase.OFF : Phase.WRITE_BOTH,
                        null, 100, version, null, null, null)));
                poller.oldestInUse(); // forgets the snapshots no longer in use, as each heartbeat does
            }
            stop.set(true);
            for (Thread user : users) {
                user.join();
            }
            assertEquals(null, unseen.get());
            assertTrue(version > 10, "flips: " + version);

            PhaseSnapshot held = poller.acquire();
            poller.apply(Map.of("m", new StoredState("m", Phase.READ_BOTH, null, 5, version + 1, null, null, null)));
            assertEquals(Map.of("m", version), poller.oldestInUse());
            assertTrue(poller.watches(held));
            held.release();
            assertEquals(Map.of(), poller.oldestInUse(), "every use ended");
            assertEquals(0, poller.watched(), "nothing left to watch");
        } finally {
            dev.tandem.testing.TestFiles.deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Flips (gates allowing) and returns the version written. */
    private static long flip(Fleet fleet, String m, Phase phase, Integer percent) throws Exception {
        return fleet.flip(new Fleet.Change(m, phase, percent, false, "test", "drain")).after().version();
    }

    private static boolean drained(Fleet fleet, String m, long version) {
        InstanceReport.Reported r = reported(fleet, m);
        return r.version() >= version && r.oldestInUse() < 0;
    }

    /** What the one live instance that knows m reports; a stand-in when none does yet. */
    private static InstanceReport.Reported reported(Fleet fleet, String m) {
        try {
            Fleet.Convergence c = fleet.convergence(m, Phase.OFF, 100);
            List<InstanceReport> knowing = new ArrayList<>(c.converged());
            knowing.addAll(c.lagging());
            assertFalse(knowing.size() > 1, knowing.toString());
            return knowing.isEmpty() ? new InstanceReport.Reported("none", 0, -1) : knowing.get(0).phases().get(m);
        } catch (SQLException e) {
            return new InstanceReport.Reported("unreadable", 0, -1);
        }
    }
}
