package dev.tandem.translate;

/**
 * A statement that cannot be translated onto the new structure, and why (without any value from the statement):
 * it is then served as sent while {@code from} is authoritative, and refused once {@code to} is.
 */
public final class Untranslatable extends Exception {
    public Untranslatable(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /** "a SELECT", "an UPDATE": the kind of a statement, for reasons. */
    static String kindOf(Object statement) {
        String kind = statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
        return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
