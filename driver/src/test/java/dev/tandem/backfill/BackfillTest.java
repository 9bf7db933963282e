package dev.tandem.backfill;

import dev.tandem.cli.Cli;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backfill on H2, PostgreSQL and MariaDB, through its Java API: it copies, deletes stale rows, is idempotent,
 * handles composite keys and the reverse direction, resumes from its checkpoint, pauses and resumes.
 */
class BackfillTest {

    private static BackfillResult run(StateFixture f, BackfillTables t, BackfillOptions options) throws Exception {
        try (Connection c = f.connect()) {
            return Backfill.of(c, t.migration(), options).run();
        }
    }

    private static Checkpoint checkpoint(StateFixture f, BackfillTables t, boolean reverse) throws Exception {
        try (Connection c = f.connect()) {
            return new CheckpointStore(StateStore.forConnection(c).dialect())
                    .read(c, t.migrationId, Checkpoint.direction(reverse)).orElseThrow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void copiesEveryRowDeletesStaleOnesAndRunningTwiceChangesNothing(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 2500);
                t.insert(t.to, 7, 3);      // already there, right
                f.raw("UPDATE " + t.to + " SET full_name = 'WRONG' WHERE id = 8");
                t.insert(t.to, 1200, 1);   // right
                t.insert(t.to, 5000, 2);   // past the last row of from: deleted from from long ago
                f.raw("DELETE FROM " + t.from + " WHERE id IN (100, 101)");
                t.insert(t.to, 100, 1);    // in the middle, its row in from gone
                TreeMap<String, String> expected = t.upOfFrom();
                assertEquals(2498, expected.size());

                BackfillResult first = run(f, t, BackfillOptions.defaults().batchSize(1000).actor("test"));
                assertEquals(expected, t.toRows(), "to = up(from)");
                assertEquals(2498, first.rowsDone());
                assertEquals(3, first.orphansDeleted());
                assertFalse(first.resumed());
                assertEquals(3, first.batches());
                Checkpoint cp = checkpoint(f, t, false);
                assertEquals(Checkpoint.DONE, cp.state());
                assertEquals(2498, cp.rowsDone());
                assertEquals(2498L, cp.rowsTotal());
                assertEquals("[5001]", cp.highWater(), "the high-water mark covers to's last key too");
                assertNotNull(cp.finishedAt());

                BackfillResult second = run(f, t, BackfillOptions.defaults().batchSize(700));
                assertEquals(expected, t.toRows(), "running it again changes nothing");
                assertFalse(second.resumed(), "a finished backfill starts over");
                assertEquals(2498, second.rowsDone());
                assertEquals(0, second.orphansDeleted());

                try (Connection c = f.connect()) {
                    List<HistoryEntry> h = new StateStore(StateStore.forConnection(c).dialect())
                            .history(c, t.migrationId, 10);
                    assertEquals(2, h.size());
                    assertEquals(HistoryEntry.BACKFILL, h.get(1).event());
                    assertEquals("ok", h.get(1).outcome());
                    assertEquals("test", h.get(1).actor());
                    assertTrue(h.get(1).details().contains("\"rowsDone\":2498")
                            && h.get(1).details().contains("\"orphansDeleted\":3"), h.get(1).details());
                    assertFalse(h.get(1).details().contains("name-"), "no row values in the history");
                }
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void compositeKeys(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "read-both", true);
            try {
                t.insert(t.from, 1, 2000);
                t.insert(t.to, 3000, 5); // stale, spread over the regions
                f.raw("DELETE FROM " + t.from + " WHERE id BETWEEN 500 AND 520");
                t.insert(t.to, 505, 3);  // stale, inside
                BackfillResult r = run(f, t, BackfillOptions.defaults().batchSize(137));
                assertEquals(t.upOfFrom(), t.toRows());
                assertEquals(2000 - 21, r.rowsDone());
                assertEquals(8, r.orphansDeleted());
                Object[] hw = KeyCodec.decode(checkpoint(f, t, false).highWater());
                assertEquals("r6", hw[0]);
                BackfillResult again = run(f, t, BackfillOptions.defaults().batchSize(1000));
                assertEquals(0, again.orphansDeleted());
                assertEquals(t.upOfFrom(), t.toRows());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reverseDerivesFromFromToThroughDown(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-new", false);
            try {
                t.insert(t.to, 1, 1500);
                t.insert(t.from, 1400, 200); // overlaps (values "name-i" = down's), and 1500..1599 stale
                f.raw("UPDATE " + t.from + " SET name = 'stale' WHERE id = 1450");
                BackfillResult r = run(f, t, BackfillOptions.defaults().reverse(true).batchSize(400));
                assertEquals(t.downOfTo(), t.fromRows(), "from = down(to)");
                assertEquals(1500, r.rowsDone());
                assertEquals(99, r.orphansDeleted());
                assertEquals(Checkpoint.DONE, checkpoint(f, t, true).state());

                BackfillRefusedException wrong = assertThrows(BackfillRefusedException.class,
                        () -> run(f, t, BackfillOptions.defaults()));
                assertTrue(wrong.getMessage().contains("is at phase write-new") && wrong.forceable(),
                        wrong.getMessage());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void refusedWhileTheMirrorIsOff(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "off", false);
            try {
                t.insert(t.from, 1, 10);
                BackfillRefusedException e = assertThrows(BackfillRefusedException.class,
                        () -> run(f, t, BackfillOptions.defaults()));
                assertTrue(e.getMessage().contains("is at phase off") && e.getMessage().contains("write-both"),
                        e.getMessage());
                assertEquals(0, t.count(t.to), "nothing written");
                BackfillRefusedException reverse = assertThrows(BackfillRefusedException.class,
                        () -> run(f, t, BackfillOptions.defaults().reverse(true)));
                assertTrue(reverse.getMessage().contains("needs write-new"), reverse.getMessage());
                BackfillResult forced = run(f, t, BackfillOptions.defaults().force(true));
                assertEquals(10, forced.rowsDone());
            } finally {
                t.drop();
            }
        }
    }

    /** A backfill in batches of 100 that fails (its listener throws) once three batches are committed. */
    private static void failAfterThreeBatches(StateFixture f, BackfillTables t) throws SQLException {
        try (Connection c = f.connect()) {
            RuntimeException boom = assertThrows(RuntimeException.class, () -> Backfill.of(c, t.migration(),
                    BackfillOptions.defaults().batchSize(100)).listener(p -> {
                        if (p.batches() == 3) {
                            throw new IllegalStateException("stopped by the test");
                        }
                    }).run());
            assertEquals("stopped by the test", boom.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void resumesFromItsCheckpointAfterAFailure(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 1000);
                failAfterThreeBatches(f, t);
                Checkpoint failed = checkpoint(f, t, false);
                assertEquals(Checkpoint.FAILED, failed.state());
                assertEquals(300, failed.rowsDone());
                assertEquals("[300]", failed.lastKey());
                assertEquals(300, t.count(t.to), "three batches committed, nothing more");

                List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
                BackfillResult r;
                dev.tandem.metrics.TandemMetrics metrics = dev.tandem.metrics.TandemMetrics.local();
                try (Connection c = f.connect()) {
                    r = Backfill.of(c, t.migration(), BackfillOptions.defaults().batchSize(100)).listener(seen::add)
                            .metrics(metrics).run();
                }
                assertEquals(700, metrics.count("tandem.backfill.rows", "migration", t.migration().id(),
                        "direction", "forward"), "the meter counts the rows synced");
                assertTrue(r.resumed());
                assertEquals(1000, r.rowsDone(), "rows done continue from the checkpoint");
                assertEquals(700, r.rowsThisRun(), "only the rest was synced");
                assertEquals(t.upOfFrom(), t.toRows());
                assertEquals("done", seen.get(seen.size() - 1).state());
                assertEquals(100.0, seen.get(seen.size() - 1).percent());

                BackfillResult restart = run(f, t, BackfillOptions.defaults().restart(true));
                assertFalse(restart.resumed());
                assertEquals(1000, restart.rowsThisRun());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedRunIsNotResumedAfterThePhaseWentThroughOff(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 500);
                Cli.Result toWriteBoth = f.cliWithRules("phase", t.migrationId, "write-both");
                assertEquals(0, toWriteBoth.code(), toWriteBoth.toString());
                failAfterThreeBatches(f, t);
                assertEquals(Checkpoint.FAILED, checkpoint(f, t, false).state());
                // the operator goes back to off; a row behind the checkpoint changes with no mirror; write-both again
                assertEquals(0, f.cliWithRules("phase", t.migrationId, "off").code());
                try (Connection raw = f.connect(); java.sql.Statement s = raw.createStatement()) {
                    s.executeUpdate("UPDATE " + t.from + " SET name = 'changed while off' WHERE id = 5");
                }
                assertEquals(0, f.cliWithRules("phase", t.migrationId, "write-both").code());
                BackfillResult r = run(f, t, BackfillOptions.defaults().batchSize(100));
                assertFalse(r.resumed(), "resuming would skip the row changed while off: it starts over");
                assertEquals(500, r.rowsThisRun());
                assertEquals(t.upOfFrom(), t.toRows());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void stopsWhenThePhaseMovesOutOfItsRangeAndResumesLater(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 500);
                Cli.Result toWriteBoth = f.cliWithRules("phase", t.migrationId, "write-both");
                assertEquals(0, toWriteBoth.code(), toWriteBoth.toString());
                try (Connection c = f.connect()) {
                    SQLException stopped = assertThrows(SQLException.class, () -> Backfill.of(c, t.migration(),
                            BackfillOptions.defaults().batchSize(100)).listener(p -> {
                                if (p.batches() == 2 && p.state().equals("running")) {
                                    // the operator flips the migration back while batch 3 is about to start
                                    Cli.Result off = f.cliWithRules("phase", t.migrationId, "off");
                                    assertEquals(0, off.code(), off.toString());
                                }
                            }).run());
                    assertTrue(stopped.getMessage().contains("moved to phase off while the backfill ran"),
                            stopped.getMessage());
                }
                Checkpoint stopped = checkpoint(f, t, false);
                assertEquals(Checkpoint.STOPPED, stopped.state());
                assertEquals(200, stopped.rowsDone(), "two batches, then it stopped");
                assertEquals(200, t.count(t.to));
                // while off, a row behind the checkpoint changed unmirrored: the next run must not skip it
                try (Connection raw = f.connect(); java.sql.Statement s = raw.createStatement()) {
                    s.executeUpdate("UPDATE " + t.from + " SET name = 'changed while off'"
                            + " WHERE id = 5");
                }
                Cli.Result back = f.cliWithRules("phase", t.migrationId, "write-both");
                assertEquals(0, back.code(), back.toString());
                BackfillResult r = run(f, t, BackfillOptions.defaults().batchSize(100));
                assertFalse(r.resumed(), "a stopped run is not resumed: it starts over");
                assertEquals(500, r.rowsThisRun());
                assertEquals(t.upOfFrom(), t.toRows());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pausesAndResumesWhileRunning(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 600);
                List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread runner = new Thread(() -> {
                    try (Connection c = f.connect()) {
                        outcome.set(Backfill.of(c, t.migration(), BackfillOptions.defaults().batchSize(10)
                                .pollInterval(Duration.ofMillis(20))).listener(p -> {
                                    seen.add(p);
                                    if (p.batches() == 5 && p.state().equals("running")) {
                                        try (Connection other = f.connect()) {
                                            // an operator, from elsewhere, while batch 6 is about to start
                                            assertTrue(Backfill.setPaused(other, t.migrationId, false, true));
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                    }
                                }).run());
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                });
                runner.start();
                assertTrue(StateFixture.eventually(Duration.ofSeconds(30), () -> seen.stream()
                        .filter(p -> p.state().equals("paused")).count() >= 5), "the backfill reports it is paused");
                Checkpoint paused = checkpoint(f, t, false);
                assertEquals(Checkpoint.PAUSED, paused.state());
                assertTrue(paused.paused());
                assertEquals(50, paused.rowsDone(), "no batch while paused");
                assertEquals(50, t.count(t.to));
                Cli.Result status = f.cliWithRules("status", t.migrationId);
                assertEquals(0, status.code(), status.toString());
                assertTrue(status.out().contains("backfill: paused, 50/600 rows (8.3%)"), status.out());

                Cli.Result resume = f.cli("backfill", t.migrationId, "--resume");
                assertEquals(0, resume.code(), resume.toString());
                runner.join(60_000);
                assertTrue(outcome.get() instanceof BackfillResult, String.valueOf(outcome.get()));
                assertEquals(600, ((BackfillResult) outcome.get()).rowsDone());
                assertEquals(t.upOfFrom(), t.toRows());
                Checkpoint done = checkpoint(f, t, false);
                assertEquals(Checkpoint.DONE, done.state());
                assertFalse(done.paused());
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnLevelMigrationsBothWays(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String table = dev.tandem.testing.TestTables.unique("bf");
            String id = "bf-" + table.replace('_', '-');
            f.raw("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(60), full_name VARCHAR(60))");
            try {
                try (Connection c = f.connect(); var ps = c.prepareStatement("INSERT INTO " + table
                        + " (id, name, full_name) VALUES (?, ?, ?)")) {
                    for (int i = 1; i <= 700; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "name-" + i);
                        ps.setString(3, i % 3 == 0 ? "NAME-" + i : null); // some already right
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                java.nio.file.Path rules = f.rulesDir().resolve(id + ".yaml");
                java.nio.file.Files.writeString(rules, String.join("\n", "migration: " + id,
                        "from: { table: " + table + ", key: [id] }", "to: { table: " + table + ", key: [id] }",
                        "up:", "  full_name: \"UPPER(name)\"", "down:", "  name: \"LOWER(full_name)\"",
                        "phase: write-both", ""));
                f.track(id);
                var m = dev.tandem.rules.RulesLoader.load(rules.toString(), null).migration(id).orElseThrow();
                BackfillResult r;
                try (Connection c = f.connect()) {
                    r = Backfill.of(c, m, BackfillOptions.defaults().batchSize(128)).run();
                }
                assertEquals(700, r.rowsDone());
                assertEquals(0, r.orphansDeleted());
                assertEquals(0, mismatches(f, "SELECT COUNT(*) FROM " + table
                        + " WHERE full_name IS NULL OR full_name <> UPPER(name)"));

                f.raw("UPDATE " + table + " SET full_name = 'SOMEONE ELSE' WHERE id BETWEEN 10 AND 19");
                try (Connection c = f.connect()) {
                    r = Backfill.of(c, m.withPhase(dev.tandem.rules.Phase.WRITE_NEW, 100),
                            BackfillOptions.defaults().reverse(true).batchSize(100)).run();
                }
                assertEquals(700, r.rowsDone());
                assertEquals(0, mismatches(f, "SELECT COUNT(*) FROM " + table + " WHERE name <> LOWER(full_name)"));
                assertEquals(10, mismatches(f, "SELECT COUNT(*) FROM " + table + " WHERE name = 'someone else'"));
            } finally {
                try (Connection c = f.connect()) {
                    dev.tandem.testing.TestTables.drop(c, table);
                }
            }
        }
    }

    private static long mismatches(StateFixture f, String sql) throws Exception {
        try (Connection c = f.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
