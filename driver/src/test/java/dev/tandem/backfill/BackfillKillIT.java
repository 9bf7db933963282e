package dev.tandem.backfill;

import dev.tandem.state.HistoryEntry;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PRODUCT.md §7: a crash (kill -9) of a backfill loses nothing and resumes from its checkpoint. Runs the packaged
 * {@code tandem-cli.jar} as a child process, kills it ({@code destroyForcibly}, SIGKILL) once it has checkpointed some
 * batches, and runs it again: it resumes where the checkpoint says (rows done go on, not from zero), and {@code to}
 * ends exactly {@code up(from)}. Runs after {@code package} (failsafe).
 */
class BackfillKillIT {
    private static final Path CLI_JAR = Path.of("target", "tandem-cli.jar");
    private static final int ROWS = 20_000;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void killedMidwayItResumesFromItsCheckpoint(TestDatabase db) throws Exception {
        assertTrue(Files.isRegularFile(CLI_JAR), "run after package: " + CLI_JAR.toAbsolutePath());
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, ROWS);
                // slow enough to be killed midway: 500 rows a batch, 4000 rows a second
                Process first = start(f, t, "--batch", "500", "--max-rate", "4000", "--progress-every", "1");
                long killedAt;
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (rowsDone(f, t).orElse(0L) < 3000 && first.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertTrue(first.isAlive(), "still running when killed: " + output(first));
                } finally {
                    first.destroyForcibly();
                }
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
                Checkpoint killed = checkpoint(f, t);
                killedAt = killed.rowsDone();
                assertEquals(Checkpoint.RUNNING, killed.state(), "a killed backfill leaves its checkpoint as it was");
                assertTrue(killedAt >= 3000 && killedAt < ROWS, "killed midway: " + killedAt);
                assertEquals(killedAt, t.count(t.to), "the checkpoint and the data moved together, batch by batch");
                assertEquals("[" + killedAt + "]", killed.lastKey());

