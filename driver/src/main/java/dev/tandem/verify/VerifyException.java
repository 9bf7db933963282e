package dev.tandem.verify;

/**
 * A verify that could not run to its end: a table or column that cannot be read, a key column holding NULL, a chunk
 * too large to hold. The message names the table and the cause, never a row value.
 */
public final class VerifyException extends Exception {
    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
