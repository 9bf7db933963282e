package dev.tandem.soak;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a soak did, counted by every thread: operations by kind, transactions, provoked and unexpected errors, phase
 * flips, backfill rows, rows verified, drift. {@link #line} is the figures line the soak prints.
 */
final class SoakFigures {
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> provoked = new ConcurrentHashMap<>();
    final LongAdder committed = new LongAdder();
    final LongAdder rolledBack = new LongAdder();
    final LongAdder readsChecked = new LongAdder();
    final LongAdder flips = new LongAdder();
    final LongAdder backfillRuns = new LongAdder();
    final LongAdder backfillRows = new LongAdder();
    final LongAdder backfillRefused = new LongAdder();
    final LongAdder backfillRetries = new LongAdder();
    final LongAdder verifyRuns = new LongAdder();
    final LongAdder rowsVerified = new LongAdder();
    final LongAdder drift = new LongAdder();
    /** Upserts Tandem refused by design (write-new does not translate them), redone in the supported form. */
    final LongAdder upsertsRefused = new LongAdder();
    /** Flips into or out of write-new that ran a key handover (MariaDB: see KeyHandover). */
    final LongAdder keyHandovers = new LongAdder();
    /** Everything that went wrong and was not provoked: must stay empty. */
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    void operation(String kind) {
        operations.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void provoked(String kind) {
        provoked.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void unexpected(String what) {
        unexpected.add(what);
    }

    void drift(long keys, String what) {
        drift.add(keys);
        if (keys > 0) {
            unexpected.add("drift: " + what);
        }
    }

    long operations() {
        return operations.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long provokedErrors() {
        return provoked.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static String byKind(Map<String, LongAdder> counts) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder s = new StringBuilder();
        sorted.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }

    /** The figures line. */
    String line(String database, long seconds, int threads) {
        return String.format("soak on %s: %d s, %d threads; operations %d (%s); transactions committed %d, rolled back"
                        + " %d; reads checked %d; phase flips %d; backfill runs %d, rows %d (%d refused: phase moved, %d batches retried);"
                        + " verify runs %d, rows verified %d; provoked errors %d (%s); upserts refused in write-new"
                        + " and redone %d; key handovers %d; unexpected errors %d;"
                        + " drift %d",
                database, seconds, threads, operations(), byKind(operations), committed.sum(), rolledBack.sum(),
                readsChecked.sum(), flips.sum(), backfillRuns.sum(), backfillRows.sum(), backfillRefused.sum(),
                backfillRetries.sum(),
                verifyRuns.sum(), rowsVerified.sum(), provokedErrors(), byKind(provoked), upsertsRefused.sum(),
                keyHandovers.sum(), unexpected.size(), drift.sum());
    }
}
