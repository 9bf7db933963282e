package dev.tandem.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration on one database, over all its rounds. Ratios are taken round by round against the reference
 * measured in the same round (so the machine's drift between rounds cancels), then the median of those is reported.
 */
public record Summary(Target.Kind database, Configuration configuration, int rounds, int operationsPerRun,
                      double throughput, double minThroughput, double maxThroughput, double p50Micros,
                      double p99Micros, double cpuMicros, double toRaw, double toHand, double toTrigger, double toWriteBoth,
                      int retries, int errors, String firstError, long drift) {

    /** Summarises every configuration of one database, in the order given. */
    static List<Summary> of(Target.Kind database, List<Configuration> order, List<RunResult> all) {
        List<Summary> summaries = new ArrayList<>();
        for (Configuration c : order) {
            List<RunResult> runs = runs(all, database, c);
            if (runs.isEmpty()) {
                continue;
            }
            double[] throughputs = runs.stream().mapToDouble(RunResult::throughput).toArray();
            long[] latencies = Latencies.merged(runs);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (double t : throughputs) {
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
            int retries = 0;
            int errors = 0;
            String firstError = null;
            long drift = 0;
            for (RunResult r : runs) {
                retries += r.retries();
                errors += r.errors();
                if (firstError == null) {
                    firstError = r.firstError();
                }
                drift = Math.max(drift, r.drift());
            }
            Configuration writeBoth = c.name().startsWith("READ_") ? Configuration.WRITE_BOTH_TABLE : null;
            summaries.add(new Summary(database, c, runs.size(), runs.get(0).operations(),
                    Latencies.median(throughputs), min, max,
                    Latencies.quantile(latencies, 0.50) / 1e3, Latencies.quantile(latencies, 0.99) / 1e3,
                    Latencies.median(runs.stream().mapToDouble(RunResult::cpuMicrosPerOperation).toArray()),
                    ratio(all, runs, Configuration.RAW), ratio(all, runs, c.byHand()),
                    ratio(all, runs, c.byTrigger()), ratio(all, runs, writeBoth),
                    retries, errors, firstError, drift));
        }
        return summaries;
    }

    /** The median over rounds of this run's throughput divided by the reference's in the same round; NaN if none. */
    private static double ratio(List<RunResult> all, List<RunResult> runs, Configuration reference) {
        if (reference == null) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        for (RunResult r : runs) {
            for (RunResult ref : all) {
                if (ref.database() == r.database() && ref.configuration() == reference && ref.round() == r.round()) {
                    ratios.add(r.throughput() / ref.throughput());
                }
            }
        }
        return Latencies.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static List<RunResult> runs(List<RunResult> all, Target.Kind database, Configuration c) {
        return all.stream().filter(r -> r.database() == database && r.configuration() == c).toList();
    }

    /** Whether the new structure must be exact after a run of this configuration (it dual-writes). */
    public boolean dualWrites() {
        return configuration != Configuration.RAW && configuration != Configuration.UNRELATED;
    }
}
