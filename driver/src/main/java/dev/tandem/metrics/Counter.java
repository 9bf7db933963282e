package dev.tandem.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * One counter: always kept by Tandem itself (for {@code status} and tests), and mirrored into a Micrometer counter
 * when the application has Micrometer. Increments are cheap and lock-free.
 */
public final class Counter {
    private final LongAdder count = new LongAdder();
    private final MeterSink.Increment sink;

    Counter(MeterSink.Increment sink) {
        this.sink = sink;
    }

    public void increment() {
        count.increment();
        sink.add(1);
    }

    public void increment(long amount) {
        if (amount != 0) {
            count.add(amount);
            sink.add(amount);
        }
    }

    public long count() {
        return count.sum();
    }
}
