package dev.tandem.sql;

/**
 * Text that MariaDB and MySQL read differently from JSqlParser, so that a plan made from JSqlParser's tree could
 * describe another statement than the one the database runs:
 * <ul>
 *   <li>{@code /*! ... *}{@code /} and {@code /*M! ... *}{@code /}: executable comments, run by the server, dropped
 *       by the parser;</li>
 *   <li>{@code #}: a comment to the end of the line there, an operator to JSqlParser;</li>
 *   <li>{@code --} not followed by a space: an expression there ({@code 5--1}), a comment to JSqlParser.</li>
 * </ul>
 * String literals (with backslash escapes), quoted names and ordinary comments are skipped.
 */
public final class MySqlLexicalHazards {
    private MySqlLexicalHazards() {
    }

    /** What in {@code sql} is read differently, or null when nothing is. */
    public static String find(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = QuotedText.end(sql, i, c, true);
            } else if (c == '`') {
                i = QuotedText.end(sql, i, '`', false);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                    return "an executable comment (/*! ... */), which the server runs and the parser drops";
                }
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '#') {
                return "a # comment, which the parser reads as an operator";
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                if (i + 2 < n && !Character.isWhitespace(sql.charAt(i + 2)) && !Character.isISOControl(sql.charAt(i + 2))) {
                    return "'--' without a following space, which the server reads as two minus signs and the parser"
                            + " as a comment";
                }
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                i++;
            }
        }
        return null;
    }
}
