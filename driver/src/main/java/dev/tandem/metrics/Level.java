package dev.tandem.metrics;

/** The value behind a gauge that Tandem sets (the rate of a running backfill). Thread-safe. */
public final class Level {
    private volatile double value;

    Level() {
    }

    public void set(double value) {
        this.value = value;
    }

    public double value() {
        return value;
    }
}
