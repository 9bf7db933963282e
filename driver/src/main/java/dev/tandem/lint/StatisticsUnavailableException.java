package dev.tandem.lint;

/** The database keeps no statement statistics Tandem can read; the message says how to turn them on. */
public final class StatisticsUnavailableException extends Exception {
    public StatisticsUnavailableException(String message) {
        super(message);
    }
}
