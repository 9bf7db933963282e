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

    /**
     * Whether two column (or alias) references certainly name the same column on this database: the test where a
     * wrong "yes" would be unsound (a key taken from the wrong column). PostgreSQL folds unquoted names to lower case
     * and H2 to upper case, and both keep a quoted name's case; MariaDB and MySQL compare column names ignoring case,
     * and read {@code "..."} as a string, never as a name.
     */
    public static boolean sameColumn(String a, String b, Dialect dialect) {
        if (a == null || b == null) {
            return false;
        }
        String fa = fold(a.trim(), dialect);
        String fb = fold(b.trim(), dialect);
        return fa != null && fa.equals(fb);
    }

    /** The name a database resolves a reference to, or null when the text is not a name there. */
    private static String fold(String raw, Dialect dialect) {
        boolean doubleQuoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        boolean backticked = raw.length() >= 2 && raw.startsWith("`") && raw.endsWith("`");
        switch (dialect) {
            case MARIADB, MYSQL -> {
                if (doubleQuoted) {
                    return null;
                }
                String name = backticked ? raw.substring(1, raw.length() - 1).replace("``", "`") : raw;
                return name.toLowerCase(Locale.ROOT);
            }
            case H2 -> {
                return doubleQuoted ? raw.substring(1, raw.length() - 1).replace("\"\"", "\"")
                        : backticked ? null : raw.toUpperCase(Locale.ROOT);
            }
            default -> {
                return doubleQuoted ? raw.substring(1, raw.length() - 1).replace("\"\"", "\"")
                        : backticked ? null : raw.toLowerCase(Locale.ROOT);
            }
        }
    }

    /** Whether a name, as written, is double-quoted (a string, not a name, on MariaDB and MySQL). */
    public static boolean doubleQuoted(String raw) {
        String s = raw == null ? "" : raw.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"");
    }
}
