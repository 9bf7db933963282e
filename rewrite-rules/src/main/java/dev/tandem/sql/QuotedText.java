package dev.tandem.sql;

/** Where a quoted piece of SQL text (a string literal or a quoted name) ends, for the lexical scanners. */
final class QuotedText {
    private QuotedText() {
    }

    /**
     * The index after the closing quote of the text opened at {@code start}; doubled quotes and, when
     * {@code backslashEscapes}, backslash escapes stay inside. The text's length when it is not closed.
     */
    static int end(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }
}
