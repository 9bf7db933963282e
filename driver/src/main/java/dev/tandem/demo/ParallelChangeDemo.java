package dev.tandem.demo;

import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.backfill.BackfillProgress;
import dev.tandem.backfill.BackfillResult;
import dev.tandem.contract.Contract;
import dev.tandem.contract.ContractGate;
import dev.tandem.ddl.SchemaChangePlan;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesLoader;
import dev.tandem.schemachange.SchemaChangePlanner;
import dev.tandem.sql.Dialect;
import dev.tandem.state.Fleet;
import dev.tandem.verify.Verify;
import dev.tandem.verify.VerifyReport;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole parallel change on an embedded H2 database, under a live workload, with the same Java APIs the CLI
 * commands are shells over: {@code person(first_name, last_name)} becomes {@code people(full_name)}. Expand (the DDL
 * of {@code plan}), write-both, backfill, verify, read-both (shadow reads compared), read-new, write-new, verify
 * again, the application's new code deployed, and contract (the gate, then the DROP). Prints a timeline; returns 0
 * when every verify was clean, the workload met no error and the contract went through.
 */
public final class ParallelChangeDemo {
    static final String RULES = "classpath:dev/tandem/demo/person-to-people.yaml";
    private static final String MIGRATION = "person-to-people";
    /** How long write-new and the new code must hold before the contract (24 h in production). */
    private static final Duration SOAK = Duration.ofSeconds(2);

    private final PrintStream out;
    private final Consumer<BackfillProgress> progress;
    private final long started = System.nanoTime();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param progress shows the backfill's progress (a bar on a terminal, plain lines otherwise)
     */
    public ParallelChangeDemo(PrintStream out, Consumer<BackfillProgress> progress) {
        this.out = out;
        this.progress = progress;
    }

    /** Runs the demo with {@code rows} people in the old table to start with. */
    public int run(int rows, int threads) throws Exception {
        String database = "jdbc:h2:mem:tandem-demo-" + Long.toHexString(System.nanoTime()) + ";DB_CLOSE_DELAY=-1";
        String app = "jdbc:tandem:" + database.substring("jdbc:".length()) + ";tandem.rules=" + RULES
                + ";tandem.poll=100ms";
        RuleSet rules = RulesLoader.load(RULES, ParallelChangeDemo.class.getClassLoader());
        Migration m = rules.migration(MIGRATION).orElseThrow();
        try (Connection raw = DriverManager.getConnection(database)) {
            setUp(raw, rows);
            step("person holds " + count(raw, "person") + " rows (the old structure: first_name, last_name)");
            Fleet fleet = new Fleet(raw, Dialect.H2, rules);
            fleet.init();
            step("tandem init: control tables created");

            SchemaChangePlan plan = SchemaChangePlanner.plan(raw, m, Dialect.H2);
            try (Statement s = raw.createStatement()) {
                for (String ddl : plan.expand()) {
                    s.execute(ddl);
                    step("expand (tandem plan): " + ddl);
                }
            }

            try (DemoWorkload workload = new DemoWorkload(app, rows).start(threads);
                 Connection probe = DriverManager.getConnection(app)) {
                TandemEngine engine = probe.unwrap(TandemConnection.class).engine();
                step("the application runs " + threads + " threads through " + app.replace(RULES, "<rules>")
                        + " (phase off)");
                pause(1);

                flip(fleet, Phase.WRITE_BOTH, 100);
                pause(1);
                BackfillResult backfill = Backfill.of(raw, m, BackfillOptions.defaults().actor("demo"))
                        .listener(progress).run();
                step(String.format("backfill: %,d rows in %.1f s (%,.0f rows/s), high-water mark taken at the start;"
                        + " later rows are the mirror's", backfill.rowsThisRun(),
                        backfill.elapsed().toMillis() / 1000.0, backfill.rowsPerSecond()));
                verify(raw, m);

                MigrationMeters meters = engine.meters(m);
                flip(fleet, Phase.READ_BOTH, 100);
                pause(3);
                step(String.format("read-both: %,d shadow reads compared: %,d match, %,d mismatch, %,d transient",
                        meters.shadowCount("match") + meters.shadowCount("mismatch")
                                + meters.shadowCount("transient"), meters.shadowCount("match"),
                        meters.shadowCount("mismatch"), meters.shadowCount("transient")));
                if (meters.shadowCount("mismatch") > 0) {
                    problems.add("shadow mismatches in read-both");
                }

                flip(fleet, Phase.READ_NEW, 100);
                pause(2);
                flip(fleet, Phase.WRITE_NEW, 100);
                pause(2);
                verify(raw, m);

                workload.deployNewCode();
                step("the application's new code is deployed: it reads and writes people (full_name) itself");
                pause(SOAK.toMillis() / 1000.0 + 1.5);

                Contract contract = new Contract(fleet, new ContractGate(fleet, SOAK, true));
                Contract.Outcome done = contract.execute(MIGRATION, plan.contract(), Duration.ofSeconds(10), "demo",
                        s -> step("contract: " + s));
                for (ContractGate.Check c : done.report().checks()) {
                    out.println("           " + c);
                }
                if (!done.done()) {
                    problems.add("contract: " + done.stopped());
                }
                pause(1);
                long operations = workload.operations();
                long errors = workload.errors();
                workload.close();
                step(String.format("the workload ran %,d operations with %d error(s)%s", operations, errors,
                        errors == 0 ? "" : ": " + workload.firstError()));
                if (errors > 0) {
                    problems.add(errors + " workload error(s)");
                }
            }
            step("people holds " + count(raw, "people") + " rows; person " + (exists(raw, "person")
                    ? "still exists" : "is gone"));
        }
        out.println();
        if (problems.isEmpty()) {
            out.printf("done in %.1f s: a whole parallel change under load, every verify clean, nothing lost.%n",
                    seconds());
            return 0;
        }
        out.println("FAILED: " + String.join("; ", problems));
        return 1;
    }

