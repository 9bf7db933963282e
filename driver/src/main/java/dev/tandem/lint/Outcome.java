package dev.tandem.lint;

/** How a statement naming a migration's {@code from} fares in one phase. */
public enum Outcome {
    /** Runs as the application sent it, and that is all it needs (a read before read-new, a write in off). */
    AS_SENT("as sent"),
    /** Runs as sent, and its rows are mirrored into {@code to}. */
    MIRRORED("mirrored"),
    /** Runs as sent, and (read-both) is also run translated on {@code to} and compared. */
    SHADOWED("shadowed"),
    /** Runs translated onto {@code to}. */
    TRANSLATED("translated"),
    /** A write that runs as sent but cannot be mirrored: {@code to} misses its change (the backfill repairs it). */
    UNMIRRORED("passes through unmirrored"),
    /** A read that cannot be translated, served from {@code from} as sent while it exists. */
    UNTRANSLATED("served untranslated"),
    /** Refused with an SQLException: the application gets an error. */
    REFUSED("refused"),
    /** The statistics cut the statement short: it cannot be told. */
    CANNOT_TELL("cannot tell");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the operator must look at it: it is not handled in this phase. */
    public boolean problem() {
        return this == UNMIRRORED || this == UNTRANSLATED || this == REFUSED || this == CANNOT_TELL;
    }
}
