package dev.tandem.bench.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one configuration once on one database: reloads the tables, installs the configuration's trigger if it has
 * one, opens a HikariCP pool (the raw URL or {@code jdbc:tandem:} with the configuration's rules), warms up, then
 * runs the measured operations on {@code threads} threads that start together, and measures the new structure's
 * drift afterwards.
 */
final class Runner {
    /** Keys of rows inserted during warm-up start here; measured inserts start at {@link #MEASURED_IDS}. */
    private static final long WARM_UP_IDS = 1_000_000_000L;
    private static final long MEASURED_IDS = 2_000_000_000L;
    /** Attempts of a step that failed with a serialization failure or deadlock (SQLState class 40). */
    private static final int ATTEMPTS = 5;

    private final Target target;
    private final Schema schema;
    private final RulesFiles rules;
    private final WorkloadOptions options;

    Runner(Target target, RulesFiles rules, WorkloadOptions options) {
        this.target = target;
        this.schema = new Schema(target);
        this.rules = rules;
        this.options = options;
    }

    Schema schema() {
        return schema;
    }

    RunResult run(Configuration config, int round, int operations, int warmUpOperations) throws SQLException,
            InterruptedException {
        try (Connection admin = target.connect()) {
            schema.reset(admin, options.rows());
            schema.installTrigger(admin, config.trigger());
        }
        try (HikariDataSource pool = pool(config)) {
            if (warmUpOperations > 0) {
                drive(pool, config, warmUpOperations, options.seed() + 7919L * (round + 1), WARM_UP_IDS);
            }
            Drive measured = drive(pool, config, operations, options.seed(), MEASURED_IDS);
            long drift;
            try (Connection admin = target.connect()) {
                schema.dropTriggers(admin);
                drift = schema.drift(admin, config.columnLevel());
            }
            return new RunResult(target.kind(), config, round, measured.operations, measured.wallNanos,
                    measured.cpuNanos, measured.latencies, measured.retries.get(), measured.errors.get(), measured.firstError.get(),
                    drift);
        } finally {
            try (Connection admin = target.connect()) {
                schema.dropTriggers(admin);
            }
        }
    }

    private HikariDataSource pool(Configuration config) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("bn-" + config);
        hc.setMaximumPoolSize(options.threads());
        hc.setMinimumIdle(options.threads());
        hc.setDataSourceProperties(target.properties());
        if (config.driver() == Configuration.Driver.TANDEM) {
            hc.setJdbcUrl(target.tandemUrl());
            hc.addDataSourceProperty("tandem.rules", rules.location(config.rules()).toString());
        } else {
            hc.setJdbcUrl(target.url());
        }
        return new HikariDataSource(hc);
    }

    /** What the threads of one drive measured. */
    private static final class Drive {
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        int operations;
        long wallNanos;
        long cpuNanos;
        long[] latencies;
    }

    private Drive drive(HikariDataSource pool, Configuration config, int operations, long seed, long idBase)
            throws InterruptedException {
        int threads = options.threads();
        Drive drive = new Drive();
        long[][] perThread = new long[threads][];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] ends = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int count = operations / threads + (t < operations % threads ? 1 : 0);
            Workload.Sequence sequence = new Workload.Sequence(seed, thread, options.rows(), idBase);
            Workload.Step[] steps = new Workload.Step[count];
            for (int i = 0; i < count; i++) {
                steps[i] = sequence.next();
            }
            perThread[t] = new long[count];
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long[] lat = perThread[thread];
                for (int i = 0; i < steps.length; i++) {
                    long start = System.nanoTime();
                    runStep(pool, steps[i], config, drive);
                    lat[i] = System.nanoTime() - start;
                }
                ends[thread] = System.nanoTime();
            }, "bn-worker-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long end = Arrays.stream(ends).max().orElse(start);
        drive.cpuNanos = Math.max(0, processCpuNanos() - cpuStart);
        drive.operations = operations;
        drive.wallNanos = Math.max(1, end - start);
        drive.latencies = Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
        return drive;
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void runStep(HikariDataSource pool, Workload.Step step, Configuration config, Drive drive) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                Workload.execute(c, step, config.writes());
                return;
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (state != null && state.startsWith("40") && attempt < ATTEMPTS) {
                    drive.retries.incrementAndGet();
                    continue;
                }
                drive.errors.incrementAndGet();
                drive.firstError.compareAndSet(null, step.op() + ": " + e.getSQLState() + " " + e.getMessage());
                return;
            }
        }
    }
}
