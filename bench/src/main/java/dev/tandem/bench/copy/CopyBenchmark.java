package dev.tandem.bench.copy;

import dev.tandem.bench.workload.BenchLock;
import dev.tandem.bench.workload.Target;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Copy rates on a large table: the database's own unthrottled {@code INSERT ... SELECT} (the copy limit, what a
 * backfill is measured against) and one full-table join count (what a verify is measured against), and Tandem's
 * backfill and verify of the same migration through {@link TandemCopy} (targets: each at least half the
 * database's rate). Tables {@code bn_copy_from} / {@code bn_copy_to}, dropped afterwards.
 */
public final class CopyBenchmark {
    /** The migration Tandem's backfill and verify run. */
    static final String RULES = """
            migration: bn-copy
            from: { table: bn_copy_from, key: [id] }
            to:   { table: bn_copy_to, key: [id] }
            up:   { id: id, display_name: name, email: "LOWER(email)", balance: balance }
            down: { name: display_name, email: email, balance: balance }
            phase: write-both
            """;

    /** One database's figures. */
    public record Result(Target.Kind database, long rows, double loadSeconds, double insertSelectRowsPerSecond,
                         double joinCountRowsPerSecond, double backfillRowsPerSecond, double verifyRowsPerSecond) {
    }

    static final String USAGE = """
            usage: bench/run copy [options]
              --rows N       rows in the table copied (default 1000000)
              --db LIST      databases, comma-separated: h2, postgresql, mariadb (default: as bench/run workload)
              --out DIR      where copy.md goes (default bench/results)
              --name NAME    file name stem (default copy)
              --note TEXT    a line printed at the top of the results
            """;

    private CopyBenchmark() {
    }

    /** Runs from the command line ({@link #USAGE}); returns the exit code. */
    public static int main(String[] args, PrintStream progress) throws SQLException, IOException {
        long rows = 1_000_000;
        List<Target.Kind> kinds = null;
        Path out = Path.of("bench", "results");
        String name = "copy";
        String note = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("-h") || args[i].equals("--help") || i + 1 >= args.length) {
                    throw new IllegalArgumentException(USAGE);
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--rows" -> rows = Long.parseLong(value.replace("_", ""));
                    case "--db" -> {
                        kinds = new ArrayList<>();
                        for (String part : value.split(",")) {
                            if (!part.isBlank()) {
                                kinds.add(Target.Kind.parse(part));
                            }
                        }
                    }
                    case "--out" -> out = Path.of(value);
                    case "--name" -> name = value;
                    case "--note" -> note = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1] + "\n" + USAGE);
                }
            }
            if (rows < 1) {
                throw new IllegalArgumentException("--rows must be positive");
            }
            List<Target> targets = new ArrayList<>();
            for (Target.Kind k : kinds != null ? kinds : List.of(Target.Kind.values())) {
                Target t = Target.configured(k);
                if (t == null && kinds != null) {
                    throw new IllegalArgumentException(k.displayName() + " was asked for but " + k.urlVariable()
                            + " is not set");
                }
                if (t != null) {
                    targets.add(t);
                }
            }
            run(targets, rows, out, name, note, progress);
            return 0;
        } catch (NumberFormatException e) {
            System.err.println("bench copy: --rows takes a whole number");
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    /** Runs on each target, writes {@code <out>/<name>.md}, and returns the figures. */
    public static List<Result> run(List<Target> targets, long rows, Path out, String name, String note,
                                   PrintStream progress) throws SQLException, IOException {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Result> results = new ArrayList<>();
        StringBuilder versions = new StringBuilder();
        Path rules = Files.createTempDirectory("bn-copy-rules");
        Files.writeString(rules.resolve("bn-copy.yaml"), RULES);
        try {
            for (Target t : targets) {
                try (Connection c = t.connect()) {
                    versions.append("- ").append(t.kind().displayName()).append(": ")
                            .append(c.getMetaData().getDatabaseProductVersion()).append("\n");
                }
                try (BenchLock lock = BenchLock.acquire(t, progress)) {
                    results.add(measure(t, rows, rules, progress));
                }
            }
        } finally {
            Files.deleteIfExists(rules.resolve("bn-copy.yaml"));
            Files.deleteIfExists(rules);
        }
        StringBuilder md = new StringBuilder("# Copy rates: backfill and verify against the database's own\n\n");
        if (note != null) {
            md.append("> **").append(note).append("**\n\n");
        }
        md.append("- Run: ").append(started).append("; load average ")
                .append(String.format(Locale.ROOT, "%.2f", loadBefore)).append(" at start, ")
                .append(String.format(Locale.ROOT, "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append(" at end\n");
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("\n").append(versions);
        md.append("- ").append(String.format(Locale.ROOT, "%,d", rows)).append(" rows in `bn_copy_from`; the"
                + " migration: ").append("`up` = id, name → display_name, LOWER(email), balance\n");
        md.append("- Command: `bench/run copy` (see bench/README.md)\n\n");
        md.append("| database | INSERT … SELECT rows/s | join count rows/s | Tandem backfill rows/s | × INSERT … SELECT"
                + " | Tandem verify rows/s | × join count |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append("| ").append(r.database().displayName())
                    .append(" | ").append(rate(r.insertSelectRowsPerSecond()))
                    .append(" | ").append(rate(r.joinCountRowsPerSecond()))
                    .append(" | ").append(rate(r.backfillRowsPerSecond()))
                    .append(" | ").append(ratio(r.backfillRowsPerSecond() / r.insertSelectRowsPerSecond()))
                    .append(" | ").append(rate(r.verifyRowsPerSecond()))
                    .append(" | ").append(ratio(r.verifyRowsPerSecond() / r.joinCountRowsPerSecond()))
                    .append(" |\n");
        }
        md.append("\nTargets (issue 5): backfill ≥ 0.5 × INSERT … SELECT; verify ≥ 0.5 × join count.");
        md.append("\n");
        Files.createDirectories(out);
        Path file = out.resolve(name + ".md");
        Files.writeString(file, md.toString());
        progress.println("wrote " + file);
        return results;
    }

    private static Result measure(Target t, long rows, Path rules, PrintStream progress) throws SQLException {
        try (Connection c = t.connect(); Statement s = c.createStatement()) {
            drop(s);
            s.execute("CREATE TABLE bn_copy_from (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                    + " email VARCHAR(200), balance BIGINT)");
            s.execute("CREATE TABLE bn_copy_to (id BIGINT NOT NULL PRIMARY KEY, display_name VARCHAR(100),"
                    + " email VARCHAR(200), balance BIGINT)");
            try {
                long start = System.nanoTime();
                s.execute("INSERT INTO bn_copy_from (id, name, email, balance) " + generated(t.kind(), rows));
                double load = seconds(start);
                if (t.kind() == Target.Kind.POSTGRESQL) {
                    s.execute("VACUUM ANALYZE bn_copy_from");
                }
                progress.printf(Locale.ROOT, "[%s] copy: loaded %,d rows in %.1f s%n", t.kind().id(), rows, load);

                start = System.nanoTime();
                long copied = s.executeUpdate("INSERT INTO bn_copy_to (id, display_name, email, balance)"
                        + " SELECT id, name, LOWER(email), balance FROM bn_copy_from");
                double insertSelect = copied / seconds(start);
                check(copied == rows, "INSERT ... SELECT copied " + copied + " of " + rows + " rows");
                if (t.kind() == Target.Kind.POSTGRESQL) {
                    s.execute("VACUUM ANALYZE bn_copy_to");
                }
                start = System.nanoTime();
                long matching;
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bn_copy_from f JOIN bn_copy_to t"
                        + " ON t.id = f.id WHERE t.display_name = f.name AND t.email = LOWER(f.email)"
                        + " AND t.balance = f.balance")) {
                    rs.next();
                    matching = rs.getLong(1);
                }
                double joinCount = rows / seconds(start);
                check(matching == rows, "the join count found " + matching + " matching rows of " + rows);
                progress.printf(Locale.ROOT, "[%s] copy: INSERT ... SELECT %,.0f rows/s, join count %,.0f rows/s%n",
                        t.kind().id(), insertSelect, joinCount);

                s.execute("TRUNCATE TABLE bn_copy_to");
                start = System.nanoTime();
                long backfilled;
                try {
                    backfilled = TandemCopy.backfill(t, rules, "bn-copy");
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Tandem's backfill failed: " + e.getMessage(), e);
                }
                double backfill = backfilled / seconds(start);
                check(backfilled == rows, "the backfill copied " + backfilled + " of " + rows + " rows");
                progress.printf(Locale.ROOT, "[%s] copy: Tandem backfill %,.0f rows/s%n", t.kind().id(), backfill);
                start = System.nanoTime();
                long verified;
                try {
                    verified = TandemCopy.verify(t, rules, "bn-copy");
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Tandem's verify failed: " + e.getMessage(), e);
                }
                double verify = verified / seconds(start);
                check(verified == rows, "Tandem's verify compared " + verified + " of " + rows + " rows");
                progress.printf(Locale.ROOT, "[%s] copy: Tandem verify %,.0f rows/s%n", t.kind().id(), verify);
                return new Result(t.kind(), rows, load, insertSelect, joinCount, backfill, verify);
            } finally {
                drop(s);
            }
        }
    }

    /** A SELECT of {@code rows} generated rows (id, name, email, balance), in the database's own way. */
    private static String generated(Target.Kind kind, long rows) {
        String n = Long.toString(rows);
        return switch (kind) {
            case POSTGRESQL -> "SELECT g, 'name-' || g, 'User' || g || '@Example.com', g * 10"
                    + " FROM generate_series(1, " + n + ") g";
            case MARIADB -> "SELECT seq, CONCAT('name-', seq), CONCAT('User', seq, '@Example.com'), seq * 10"
                    + " FROM seq_1_to_" + n;
            case H2 -> "SELECT x, 'name-' || x, 'User' || x || '@Example.com', x * 10 FROM SYSTEM_RANGE(1, " + n + ")";
        };
    }

    private static void drop(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS bn_copy_to");
        s.execute("DROP TABLE IF EXISTS bn_copy_from");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("copy benchmark: " + what);
        }
    }

    private static double seconds(long startNanos) {
        return Math.max(1, System.nanoTime() - startNanos) / 1e9;
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "not wired" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
