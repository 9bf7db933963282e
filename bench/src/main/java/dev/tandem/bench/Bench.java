package dev.tandem.bench;

import dev.tandem.bench.workload.WorkloadHarness;
import dev.tandem.bench.workload.WorkloadOptions;

import java.util.Arrays;

/**
 * The benchmarks' entry point ({@code bench/run}, or {@code java -jar bench/target/tandem-bench.jar}):
 * {@code workload} runs the workload harness, {@code micro} the JMH microbenchmarks (any JMH option follows).
 */
public final class Bench {
    private static final String USAGE = """
            usage: bench/run workload [options]   the mixed workload in every configuration (--help for options)
                   bench/run micro [JMH options]  the JMH microbenchmarks (e.g. -f 1 -wi 3 -i 5; -h for JMH's help)
                   bench/run smoke                the workload in smoke mode (seconds), then the microbenchmarks once
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
            case "micro" -> org.openjdk.jmh.Main.main(rest);
            case "smoke" -> {
                int rc = workload(new String[]{"--smoke"});
                if (rc != 0) {
                    System.exit(rc);
                }
                org.openjdk.jmh.Main.main(new String[]{"-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                        "-p", "statement=point-read"});
            }
            default -> {
                System.err.print(USAGE);
                System.exit(2);
            }
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
