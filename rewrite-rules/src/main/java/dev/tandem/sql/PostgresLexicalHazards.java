package dev.tandem.sql;

/**
 * Text that PostgreSQL reads differently from JSqlParser, so that a plan made from JSqlParser's tree could describe
 * another statement than the one the database runs: a dollar-quoted string with a tag ({@code $q$it's$q$}), which
 * JSqlParser takes apart as names and operators (a write translated from that tree would carry another value); and
 * an escape string holding a backslash ({@code E'it\'s'}), whose escapes JSqlParser does not apply, so that it may
 * end the string early and read the rest as SQL. Plain {@code $$...$$} strings are read alike by both. String literals ({@code '...'}, {@code E'...'} with
 * backslash escapes), quoted names and comments (nested block comments too) are skipped.
 */
public final class PostgresLexicalHazards {
    private PostgresLexicalHazards() {
    }

    /** What in {@code sql} is read differently, or null when nothing is. */
    public static String find(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !identifierPart(sql.charAt(i - 2)));
                int end = QuotedText.end(sql, i, '\'', escapes);
                if (escapes && sql.substring(i, end).indexOf('\\') >= 0) {
                    return "an escape string with a backslash (E'...\\...'), whose escapes the parser does not apply";
                }
                i = end;
            } else if (c == '"') {
                i = QuotedText.end(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '$' && (i == 0 || !identifierPart(sql.charAt(i - 1)))) {
                int close = tagEnd(sql, i);
                if (close < 0) {
                    i++; // a parameter ($1) or a lone dollar
                } else if (close == i + 1) {
                    int end = sql.indexOf("$$", i + 2); // $$...$$: read alike
                    i = end < 0 ? n : end + 2;
                } else {
                    return "a dollar-quoted string with a tag (" + sql.substring(i, close + 1)
                            + "...), which the parser does not read as one string";
                }
            } else {
                i++;
            }
        }
        return null;
    }

    /** The index of the closing {@code $} of a dollar-quote tag starting at {@code start}, or -1 if none. */
    private static int tagEnd(String sql, int start) {
        int n = sql.length();
        int i = start + 1;
        if (i < n && sql.charAt(i) == '$') {
            return i;
        }
        if (i >= n || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            return -1;
        }
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < n && sql.charAt(i) == '$' ? i : -1;
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipBlockComment(String sql, int start) {
        int n = sql.length();
        int depth = 0;
        int i = start;
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }
}
