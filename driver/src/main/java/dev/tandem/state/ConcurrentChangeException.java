package dev.tandem.state;

/**
 * The migration's state changed between reading it and writing the change (another operator, or another
 * {@code tandem phase} run): nothing was written. Read the state again and decide again.
 */
public final class ConcurrentChangeException extends Exception {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
