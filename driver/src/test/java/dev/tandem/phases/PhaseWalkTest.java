package dev.tandem.phases;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.backfill.BackfillResult;
import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole parallel change, walked forward and back with the CLI while an application keeps working: off →
 * write-both → read-both → read-new → write-new and back down to off, on H2, PostgreSQL and MariaDB, with several
 * threads writing and reading through a HikariCP pool of Tandem connections the whole time.
 *
 * <p>Each worker owns its rows (column {@code owner}) and keeps a model of them: what the old schema holds after the
 * writes it saw succeed. Every read it makes, whichever structure serves it, must return exactly the model. At each
 * step the workload is paused between operations (never inside one) and the databases are checked: {@code from}
 * holds every write (no write lost), and from write-both on {@code to = up(from)} and {@code from = down(to)} row for
 * row.
 *
 * <p>Rows written while the migration was {@code off} reach {@code to} through the backfill, run right after the flip
 * to write-both while the workload goes on; everything else reaches {@code to} through the driver.
 */
class PhaseWalkTest {

    /** One step of the walk: the CLI's phase arguments and how long the workload runs in it. */
    private record Step(String phase, int percent, boolean force, boolean backfillAfter, boolean toMaintained) {
    }

    private static final List<Step> WALK = List.of(
            new Step("write-both", 100, false, true, true),
            new Step("read-both", 50, false, false, true),
            new Step("read-both", 100, false, false, true),
            new Step("read-new", 50, true, false, true), // forced: the verify command comes with the backfill
            new Step("read-new", 100, false, false, true),
            new Step("write-new", 100, false, false, true),
            new Step("read-new", 100, false, false, true),
            new Step("read-both", 100, false, false, true),
            new Step("write-both", 100, false, false, true),
            new Step("off", 100, false, false, false));

    private static final int WORKERS = 4;
    private static final long STEP_MILLIS = 1500;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theWholeWalkUnderLoadLosesNothingAndEveryReadIsTheOldSchemasAnswer(TestDatabase db) throws Exception {
        try (StateFixture fixture = StateFixture.shared(db)) {
            Tables tables = Tables.create(fixture, db);
            String migration = "walk-" + tables.from.replace('_', '-');
            fixture.track(migration);
            Files.writeString(fixture.rulesDir().resolve("walk.yaml"), tables.rules(migration));
            try (HikariDataSource pool = pool(fixture);
                 Workload workload = new Workload(pool, tables.from, WORKERS)) {
                // the first instance starts with the rules file's phase (off): the fleet follows the CLI from there
                workload.start();
                Thread.sleep(STEP_MILLIS);
                check(workload, tables, false, "off");
                for (Step step : WALK) {
                    List<String> args = new ArrayList<>(List.of(migration, step.phase(),
                            "--reason", "phase walk", "--wait", "30"));
                    if (step.phase().startsWith("read-")) {
                        args.addAll(List.of("--percent", Integer.toString(step.percent())));
                    }
                    if (step.force()) {
                        args.add("--force");
                    }
                    Cli.Result flip = fixture.cliWithRules("phase", args.toArray(new String[0]));
                    assertEquals(0, flip.code(), "flip to " + step + ": " + flip);
                    if (step.backfillAfter()) {
                        tables.backfill(migration); // while the workload goes on
                    }
                    Thread.sleep(STEP_MILLIS);
                    check(workload, tables, step.toMaintained(), step.phase() + " " + step.percent() + "%");
                }
                workload.stop();
                MigrationMeters meters;
                try (Connection c = pool.getConnection()) {
                    TandemEngine engine = c.unwrap(TandemConnection.class).engine();
                    meters = engine.meters(engine.rules().migration(migration).orElseThrow());
                }
                assertTrue(meters.shadowCount("match") > 50, "read-both compared reads: " + meters.shadowCount("match"));
                assertEquals(0, meters.shadowCount("mismatch"), "no shadow read found a difference");
                assertEquals(0, meters.shadowCount("error"), "no shadow read failed");
                // A mirror that fails in a best-effort phase without ending the transaction would leave drift (caught
                // above); one that ends it (a deadlock) reaches the application, which retries. Deadlocks are a fact of
                // life under concurrency, but the mirror must not make them common (it once did, on MariaDB: 4%).
                assertTrue(meters.mirrorFailures() <= workload.retries(),
                        "every failed mirror reached the application: " + meters.mirrorFailures() + " failed, "
                                + workload.retries() + " retried");
                assertTrue(workload.retries() * 100 <= workload.operations(), "deadlocks stay rare: "
                        + workload.retries() + " of " + workload.operations() + " operations");
                assertTrue(workload.failures.isEmpty(), () -> "the application saw wrong answers or errors:\n"
                        + String.join("\n", workload.failures.stream().limit(20).toList()));
                assertTrue(workload.operations() > 200, "the workload ran: " + workload.operations() + " operations");
                System.out.printf("phase walk on %s: %d operations, %d reads checked, %d retried after a deadlock"
                        + " or serialization failure; shadow reads: %d match, %d transient, %d skipped%n", db,
                        workload.operations(), workload.readsChecked(), workload.retries(),
                        meters.shadowCount("match"), meters.shadowCount("transient"), meters.shadowCount("skipped"));
            } finally {
                tables.drop();
            }
        }
    }

