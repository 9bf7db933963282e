package dev.tandem.bench.workload;

/**
 * One measured run of one configuration on one database.
 *
 * @param latencies every operation's latency in nanoseconds, sorted
 * @param cpuNanos  CPU time this whole process used during the measured operations (the harness, HikariCP,
 *                  Tandem and the JDBC driver; on H2 also the database itself)
 * @param drift     rows the new structure got wrong after the run (see {@link Schema#drift}): 0 for a dual-write
 *                  configuration that did its job
 */
public record RunResult(Target.Kind database, Configuration configuration, int round, int operations,
                        long wallNanos, long cpuNanos, long[] latencies, int retries, int errors, String firstError, long drift) {

    /** Operations per second. */
    public double throughput() {
        return operations * 1e9 / wallNanos;
    }

    /** This process's CPU time per operation, in microseconds. */
    public double cpuMicrosPerOperation() {
        return cpuNanos / 1e3 / operations;
    }

    /** The latency at quantile {@code q} (0..1), in microseconds. */
    public double latencyMicros(double q) {
        return Latencies.quantile(latencies, q) / 1e3;
    }
}
