package dev.tandem.sql;

import java.util.Collection;
import java.util.Locale;

/**
 * The cheap check that runs before any parse: does the SQL text contain, as a whole word and ignoring case, the
 * name of a table that a migration changes? SQL that does not is never parsed. False positives (the name in a
 * string literal or a comment) only cost a parse; there are no false negatives for names written plainly, quoted
 * or schema-qualified.
 */
public final class TableNameFilter {
    private static final TableNameFilter NONE = new TableNameFilter(new char[0][]);

    private final char[][] names;
    /** For each ASCII character, whether some name starts with it (either case). */
    private final boolean[] firstChars = new boolean[128];
    private final boolean anyNonAsciiStart;

    private TableNameFilter(char[][] names) {
        this.names = names;
        boolean nonAscii = false;
        for (char[] name : names) {
            char c = name[0];
            if (c < 128) {
                firstChars[Character.toLowerCase(c)] = true;
                firstChars[Character.toUpperCase(c)] = true;
            } else {
                nonAscii = true;
            }
        }
        this.anyNonAsciiStart = nonAscii;
    }

    /** A filter for the given canonical (unquoted) table names; an empty collection matches nothing. */
    public static TableNameFilter of(Collection<String> tableNames) {
        if (tableNames.isEmpty()) {
            return NONE;
        }
        char[][] names = new char[tableNames.size()][];
        int i = 0;
        for (String name : tableNames) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty table name");
            }
            names[i++] = name.toLowerCase(Locale.ROOT).toCharArray();
        }
        return new TableNameFilter(names);
    }

    /** Whether the filter can never match (no migration in flight). */
    public boolean isEmpty() {
        return names.length == 0;
    }

    /** Whether {@code sql} may name one of the tables: true when one of the names occurs in it as a whole word. */
    public boolean mayName(String sql) {
        if (names.length == 0) {
            return false;
        }
        final int length = sql.length();
        for (int i = 0; i < length; i++) {
            char c = sql.charAt(i);
            if (c < 128 ? !firstChars[c] : !anyNonAsciiStart) {
                continue;
            }
            if (i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
                continue;
            }
            for (char[] name : names) {
                if (matchesAt(sql, i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(String sql, int at, char[] name) {
        int end = at + name.length;
        if (end > sql.length()) {
            return false;
        }
        for (int j = 0; j < name.length; j++) {
            char c = sql.charAt(at + j);
            if (c != name[j] && Character.toLowerCase(c) != name[j]) {
                return false;
            }
        }
        return end == sql.length() || !isIdentifierPart(sql.charAt(end));
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
        }
        return Character.isLetterOrDigit(c);
    }
}
