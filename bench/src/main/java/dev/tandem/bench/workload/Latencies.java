package dev.tandem.bench.workload;

import java.util.Arrays;
import java.util.List;

/** Quantiles of recorded latencies (exact: every operation is kept, the counts are small). */
final class Latencies {
    private Latencies() {
    }

    /** The nearest-rank quantile of sorted nanoseconds; 0 for none. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** All runs' latencies in one sorted array. */
    static long[] merged(List<RunResult> runs) {
        int n = 0;
        for (RunResult r : runs) {
            n += r.latencies().length;
        }
        long[] all = new long[n];
        int at = 0;
        for (RunResult r : runs) {
            System.arraycopy(r.latencies(), 0, all, at, r.latencies().length);
            at += r.latencies().length;
        }
        Arrays.sort(all);
        return all;
    }

    /** The median of some values; NaN for none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
