package dev.tandem.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one Tandem engine (one data source), named {@code tandem.*} and tagged by {@code migration}. Tandem
 * keeps every counter itself; when Micrometer is on the class path they are also registered with its global
 * registry (or the one set with {@link #useRegistry(Object)}), so they show up wherever the application already
 * publishes metrics.
 */
public final class TandemMetrics {
    private static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");
    private static volatile Object registry;

    private final MeterSink sink;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    private TandemMetrics(MeterSink sink) {
        this.sink = sink;
    }

    /**
     * Meters registered with Micrometer when it is present (the registry set with {@link #useRegistry}, else its
     * global registry), kept only by Tandem otherwise.
     */
    public static TandemMetrics create() {
        return create(null);
    }

    /**
     * Meters registered with {@code meterRegistry} (a Micrometer {@code MeterRegistry}); with null, as
     * {@link #create()}. Kept only by Tandem when Micrometer is absent.
     *
     * @throws IllegalArgumentException when {@code meterRegistry} is not a Micrometer {@code MeterRegistry}
     */
    public static TandemMetrics create(Object meterRegistry) {
        if (!MICROMETER) {
            if (meterRegistry != null) {
                throw new IllegalArgumentException("a meter registry was given but Micrometer is not on the class path");
            }
            return local();
        }
        return new TandemMetrics(new MicrometerSink(meterRegistry != null ? meterRegistry : registry));
    }

    /** Meters that only Tandem keeps (the CLI, tests). */
    public static TandemMetrics local() {
        return new TandemMetrics(MeterSink.NONE);
    }

    /**
     * Registers Tandem's future meters with this Micrometer {@code MeterRegistry} instead of the global one. Call
     * before the first connection.
     */
    public static void useRegistry(Object meterRegistry) {
        registry = meterRegistry;
    }

    /** Whether meters also reach Micrometer. */
    public boolean publishing() {
        return sink != MeterSink.NONE;
    }

    /**
     * The counter with this name and these tags (name, value, name, value...), created on first use. Callers on hot
     * paths keep the returned counter.
     */
    public Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(id(name, tags),
                id -> new Counter(sink.counter(name, description, List.of(tags))));
    }

    /** The current count of a counter; 0 when it was never created. */
    public long count(String name, String... tags) {
        Counter c = counters.get(id(name, tags));
        return c == null ? 0 : c.count();
    }

    /** Every counter whose name is {@code name}, with its tags (name=value,...) and count: for status reports. */
    public List<String> describe(String name) {
        List<String> out = new ArrayList<>();
        counters.forEach((id, c) -> {
            if (id.startsWith(name + "|")) {
                out.add(id.substring(name.length() + 1) + " " + c.count());
            }
        });
        return out;
    }

    public <T> void gauge(String name, String description, T target, ToDoubleFunction<T> value, String... tags) {
        sink.gauge(name, description, List.of(tags), target, value);
    }

    /**
     * A gauge whose value Tandem sets: one per registry, name and tags however many {@link TandemMetrics} ask for
     * it, so that the value shown is always the latest one set (Micrometer keeps the object a gauge was first
     * registered with: a second backfill with a level of its own would never be seen).
     */
    public Level level(String name, String description, String... tags) {
        return sink.level(name, description, List.of(tags));
    }

    public <T> void functionCounter(String name, String description, T target, ToDoubleFunction<T> value,
                                    String... tags) {
        sink.functionCounter(name, description, List.of(tags), target, value);
    }

    private static String id(String name, String[] tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name/value pairs");
        }
        StringBuilder sb = new StringBuilder(name);
        sb.append('|');
        for (int i = 0; i < tags.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(tags[i]).append('=').append(tags[i + 1]);
        }
        return sb.toString();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TandemMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
