package dev.tandem.schemachange;

/** The DDL cannot be planned: {@code from} cannot be read, or a type cannot be written. Names what, never a value. */
public final class PlanException extends Exception {
    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
