package dev.tandem.sql;

/**
 * Why a statement could not be parsed. Messages never contain the statement's text or any of its values.
 *
 * @param kind    the kind of failure
 * @param message what went wrong and where (line and column), without values
 */
public record ParseFailure(Kind kind, String message) {
    public enum Kind {
        /** The text is not SQL that JSqlParser understands. */
        SYNTAX,
        /** Parsing took longer than the parse timeout (pathological nesting, for instance). */
        TIMEOUT,
        /** The text holds more than one statement. */
        SEVERAL_STATEMENTS,
        /** The text holds no statement. */
        EMPTY
    }

    @Override
    public String toString() {
        return message;
    }
}
