package dev.tandem.usage;

import dev.tandem.metrics.Counter;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.state.InstanceReport.CallerUsage;
import dev.tandem.state.InstanceReport.MigrationUsage;
import dev.tandem.state.PhaseSnapshot;
import dev.tandem.state.UsageJson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One engine's use of its migrations' old structures: for each migration, since the instance started applying the
 * current version of its state, the exact number of statements naming {@code from}, an estimate per caller (one
 * statement in {@code tandem.usage.sample} has its caller looked up, {@link CallerFrames}; each counts for that
 * many), the statements Tandem itself ran into {@code from} through {@code down} (write-new), and the read-both
 * shadow outcomes. All of a migration's counts start again from zero when the instance applies a new version.
 *
 * <p>The statement path pays a map lookup, a {@link LongAdder} increment and a random draw; the stack walk only for
 * the sampled statements. Thread-safe.
 */
public final class OldStructureUsage {
    /** Distinct callers kept per migration and version; the rest are counted as {@value #OTHER}. */
    public static final int MAX_CALLERS = 100;
    public static final String OTHER = "other";

    private final int sample;
    private final TandemMetrics metrics;
    private final Map<String, Tracked> migrations = new HashMap<>();

    /**
     * @param sample one statement in how many has its caller looked up (1: every one)
     */
    public OldStructureUsage(RuleSet rules, TandemMetrics metrics, int sample) {
        if (sample < 1) {
            throw new IllegalArgumentException("sample must be at least 1: " + sample);
        }
        this.sample = sample;
        this.metrics = metrics;
        for (Migration m : rules.migrations()) {
            migrations.put(m.id(), new Tracked(m.id()));
        }
    }

    public int sample() {
        return sample;
    }

    /** Counts one statement naming each of these migrations' {@code from}, under the phases it runs with. */
    public void statement(List<Migration> named, PhaseSnapshot phases) {
        String caller = null;
        boolean sampled = sample == 1 || ThreadLocalRandom.current().nextInt(sample) == 0;
        for (Migration m : named) {
            Tracked t = migrations.get(m.id());
            if (t == null) {
                continue;
            }
            Window w = t.window(phases.versionOf(m.id()), false);
            w.total.increment();
            if (sampled) {
                if (caller == null) {
                    caller = CallerFrames.find();
                }
                w.caller(caller, t).sampled(sample);
            }
        }
    }

    /** Counts statements Tandem ran into a migration's {@code from} through {@code down}, and the rows they affected. */
    public void down(Migration m, long statements, long rows) {
        Tracked t = migrations.get(m.id());
        if (t != null) {
            Window w = t.current.get();
            w.downStatements.add(statements);
            w.downRows.add(Math.max(0, rows));
        }
    }

    /** Counts one read-both shadow comparison by outcome. */
    public void shadow(Migration m, String outcome) {
        Tracked t = migrations.get(m.id());
        if (t != null) {
            t.current.get().shadow.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    /**
     * Every migration's usage now, since the versions {@code applied} gives (a migration whose version changed and
     * that no statement has named since starts again at zero here).
     */
    public Map<String, MigrationUsage> report(PhaseSnapshot applied) {
        long now = System.nanoTime();
        Map<String, MigrationUsage> out = new LinkedHashMap<>();
        migrations.keySet().stream().sorted().forEach(id -> {
            Window w = migrations.get(id).window(applied.versionOf(id), true);
            Map<String, CallerUsage> callers = new LinkedHashMap<>();
            w.callers.forEach((name, c) -> callers.put(name, new CallerUsage(c.count.sum(),
                    Math.max(0, (now - c.lastNanos) / 1_000_000))));
            Map<String, Long> shadow = new LinkedHashMap<>();
            w.shadow.forEach((k, v) -> shadow.put(k, v.sum()));
            long total = w.total.sum();
            out.put(id, new MigrationUsage(w.version, total, callers, w.downStatements.sum(),
                    w.downRows.sum(), shadow, w.lastUseAgoMs(total, now)));
        });
        return out;
    }

    /** {@link #report} as the {@code usage} column's JSON ({@link UsageJson}). */
    public String json(PhaseSnapshot applied) {
        return UsageJson.write(report(applied));
    }

    /** One migration: its current window, and its meters by caller (kept across windows: meters only grow). */
    private final class Tracked {
        final String id;
        final AtomicReference<Window> current = new AtomicReference<>(new Window(0));
        final Map<String, Counter> meters = new ConcurrentHashMap<>();

        Tracked(String id) {
            this.id = id;
        }

        /**
         * The window for a version. A statement moves it forward only (a transaction pinned to an older snapshot
         * does not reset it back); the heartbeat moves it to whatever the instance applies.
         */
        Window window(long version, boolean any) {
            Window w = current.get();
            while (w.version != version && (any || version > w.version)) {
                Window next = new Window(version);
                if (current.compareAndSet(w, next)) {
                    return next;
                }
                w = current.get();
            }
            return w;
        }

        Counter meter(String caller) {
            Counter c = meters.get(caller);
            if (c == null) {
                String name = meters.size() >= MAX_CALLERS ? OTHER : caller;
                c = meters.computeIfAbsent(name, n -> metrics.counter("tandem.legacy.statements",
                        "Statements naming the old structure, by calling code (estimated from a sample)",
                        "migration", id, "caller", n));
            }
            return c;
        }
    }

    /** The counts since one version. */
    private static final class Window {
        final long version;
        final LongAdder total = new LongAdder();
        final Map<String, CallerCount> callers = new ConcurrentHashMap<>();
        final LongAdder downStatements = new LongAdder();
        final LongAdder downRows = new LongAdder();
        final Map<String, LongAdder> shadow = new ConcurrentHashMap<>();
        /** The total at the last report, and when a report first saw it grow to that: guarded by this. */
        private long reportedTotal;
        private long grewAtNanos;

        Window(long version) {
            this.version = version;
        }

        /**
         * How long ago the old structure was last used, exact to a report (so to a heartbeat): the total is compared
         * with the previous report's, and a report that sees it grow counts as the time of use. No cost per
         * statement. -1 when none was counted.
         */
        synchronized long lastUseAgoMs(long total, long now) {
            if (total == 0) {
                return -1;
            }
            if (total != reportedTotal) {
                reportedTotal = total;
                grewAtNanos = now;
            }
            return Math.max(0, (now - grewAtNanos) / 1_000_000);
        }

        CallerCount caller(String name, Tracked t) {
            CallerCount c = callers.get(name);
            if (c == null) {
                String key = callers.size() >= MAX_CALLERS ? OTHER : name;
                c = callers.computeIfAbsent(key, k -> new CallerCount(t.meter(k)));
            }
            return c;
        }
    }

    /** One caller's estimated count and when it was last sampled. */
    private static final class CallerCount {
        final LongAdder count = new LongAdder();
        final Counter meter;
        volatile long lastNanos = System.nanoTime();

        CallerCount(Counter meter) {
            this.meter = meter;
        }

        void sampled(int weight) {
            count.add(weight);
            lastNanos = System.nanoTime();
            meter.increment(weight);
        }
    }
}
