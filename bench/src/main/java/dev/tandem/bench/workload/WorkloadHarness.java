package dev.tandem.bench.workload;

import dev.tandem.engine.TandemEngine;
import dev.tandem.state.StatePoller;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload harness: for each database, every configuration once per round, the order rotated each round
 * (A/B/A/B...) so that the machine's drift falls on every configuration alike; then the report, written as
 * {@code <out>/<name>.md} and {@code <out>/<name>.svg}.
 */
public final class WorkloadHarness {
    private WorkloadHarness() {
    }

    /** Runs everything the options say and writes the report; progress goes to {@code progress}. */
    public static Report run(WorkloadOptions options, PrintStream progress) throws SQLException, IOException,
            InterruptedException {
        List<Target> targets = new ArrayList<>();
        for (Target.Kind kind : options.databases()) {
            Target t = Target.configured(kind);
            if (t == null) {
                throw new IllegalArgumentException(kind.displayName() + " was asked for but " + kind.urlVariable()
                        + " is not set (also _USER and _PASSWORD): see bench/README.md");
            }
            targets.add(t);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no database to run against");
        }
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = Machine.load();
        Path rulesRoot = Files.createTempDirectory("bn-rules");
        RulesFiles rules = RulesFiles.writeUnder(rulesRoot);
        Map<Target.Kind, String> versions = new LinkedHashMap<>();
        List<RunResult> results = new ArrayList<>();
        try {
            for (Target target : targets) {
                Runner runner = new Runner(target, rules, options);
                try (BenchLock lock = BenchLock.acquire(target, progress)) {
                    try (Connection c = target.connect()) {
                        versions.put(target.kind(), Machine.database(c));
                        runner.schema().create(c);
                    }
                    try {
                        runRounds(target, runner, options, results, progress);
                    } finally {
                        try (Connection c = target.connect()) {
                            runner.schema().drop(c);
                        }
                    }
                }
            }
        } finally {
            TandemEngine.forgetAll();
            for (Target target : targets) {
                forgetHeartbeats(target);
            }
            deleteTree(rulesRoot);
        }
        Report report = new Report(options, Machine.describe(), versions, results, started, loadBefore,
                Machine.load());
        Files.createDirectories(options.out());
        Path md = options.out().resolve(options.name() + ".md");
        Path svg = options.out().resolve(options.name() + ".svg");
        Files.writeString(md, report.markdown());
        Files.writeString(svg, report.svg());
        progress.println("wrote " + md + " and " + svg);
        return report;
    }

    private static void runRounds(Target target, Runner runner, WorkloadOptions options, List<RunResult> results,
                                  PrintStream progress) throws SQLException, InterruptedException {
        List<Configuration> configs = options.configurations();
        int warmUpOps = Math.max(options.threads(), options.operations() / 5);
        for (int w = 0; w < options.warmUpRounds(); w++) {
            for (Configuration c : configs) {
                RunResult r = runner.run(c, -1 - w, warmUpOps, options.warmUpOperations());
                progress.printf(Locale.ROOT, "[%s] warm-up %d/%d %-45s %,10.0f ops/s%n", target.kind().id(), w + 1,
                        options.warmUpRounds(), c.label(), r.throughput());
            }
        }
        for (int round = 0; round < options.rounds(); round++) {
            for (int i = 0; i < configs.size(); i++) {
                Configuration c = configs.get((i + round) % configs.size());
                RunResult r = runner.run(c, round, options.operations(), options.warmUpOperations());
                results.add(r);
                progress.printf(Locale.ROOT, "[%s] round %d/%d %-45s %,10.0f ops/s  p50 %8.1f µs  p99 %8.1f µs"
                                + "  cpu %6.1f µs/op  drift %d  errors %d%n", target.kind().id(), round + 1,
                        options.rounds(), c.label(), r.throughput(), r.latencyMicros(0.5), r.latencyMicros(0.99),
                        r.cpuMicrosPerOperation(), r.drift(), r.errors());
            }
        }
    }

    /** Deletes this process's heartbeats from {@code tandem_instances}, where some test created the control tables. */
    private static void forgetHeartbeats(Target target) {
        try (Connection c = target.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM tandem_instances WHERE host = ? AND pid = ?")) {
            ps.setString(1, StatePoller.host());
            ps.setLong(2, StatePoller.pid());
            ps.executeUpdate();
        } catch (SQLException e) {
            // no control tables in this database: nothing was reported there
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
