package dev.tandem.backfill;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.StateStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;

/**
 * How fast the backfill copies on PostgreSQL, against the fastest copy there is (one
 * {@code INSERT INTO to SELECT ... FROM from}, which locks everything it reads for its whole length). A program, not a
 * test: it measures, it asserts nothing.
 *
 * <pre>
 * ./mvnw -q -B -o -pl driver -am package -DskipTests   # the CLI jar, and compile the tests:
 * ./mvnw -q -B -o -pl driver -am test-compile
 * java -cp driver/target/tandem-cli.jar:driver/target/test-classes dev.tandem.backfill.BackfillBenchmark \
 *     'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' 1000000 [batch]
 * </pre>
 */
public final class BackfillBenchmark {
    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : BackfillOptions.DEFAULT_BATCH;
        String from = "bf_bench_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String to = from + "_to";
        String id = "bf-bench-" + from.substring(9);
        Path rules = Files.createTempDirectory("bf-bench");
        Files.writeString(rules.resolve("bench.yaml"), String.join("\n",
                "migration: " + id,
                "from: { table: " + from + ", key: [id] }",
                "to:   { table: " + to + ", key: [id] }",
                "up:",
                "  id: id",
                "  full_name: \"first_name || ' ' || last_name\"",
                "  email: email",
                "down:",
                "  id: id",
                "  first_name: \"split_part(full_name, ' ', 1)\"",
                "  last_name: \"split_part(full_name, ' ', 2)\"",
                "  email: email",
                "phase: write-both", ""));
        Migration m = RulesLoader.load(rules.resolve("bench.yaml").toString(), null).migration(id).orElseThrow();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            new StateStore(StateStore.forConnection(c).dialect()).init(c);
            s.execute("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50),"
                    + " email VARCHAR(100))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name VARCHAR(101), email VARCHAR(100))");
            try {
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + from + " SELECT g, 'first' || g,"
                        + " 'last' || g, 'user' || g || '@example.com' FROM generate_series(1, ?) g")) {
                    ps.setInt(1, rows);
                    ps.executeUpdate();
                }
                s.execute("VACUUM ANALYZE " + from);
                System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

                BackfillResult r = Backfill.of(c, m, BackfillOptions.defaults().batchSize(batch)
                        .latencyBudget(java.time.Duration.ofSeconds(5)).actor("benchmark")).run();
                System.out.printf(Locale.ROOT, "backfill (batch %d): %,d rows in %.2f s = %,.0f rows/s, %d batches%n",
                        batch, r.rowsDone(), r.elapsed().toMillis() / 1000.0, r.rowsPerSecond(), r.batches());

                BackfillResult again = Backfill.of(c, m, BackfillOptions.defaults().batchSize(batch)
                        .latencyBudget(java.time.Duration.ofSeconds(5)).actor("benchmark")).run();
                System.out.printf(Locale.ROOT, "backfill again (rows already there): %,d rows in %.2f s = %,.0f"
                        + " rows/s%n", again.rowsDone(), again.elapsed().toMillis() / 1000.0, again.rowsPerSecond());

                s.execute("TRUNCATE " + to);
                long t1 = System.nanoTime();
                int copied = s.executeUpdate("INSERT INTO " + to + " (id, full_name, email) SELECT id, first_name"
                        + " || ' ' || last_name, email FROM " + from);
                double secs = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "one INSERT INTO ... SELECT: %,d rows in %.2f s = %,.0f rows/s%n",
                        copied, secs, copied / secs);
            } finally {
                s.execute("DROP TABLE IF EXISTS " + to);
                s.execute("DROP TABLE IF EXISTS " + from);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM tandem_backfill WHERE migration = ?");
                     PreparedStatement h = c.prepareStatement("DELETE FROM tandem_history WHERE migration = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                    h.setString(1, id);
                    h.executeUpdate();
                }
            }
        }
    }
}