    private void setUp(Connection raw, int rows) throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE SEQUENCE person_id_seq");
            s.execute("CREATE TABLE person (id BIGINT DEFAULT NEXT VALUE FOR person_id_seq PRIMARY KEY,"
                    + " first_name VARCHAR(50) NOT NULL, last_name VARCHAR(50) DEFAULT 'Doe' NOT NULL,"
                    + " email VARCHAR(100))");
            s.execute("INSERT INTO person (first_name, last_name, email) SELECT"
                    + " CASE MOD(X, 5) WHEN 0 THEN 'Ada' WHEN 1 THEN 'Alan' WHEN 2 THEN 'Grace' WHEN 3 THEN 'Edsger'"
                    + " ELSE 'Barbara' END,"
                    + " CASE MOD(X, 7) WHEN 0 THEN 'Lovelace' WHEN 1 THEN 'Turing' WHEN 2 THEN 'Hopper'"
                    + " WHEN 3 THEN 'Dijkstra' WHEN 4 THEN 'Liskov' WHEN 5 THEN 'Knuth' ELSE 'Wirth' END,"
                    + " 'person' || X || '@example.com' FROM SYSTEM_RANGE(1, " + rows + ")");
        }
    }

    private void flip(Fleet fleet, Phase phase, int percent) throws Exception {
        Fleet.Flip flip = fleet.flip(new Fleet.Change(MIGRATION, phase, phase == Phase.READ_BOTH
                || phase == Phase.READ_NEW ? percent : null, false, "demo", null));
        Fleet.Convergence c = fleet.awaitConvergence(MIGRATION, phase, flip.after().percent(), Duration.ofSeconds(10));
        step("tandem phase " + phase.id() + (phase == Phase.READ_BOTH || phase == Phase.READ_NEW ? " " + percent
                + "%" : "") + ": every instance applies it (" + c.converged().size() + " live)"
                + (c.done() ? "" : ", " + c.lagging().size() + " LAGGING"));
        if (!c.done()) {
            problems.add(phase.id() + " did not converge");
        }
    }

    private void verify(Connection raw, Migration m) throws Exception {
        VerifyReport r = Verify.of(raw, Dialect.H2, m).run();
        Verify.record(raw, Dialect.H2, r, "demo");
        step(String.format("verify: %,d rows compared in %d chunk(s): %d missing, %d extra, %d different -> %s",
                r.rowsCompared(), r.chunks(), r.missing(), r.extra(), r.different(), r.clean() ? "clean" : "DRIFT"));
        if (!r.clean()) {
            problems.add("verify found drift");
        }
    }

    private void step(String what) {
        out.printf("[%6.2fs] %s%n", seconds(), what);
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void pause(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean exists(Connection c, String table) {
        try {
            count(c, table);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
