package dev.tandem.sql;

import java.util.Locale;

/**
 * How Tandem compares SQL identifiers: quotes (double quotes, backticks, square brackets) are removed and the
 * result is lower-cased. Comparing case-insensitively is the conservative choice: it may treat {@code "Person"} and
 * {@code person} as the same table, never the other way round, so no write to a migrated table is missed.
 */
public final class Identifier {
    private Identifier() {
    }

    /** The canonical form of one identifier part: unquoted and lower-case. */
    public static String canonical(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                s = s.substring(1, s.length() - 1);
                if (first == '"') {
                    s = s.replace("\"\"", "\"");
                } else if (first == '`') {
                    s = s.replace("``", "`");
                }
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether two identifier parts name the same thing under {@link #canonical(String)}. */
    public static boolean same(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }
}
