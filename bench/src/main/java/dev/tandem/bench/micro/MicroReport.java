package dev.tandem.bench.micro;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the JMH microbenchmarks (any JMH command-line option applies) and writes their results as a Markdown table,
 * with the targets checked: a plan-cache hit and the no-migration answer each under 1 µs, and the
 * difference Tandem makes to an H2 round trip.
 */
public final class MicroReport {
    private MicroReport() {
    }

    /** Runs JMH with {@code args} and writes {@code out}; returns the Markdown. */
    public static String run(String[] args, Path out, String note) throws CommandLineOptionException, RunnerException,
            IOException {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        CommandLineOptions options = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(options).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : ", ").append(key).append('=')
                        .append(r.getParams().getParam(key));
            }
            rows.add(new Row(name, params.toString(), r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError(), r.getPrimaryResult().getScoreUnit()));
        }
        StringBuilder md = new StringBuilder("# Microbenchmarks (JMH)\n\n");
        if (note != null) {
            md.append("> **").append(note).append("**\n\n");
        }
        md.append("- Run: ").append(started).append("; load average ")
                .append(String.format(Locale.ROOT, "%.2f", loadBefore)).append(" at start, ")
                .append(String.format(Locale.ROOT, "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append(" at end\n");
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("\n");
        md.append("- JMH options: `").append(args.length == 0 ? "(defaults of each benchmark: 1 fork, 3 × 1 s warm-up,"
                + " 5 × 1 s measured)" : String.join(" ", args)).append("`\n");
        md.append("- Command: `bench/run micro` (see bench/README.md)\n\n");
        md.append("| benchmark | parameters | score | ± (99.9 %) | unit |\n|---|---|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.name).append(" | ").append(row.params.isEmpty() ? "–" : row.params)
                    .append(" | ").append(format(row.score)).append(" | ").append(format(row.error)).append(" | ")
                    .append(row.unit).append(" |\n");
        }
        md.append("\n").append(targets(rows));
        Files.createDirectories(out.getParent() == null ? Path.of(".") : out.getParent());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
        return md.toString();
    }

    private static String targets(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (Row row : rows) {
            if (row.name.endsWith("planCacheHitRead") || row.name.endsWith("planCacheHitUpdate")
                    || row.name.endsWith("enginePlanUnrelated")) {
                double ns = nanos(row);
                md.append("- ").append(row.name).append(": ").append(format(ns)).append(" ns, target < 1,000 ns — ")
                        .append(ns < 1000 ? "met" : "**missed**").append("\n");
            }
        }
        Row rawUnrelated = find(rows, "RoundTripBenchmark.roundTrip", "driver=raw, query=unrelated");
        Row tandemUnrelated = find(rows, "RoundTripBenchmark.roundTrip", "driver=tandem, query=unrelated");
        if (rawUnrelated != null && tandemUnrelated != null) {
            double delta = nanos(tandemUnrelated) - nanos(rawUnrelated);
            md.append("- Tandem's own time on an H2 round trip naming no migrated table: ").append(format(delta))
                    .append(" ns (").append(format(nanos(tandemUnrelated))).append(" − ")
                    .append(format(nanos(rawUnrelated))).append("), target < 1,000 ns — ")
                    .append(delta < 1000 ? "met" : "**missed**").append("\n");
        }
        Row rawMigrated = find(rows, "RoundTripBenchmark.roundTrip", "driver=raw, query=migrated-read");
        Row tandemMigrated = find(rows, "RoundTripBenchmark.roundTrip", "driver=tandem, query=migrated-read");
        if (rawMigrated != null && tandemMigrated != null) {
            md.append("- Tandem's own time on an H2 round trip reading the migrated table in write-both: ")
                    .append(format(nanos(tandemMigrated) - nanos(rawMigrated))).append(" ns\n");
        }
        return md.length() == 0 ? "" : "Targets (issue 5):\n\n" + md;
    }

    private static Row find(List<Row> rows, String name, String params) {
        return rows.stream().filter(r -> r.name.equals(name) && r.params.equals(params)).findFirst().orElse(null);
    }

    private static double nanos(Row row) {
        return switch (row.unit) {
            case "ns/op" -> row.score;
            case "us/op" -> row.score * 1e3;
            case "ms/op" -> row.score * 1e6;
            default -> Double.NaN;
        };
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "–" : Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private record Row(String name, String params, double score, double error, String unit) {
    }
}