    private static HikariDataSource pool(StateFixture fixture) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fixture.tandemUrl());
        Properties p = fixture.db.properties();
        p.forEach((k, v) -> config.addDataSourceProperty(k.toString(), v));
        if (p.getProperty("user") != null) {
            config.setUsername(p.getProperty("user"));
        }
        config.setPassword(p.getProperty("password", ""));
        config.addDataSourceProperty("tandem.rules", fixture.rulesDir().toString());
        config.addDataSourceProperty("tandem.poll", "100ms");
        config.setMaximumPoolSize(WORKERS + 1);
        config.setPoolName("phase-walk");
        return new HikariDataSource(config);
    }

    /** With the workload paused: nothing lost, and (when {@code to} is maintained) both structures agree. */
    private static void check(Workload workload, Tables tables, boolean toMaintained, String where) throws Exception {
        workload.paused(() -> {
            TreeMap<Long, String> model = workload.model();
            TreeMap<Long, String> from = tables.fromRows();
            assertEquals(model, from, where + ": from holds exactly the writes the application saw succeed");
            if (toMaintained) {
                assertEquals(tables.upOfFrom(), tables.toRows(), where + ": to = up(from), row for row");
                assertEquals(from, tables.downOfTo(), where + ": from = down(to), row for row");
            }
        });
    }

    /** person(id, owner, first_name, last_name DEFAULT 'Doe', email) and people(id, owner, full_name, email). */
    private static final class Tables {
        final StateFixture fixture;
        final TestDatabase db;
        final String from;
        final String to;
        final String sequence;

        private Tables(StateFixture fixture, TestDatabase db, String from, String to, String sequence) {
            this.fixture = fixture;
            this.db = db;
            this.from = from;
            this.to = to;
            this.sequence = sequence;
        }

        /** Both keyed by one series (a shared sequence; AUTO_INCREMENT on MariaDB) so write-new can insert. */
        static Tables create(StateFixture fixture, TestDatabase db) throws SQLException {
            String from = TestTables.unique("walkp");
            String to = from + "_to";
            String sequence = db == TestDatabase.MARIADB ? null : from + "_seq";
            String key;
            if (db == TestDatabase.MARIADB) {
                key = "id BIGINT AUTO_INCREMENT PRIMARY KEY";
            } else {
                key = "id BIGINT DEFAULT " + (db == TestDatabase.POSTGRESQL ? "nextval('" + sequence + "')"
                        : "NEXT VALUE FOR " + sequence) + " PRIMARY KEY";
            }
            List<String> ddl = new ArrayList<>();
            if (sequence != null) {
                ddl.add("CREATE SEQUENCE " + sequence);
            }
            ddl.add("CREATE TABLE " + from + " (" + key + ", owner INT NOT NULL, first_name VARCHAR(50) NOT NULL,"
                    + " last_name VARCHAR(50) DEFAULT 'Doe' NOT NULL, email VARCHAR(100))");
            ddl.add("CREATE TABLE " + to + " (" + key + ", owner INT NOT NULL, full_name VARCHAR(101) NOT NULL,"
                    + " email VARCHAR(100))");
            fixture.raw(ddl.toArray(new String[0]));
            return new Tables(fixture, db, from, to, sequence);
        }

        String rules(String migration) {
            return String.join("\n",
                    "migration: " + migration,
                    "from: { table: " + from + ", key: [id] }",
                    "to: { table: " + to + ", key: [id] }",
                    "up:",
                    "  id: id",
                    "  owner: owner",
                    "  full_name: \"CONCAT(first_name, ' ', last_name)\"",
                    "  email: email",
                    "down:",
                    "  id: id",
                    "  owner: owner",
                    "  first_name: \"SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)\"",
                    "  last_name: \"SUBSTRING(full_name, POSITION(' ' IN full_name) + 1)\"",
                    "  email: email",
                    "phase: off", "");
        }

        /** The rows written while off, copied by the backfill while the application keeps writing. */
        void backfill(String migration) throws Exception {
            Migration m = RulesLoader.load(fixture.rulesDir().toString(), null).migration(migration).orElseThrow();
            try (Connection c = fixture.connect()) {
                BackfillResult r = Backfill.of(c, m, BackfillOptions.defaults().batchSize(20).actor("phase walk"))
                        .run();
                assertTrue(r.rowsDone() > 0, "the backfill found the rows written while off: " + r);
            }
        }

        TreeMap<Long, String> fromRows() throws SQLException {
            return rows("SELECT id, owner, first_name, last_name, email FROM " + from);
        }

        TreeMap<Long, String> downOfTo() throws SQLException {
            return rows("SELECT id, owner, SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1),"
                    + " SUBSTRING(full_name, POSITION(' ' IN full_name) + 1), email FROM " + to);
        }

        TreeMap<Long, String> toRows() throws SQLException {
            return rows("SELECT id, owner, full_name, email FROM " + to);
        }

        TreeMap<Long, String> upOfFrom() throws SQLException {
            return rows("SELECT id, owner, CONCAT(first_name, ' ', last_name), email FROM " + from);
        }

        private TreeMap<Long, String> rows(String sql) throws SQLException {
            try (Connection c = fixture.connect()) {
                return TestTables.rowsByKey(c, sql);
            }
        }

        void drop() throws SQLException {
            try (Connection c = fixture.connect()) {
                TestTables.drop(c, from, to);
                if (sequence != null) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP SEQUENCE IF EXISTS " + sequence);
                    }
                }
            }
        }
    }

    /** An action that may throw, run with the workload paused. */
    interface Paused {
        void run() throws Exception;
    }

    /** The application: worker threads over the pool, each with its own rows and a model of them. */
    static final class Workload implements AutoCloseable {
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
        private final List<Worker> workers = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Workload(HikariDataSource pool, String from, int count) {
            for (int owner = 1; owner <= count; owner++) {
                workers.add(new Worker(pool, from, owner, failures, 7919L * owner));
            }
        }

        void start() {
            for (Worker w : workers) {
                Thread t = new Thread(() -> {
                    while (running) {
                        gate.readLock().lock();
                        try {
                            if (running) {
                                w.step();
                            }
                        } finally {
                            gate.readLock().unlock();
                        }
                    }
                }, "walk-worker-" + w.owner);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        /** Runs {@code action} between operations: no worker is inside one while it runs. */
        void paused(Paused action) throws Exception {
            if (!gate.writeLock().tryLock(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the workload did not pause within 60 s (a worker is stuck)");
            }
            try {
                action.run();
            } finally {
                gate.writeLock().unlock();
            }
        }

        /** Every worker's model: id → "owner|first|last|email". */
        TreeMap<Long, String> model() {
            TreeMap<Long, String> all = new TreeMap<>();
            for (Worker w : workers) {
                for (Map.Entry<Long, Worker.Person> e : w.model.entrySet()) {
                    all.put(e.getKey(), w.owner + "|" + e.getValue().first() + "|" + e.getValue().last() + "|"
                            + e.getValue().email());
                }
            }
            return all;
        }

        long operations() {
            return workers.stream().mapToLong(w -> w.operations).sum();
        }

        long readsChecked() {
            return workers.stream().mapToLong(w -> w.readsChecked).sum();
        }

        long retries() {
            return workers.stream().mapToLong(w -> w.retries).sum();
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(30_000);
                if (t.isAlive()) {
                    failures.add(t.getName() + " did not stop");
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