                Process second = null;
                String out = "";
                for (int attempt = 0; attempt < 20; attempt++) {
                    second = start(f, t);
                    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run finishes");
                    out = output(second);
                    // the killed session's lock goes with it; the server may take a moment to notice
                    if (second.exitValue() != 2 || !out.contains("is running")) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertEquals(0, second.exitValue(), out);
                assertTrue(out.contains("done (resumed): " + String.format(java.util.Locale.ROOT, "%,d", ROWS)
                        + " rows"), out);
                Checkpoint done = checkpoint(f, t);
                assertEquals(Checkpoint.DONE, done.state());
                assertEquals(ROWS, done.rowsDone(), "rows done went on from the checkpoint, counted once");
                try (Connection c = f.connect()) {
                    HistoryEntry h = new StateStore(StateStore.forConnection(c).dialect()).history(c, t.migrationId, 1)
                            .get(0);
                    assertTrue(h.details().contains("\"resumed\":true")
                            && h.details().contains("\"rowsThisRun\":" + (ROWS - killedAt)), h.details());
                }
                t.assertToIsUpOfFrom();
            } finally {
                t.drop();
            }
        }
    }

    /**
     * Killed four times at random moments (seeded: the seed is printed, and {@code -Dtandem.test.seed=N} replays
     * it): the first time anywhere in 0.1-2.5 s from its start (while the JVM starts, before the first checkpoint, or
     * copying), the others anywhere in the second after the run checkpointed its first batch (mid-batch, between
     * batches). After each kill the
     * checkpoint and the data agree (every committed batch is in {@code to} and counted, a killed batch is neither);
     * a last run finishes, counting every row exactly once, and {@code tandem verify} is clean.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void killedAtRandomMomentsAgainAndAgainItEndsExact(TestDatabase db) throws Exception {
        assertTrue(Files.isRegularFile(CLI_JAR), "run after package: " + CLI_JAR.toAbsolutePath());
        long seed = Long.getLong("tandem.test.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        System.out.println("BackfillKillIT " + db + ": seed " + seed + " (replay with -Dtandem.test.seed=" + seed + ")");
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false, "fault", "fault-");
            try {
                t.insert(t.from, 1, ROWS);
                List<String> kills = new ArrayList<>();
                int midway = 0;
                for (int attempt = 0; attempt < KILLS; attempt++) {
                    long before = rowsDone(f, t).orElse(-1L);
                    Process p = start(f, t, "--batch", "500", "--max-rate", "3000");
                    String when;
                    if (attempt == 0) {
                        // from the start: while the JVM starts, connects, or copies its first batches
                        long delay = 100 + random.nextInt(2400);
                        p.waitFor(delay, TimeUnit.MILLISECONDS);
                        when = delay + " ms after the start";
                    } else {
                        // once this run has checkpointed a batch of its own, then anywhere in the next second:
                        // mid-batch or between batches (a batch every ~170 ms at this rate)
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (p.isAlive() && rowsDone(f, t).orElse(-1L) <= before && System.nanoTime() < deadline) {
                            Thread.sleep(20);
                        }
                        long delay = random.nextInt(1000);
                        p.waitFor(delay, TimeUnit.MILLISECONDS);
                        when = delay + " ms after its first checkpoint";
                    }
                    if (!p.isAlive()) {
                        kills.add("run " + attempt + " ended by itself (exit " + p.exitValue() + ")");
                        if (p.exitValue() == 0) {
                            break;
                        }
                        continue;
                    }
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    Optional<Long> done = rowsDone(f, t);
                    kills.add("killed " + when + " at " + done.map(String::valueOf).orElse("no checkpoint"));
                    if (done.isPresent()) {
                        Checkpoint cp = checkpoint(f, t);
                        if (cp.state().equals(Checkpoint.RUNNING)) {
                            assertEquals(cp.rowsDone(), t.count(t.to), "the checkpoint and the data moved together: "
                                    + kills);
                            if (cp.rowsDone() > 0 && cp.rowsDone() < ROWS) {
                                midway++;
                            }
                        }
                    }
                }
                System.out.println("BackfillKillIT " + db + ": " + kills);
                assertTrue(midway >= 2, "kills landed midway (seed " + seed + "): " + kills);
                Process last = null;
                String out = "";
                for (int attempt = 0; attempt < 20; attempt++) {
                    last = start(f, t);
                    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run finishes");
                    out = output(last);
                    if (last.exitValue() != 2 || !out.contains("is running")) {
                        break;
                    }
                    Thread.sleep(500); // a killed session's lock goes with it, once the server notices
                }
                assertEquals(0, last.exitValue(), out);
                Checkpoint done = checkpoint(f, t);
                assertEquals(Checkpoint.DONE, done.state());
                assertEquals(ROWS, done.rowsDone(), "every row counted exactly once over all the runs: " + kills);
                t.assertToIsUpOfFrom();
                dev.tandem.cli.Cli.Result verify = f.cliWithRules("verify", t.migrationId);
                assertEquals(0, verify.code(), verify.toString());
            } finally {
                t.drop();
            }
        }
    }

    private static final int KILLS = 4;

    private static Process start(StateFixture f, BackfillTables t, String... extra) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-jar", CLI_JAR.toAbsolutePath().toString(),
                "backfill", t.migrationId, "--url", f.url(), "--rules", f.rulesDir().toString()));
        if (f.db.user() != null) {
            command.addAll(List.of("--user", f.db.user()));
        }
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        File log = Files.createTempFile("bf-kill", ".log").toFile();
        log.deleteOnExit();
        builder.redirectOutput(log);
        builder.environment().remove("TANDEM_RULES");
        if (f.db.password() != null) {
            builder.environment().put("TANDEM_PASSWORD", f.db.password());
        }
        Process p = builder.start();
        LOGS.put(p, log.toPath());
        return p;
    }

    private static final java.util.Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String output(Process p) throws Exception {
        return Files.readString(LOGS.get(p), StandardCharsets.UTF_8);
    }

    private static Optional<Long> rowsDone(StateFixture f, BackfillTables t) {
        try (Connection c = f.connect()) {
            return new CheckpointStore(StateStore.forConnection(c).dialect()).read(c, t.migrationId, "forward")
                    .map(Checkpoint::rowsDone);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Checkpoint checkpoint(StateFixture f, BackfillTables t) throws Exception {
        try (Connection c = f.connect()) {
            return new CheckpointStore(StateStore.forConnection(c).dialect()).read(c, t.migrationId, "forward")
                    .orElseThrow();
        }
    }
}
