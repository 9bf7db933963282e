package dev.tandem.bench.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's settings, from its command line. {@code --smoke} sets small defaults (seconds) for CI; any option
 * given after it still applies.
 */
public record WorkloadOptions(List<Target.Kind> databases, List<Configuration> configurations, int operations,
                              int warmUpOperations, int warmUpRounds, int threads, int rows, int rounds, long seed,
                              Path out, String name, String note, boolean smoke) {

    static final String USAGE = """
            usage: bench/run workload [options]
              --db LIST          databases, comma-separated: h2, postgresql, mariadb
                                 (default: h2, and each of the others whose TANDEM_TEST_*_URL is set)
              --configs LIST     configurations by number: 1,2,3,4,5c,5t,6c,6t,7a,7b,7c, or all (default)
              --ops N            measured operations per run (default 20000)
              --warmup-ops N     unmeasured operations before each run (default 2000)
              --warmup-rounds N  whole unmeasured rounds first, to warm the JIT (default 1)
              --threads N        worker threads = pool size (default 4)
              --rows N           seed rows, reloaded before each run (default 10000)
              --rounds N         rounds; each runs every configuration once, order rotated (default 5)
              --seed N           the workload's random seed (default 42)
              --out DIR          where the Markdown table and SVG chart go (default bench/results)
              --name NAME        file name stem (default workload)
              --note TEXT        a line printed at the top of the results (e.g. the machine's state)
              --smoke            seconds, for CI: --ops 220 --warmup-ops 22 --warmup-rounds 0 --threads 2
                                 --rows 200 --rounds 1 --out target/bench-smoke
            """;

    /** Parses the command line. */
    public static WorkloadOptions parse(String... args) {
        List<Target.Kind> databases = null;
        List<Configuration> configurations = List.of(Configuration.values());
        int operations = 20_000;
        int warmUpOperations = 2_000;
        int warmUpRounds = 1;
        int threads = 4;
        int rows = 10_000;
        int rounds = 5;
        long seed = 42;
        Path out = Path.of("bench", "results");
        String name = "workload";
        String note = null;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                smoke = true;
                operations = 220;
                warmUpOperations = 22;
                warmUpRounds = 0;
                threads = 2;
                rows = 200;
                rounds = 1;
                out = Path.of("target", "bench-smoke");
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--db" -> {
                    databases = new ArrayList<>();
                    for (String part : value.split(",")) {
                        if (!part.isBlank()) {
                            databases.add(Target.Kind.parse(part));
                        }
                    }
                }
                case "--configs" -> configurations = Configuration.parseList(value);
                case "--ops" -> operations = positive(arg, value);
                case "--warmup-ops" -> warmUpOperations = nonNegative(arg, value);
                case "--warmup-rounds" -> warmUpRounds = nonNegative(arg, value);
                case "--threads" -> threads = positive(arg, value);
                case "--rows" -> rows = Math.max(Workload.RANGE + 1, positive(arg, value));
                case "--rounds" -> rounds = positive(arg, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                case "--name" -> name = value;
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (databases == null) {
            databases = new ArrayList<>();
            for (Target.Kind k : Target.Kind.values()) {
                if (Target.configured(k) != null) {
                    databases.add(k);
                }
            }
        }
        if (operations < threads) {
            throw new IllegalArgumentException("--ops must be at least --threads");
        }
        return new WorkloadOptions(List.copyOf(databases), List.copyOf(configurations), operations,
                warmUpOperations, warmUpRounds, threads, rows, rounds, seed, out, name, note, smoke);
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number: " + value);
        }
    }
}
