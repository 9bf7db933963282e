package dev.tandem.backfill;

import java.time.Duration;

/**
 * How a backfill runs. Start from {@link #defaults()} and change what you need:
 * {@code BackfillOptions.defaults().batchSize(5000).maxRate(20_000)}.
 *
 * @param reverse         derive {@code from} from {@code to} through {@code down} (phase write-new)
 * @param batchSize       rows per batch (and per transaction), at most; the throttle may make it smaller
 * @param maxRate         rows per second at most; 0 for no limit
 * @param latencyBudget   a batch slower than this halves the batch and waits (see {@link Throttle})
 * @param maxReplicaLag   PostgreSQL: wait while a replica's replay lag exceeds this; null for no check
 * @param restart         start over even when an unfinished run could be resumed
 * @param force           run even though the phase does not mirror writes (the result may not stay true)
 * @param actor           who runs it, recorded in {@code tandem_history}
 * @param pollInterval    how often a paused backfill (or one waiting for a replica) asks again
 * @param maxRetries      how many times a batch is retried after a deadlock or serialization failure
 */
public record BackfillOptions(boolean reverse, int batchSize, double maxRate, Duration latencyBudget,
                              Duration maxReplicaLag, boolean restart, boolean force, String actor,
                              Duration pollInterval, int maxRetries) {
    public static final int DEFAULT_BATCH = 5000;
    public static final Duration DEFAULT_LATENCY_BUDGET = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(10);

    public BackfillOptions {
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batch size must be from 1 to 1000000, not " + batchSize);
        }
        if (maxRate < 0) {
            throw new IllegalArgumentException("max rate must not be negative");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative");
        }
    }

    public static BackfillOptions defaults() {
        return new BackfillOptions(false, DEFAULT_BATCH, 0, DEFAULT_LATENCY_BUDGET, DEFAULT_MAX_REPLICA_LAG, false,
                false, null, Duration.ofSeconds(1), 10);
    }

    public BackfillOptions reverse(boolean v) {
        return new BackfillOptions(v, batchSize, maxRate, latencyBudget, maxReplicaLag, restart, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions batchSize(int v) {
        return new BackfillOptions(reverse, v, maxRate, latencyBudget, maxReplicaLag, restart, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions maxRate(double v) {
        return new BackfillOptions(reverse, batchSize, v, latencyBudget, maxReplicaLag, restart, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions latencyBudget(Duration v) {
        return new BackfillOptions(reverse, batchSize, maxRate, v, maxReplicaLag, restart, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions maxReplicaLag(Duration v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, v, restart, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions restart(boolean v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, maxReplicaLag, v, force, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions force(boolean v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, maxReplicaLag, restart, v, actor,
                pollInterval, maxRetries);
    }

    public BackfillOptions actor(String v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, maxReplicaLag, restart, force, v,
                pollInterval, maxRetries);
    }

    public BackfillOptions pollInterval(Duration v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, maxReplicaLag, restart, force, actor,
                v, maxRetries);
    }

    public BackfillOptions maxRetries(int v) {
        return new BackfillOptions(reverse, batchSize, maxRate, latencyBudget, maxReplicaLag, restart, force, actor,
                pollInterval, v);
    }

    public String direction() {
        return Checkpoint.direction(reverse);
    }
}
