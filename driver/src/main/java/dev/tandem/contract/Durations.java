package dev.tandem.contract;

import java.time.Duration;

/** Durations as an operator reads them: {@code 23h 59m}, {@code 4m 10s}, {@code 12s}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return (s / 86_400) + "d " + (s % 86_400) / 3600 + "h";
        }
        if (s >= 3600) {
            return (s / 3600) + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return (s / 60) + "m " + s % 60 + "s";
        }
        return s + "s";
    }
}
