package dev.tandem.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** Micrometer binding; loaded only when Micrometer is on the class path. */
final class MicrometerSink implements MeterSink {
    /** The levels behind the gauges of each registry, by meter id; forgotten with their registry. */
    private static final Map<MeterRegistry, Map<Meter.Id, Level>> LEVELS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final MeterRegistry registry;

    MicrometerSink(Object registry) {
        if (registry != null && !(registry instanceof MeterRegistry)) {
            throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry.getClass().getName());
        }
        this.registry = registry instanceof MeterRegistry r ? r : Metrics.globalRegistry;
    }

    @Override
    public Increment counter(String name, String description, List<String> tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).tags(Tags.of(tags.toArray(new String[0]))).register(registry);
        return counter::increment;
    }

    @Override
    public <T> void gauge(String name, String description, List<String> tags, T target, ToDoubleFunction<T> value) {
        Gauge.builder(name, target, value).description(description).tags(Tags.of(tags.toArray(new String[0])))
                .strongReference(true).register(registry);
    }

    @Override
    public <T> void functionCounter(String name, String description, List<String> tags, T target,
                                    ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, target, value).description(description)
                .tags(Tags.of(tags.toArray(new String[0]))).register(registry);
    }

    @Override
    public Level level(String name, String description, List<String> tags) {
        Map<Meter.Id, Level> levels = LEVELS.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
        Tags t = Tags.of(tags.toArray(new String[0]));
        return levels.computeIfAbsent(new Meter.Id(name, t, null, description, Meter.Type.GAUGE), id -> {
            Level level = new Level();
            Gauge.builder(name, level, Level::value).description(description).tags(t).strongReference(true)
                    .register(registry);
            return level;
        });
    }
}
