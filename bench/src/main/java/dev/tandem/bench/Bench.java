package dev.tandem.bench;

import dev.tandem.bench.copy.CopyBenchmark;
import dev.tandem.bench.workload.WorkloadHarness;
import dev.tandem.bench.workload.WorkloadOptions;

import java.util.Arrays;

/**
 * The benchmarks' entry point ({@code bench/run}, or {@code java -jar bench/target/tandem-bench.jar}):
 * {@code workload} runs the workload harness, {@code micro} the JMH microbenchmarks (any JMH option follows).
 */
public final class Bench {
    private static final String USAGE = """
            usage: bench/run [all] [workload options]  the full measurement: the workload, the copy rates, then the
                                                  microbenchmarks; results into bench/results/
                   bench/run workload [options]   the mixed workload in every configuration (--help for options)
                   bench/run micro [--out FILE] [--note TEXT] [JMH options]
                                                  the JMH microbenchmarks (e.g. -f 1 -wi 3 -i 5 EngineBenchmark)
                   bench/run copy [options]       backfill and verify rates against INSERT ... SELECT (--help)
                   bench/run smoke                workload, copy and microbenchmarks in smoke mode (seconds)
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "workload" -> System.exit(workload(rest));
            case "copy" -> System.exit(CopyBenchmark.main(rest, System.out));
            case "all" -> {
                String note = null;
                for (int i = 0; i + 1 < rest.length; i++) {
                    if (rest[i].equals("--note")) {
                        note = rest[i + 1];
                    }
                }
                String[] noted = note == null ? new String[0] : new String[]{"--note", note};
                int rc = workload(rest);
                if (rc == 0) {
                    rc = CopyBenchmark.main(noted, System.out);
                }
                if (rc == 0) {
                    rc = micro(noted);
                }
                System.exit(rc);
            }
            case "micro" -> System.exit(micro(rest));
            case "smoke" -> {
                int rc = workload(new String[]{"--smoke"});
                if (rc == 0) {
                    rc = CopyBenchmark.main(new String[]{"--rows", "1000", "--out", "target/bench-smoke"}, System.out);
                }
                if (rc == 0) {
                    rc = micro(new String[]{"--out", "target/bench-smoke/micro.md", "-f", "0", "-wi", "0", "-i", "1",
                            "-r", "100ms"});
                }
                System.exit(rc);
            }
            default -> {
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    /** JMH with its own options, plus {@code --out FILE} (default bench/results/micro.md) and {@code --note TEXT}. */
    private static int micro(String[] args) throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of("bench", "results", "micro.md");
        String note = null;
        java.util.List<String> jmh = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--out") || args[i].equals("--note")) && i + 1 < args.length) {
                if (args[i].equals("--out")) {
                    out = java.nio.file.Path.of(args[++i]);
                } else {
                    note = args[++i];
                }
            } else {
                jmh.add(args[i]);
            }
        }
        try {
            dev.tandem.bench.micro.MicroReport.run(jmh.toArray(String[]::new), out, note);
            return 0;
        } catch (org.openjdk.jmh.runner.options.CommandLineOptionException e) {
            System.err.println("bench micro: " + e.getMessage());
            return 2;
        }
    }

    private static int workload(String[] args) throws Exception {
        WorkloadOptions options;
        try {
            options = WorkloadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            WorkloadHarness.run(options, System.out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
    }
}
