package dev.tandem.backfill;

import java.time.Duration;

/**
 * Decides how big the next batch is and how long to wait before it: pure arithmetic on what the backfill measured
 * (no clock, no sleeping), so that it can be tested with numbers.
 *
 * <ul>
 *   <li>{@code maxRate} rows per second (0: no limit): after a batch of {@code n} rows that took {@code t}, wait
 *       {@code n / maxRate - t} when that is positive.</li>
 *   <li>Latency budget: a batch slower than the budget halves the batch (down to {@value #MIN_BATCH} rows) and waits
 *       as long as the batch took, to give the database room; after {@value #RECOVERY_STREAK} batches in a row faster
 *       than half the budget, the batch grows by a quarter, up to the size asked for.</li>
 *   <li>Replica lag (PostgreSQL): while the worst replica's replay lag exceeds the limit, wait
 *       {@link #replicaPoll()} and ask again; the batch is halved once per wait.</li>
 * </ul>
 */
public final class Throttle {
    public static final int MIN_BATCH = 10;
    public static final int RECOVERY_STREAK = 5;

    /** What to do next: the next batch's size, how long to wait first, and why (null: no waiting). */
    public record Decision(int batchSize, Duration pause, String reason) {
    }

    private final int maxBatch;
    private final double maxRate;
    private final Duration latencyBudget;
    private final Duration maxReplicaLag;
    private final Duration replicaPoll;
    private int batch;
    private int fastStreak;

    /**
     * @param maxBatch      the batch size asked for
     * @param maxRate       rows per second at most; 0 for no limit
     * @param latencyBudget the longest a batch should take
     * @param maxReplicaLag the most replay lag tolerated on any replica; null for no check
     * @param replicaPoll   how long to wait before asking again while a replica lags
     */
    public Throttle(int maxBatch, double maxRate, Duration latencyBudget, Duration maxReplicaLag,
                    Duration replicaPoll) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.maxRate = maxRate;
        this.latencyBudget = latencyBudget;
        this.maxReplicaLag = maxReplicaLag;
        this.replicaPoll = replicaPoll;
        this.batch = maxBatch;
    }

    /** The size of the next batch. */
    public int batchSize() {
        return batch;
    }

    public Duration replicaPoll() {
        return replicaPoll;
    }

    /** After a batch of {@code rows} that took {@code latency}: the next batch and the wait before it. */
    public Decision afterBatch(int rows, Duration latency) {
        Duration pause = Duration.ZERO;
        String reason = null;
        if (latencyBudget != null && latency.compareTo(latencyBudget) > 0) {
            batch = Math.max(Math.min(MIN_BATCH, maxBatch), batch / 2);
            fastStreak = 0;
            pause = latency;
            reason = "batch took " + latency.toMillis() + " ms, over the " + latencyBudget.toMillis()
                    + " ms budget: batch now " + batch + " rows";
        } else if (latencyBudget == null || latency.compareTo(latencyBudget.dividedBy(2)) < 0) {
            if (batch < maxBatch && ++fastStreak >= RECOVERY_STREAK) {
                batch = Math.min(maxBatch, batch + Math.max(1, batch / 4));
                fastStreak = 0;
            }
        } else {
            fastStreak = 0;
        }
        if (maxRate > 0 && rows > 0) {
            Duration owed = Duration.ofNanos((long) (rows / maxRate * 1e9)).minus(latency);
            if (owed.compareTo(pause) > 0) {
                pause = owed;
                reason = reason == null ? "rate limit " + format(maxRate) + " rows/s" : reason;
            }
        }
        return new Decision(batch, pause, pause.isZero() ? null : reason);
    }

    /**
     * Before a batch, given the worst replica's replay lag (null: no replica, or not known): whether to wait
     * ({@link #replicaPoll()}) and ask again.
     */
    public Decision beforeBatch(Duration replicaLag) {
        if (maxReplicaLag == null || replicaLag == null || replicaLag.compareTo(maxReplicaLag) <= 0) {
            return new Decision(batch, Duration.ZERO, null);
        }
        batch = Math.max(Math.min(MIN_BATCH, maxBatch), batch / 2);
        fastStreak = 0;
        return new Decision(batch, replicaPoll, "a replica lags " + replicaLag.toMillis() + " ms behind, over the "
                + maxReplicaLag.toMillis() + " ms limit");
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
