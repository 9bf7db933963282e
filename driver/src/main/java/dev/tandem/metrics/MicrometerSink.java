package dev.tandem.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Micrometer binding; loaded only when Micrometer is on the class path. */
final class MicrometerSink implements MeterSink {
    private final MeterRegistry registry;

    MicrometerSink(Object registry) {
        if (registry != null && !(registry instanceof MeterRegistry)) {
            throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry.getClass().getName());
        }
        this.registry = registry instanceof MeterRegistry r ? r : Metrics.globalRegistry;
    }

    /** Which registry this is, to share the objects behind gauges among the sinks of one registry. */
    String identity() {
        return registry.getClass().getName() + "@" + System.identityHashCode(registry);
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
}
