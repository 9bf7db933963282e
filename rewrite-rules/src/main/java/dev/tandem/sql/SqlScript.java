package dev.tandem.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a SQL file, and PostgreSQL's numbered placeholders made JDBC's: the lexical work {@code tandem
 * lint} needs, aware of quotes ({@code '...'}, {@code "..."}, MySQL's {@code `...`} and backslash escapes),
 * comments ({@code --}, {@code /* *}{@code /}, MySQL's {@code #}) and PostgreSQL's dollar quoting
 * ({@code $tag$...$tag$}). Pure text work: no parsing, no database.
 */
public final class SqlScript {
    /** One statement of a file: its text (trimmed) and the line (from 1) where it starts. */
    public record Piece(String sql, int line) {
    }

    private final String text;
    private final Dialect dialect;

    private SqlScript(String text, Dialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    /**
     * Splits a file into statements: at every {@code ;} outside quotes and comments when it has one, otherwise at
     * every line end (one statement per line). Pieces holding only blanks and comments are left out.
     */
    public static List<Piece> split(String text, Dialect dialect) {
        SqlScript s = new SqlScript(text, dialect);
        boolean semicolons = s.hasTopLevel(';');
        return s.pieces(semicolons ? ';' : '\n');
    }

    /**
     * PostgreSQL's {@code $1}, {@code $2}... (as {@code pg_stat_statements} shows statements) as JDBC's {@code ?},
     * outside quotes and comments. The numbers must appear in order, each once (as in normalised statements); when
     * they do not, null: the text cannot be read with JDBC's positional parameters.
     */
    public static String positionalToJdbc(String sql) {
        SqlScript s = new SqlScript(sql, Dialect.POSTGRESQL);
        StringBuilder out = new StringBuilder(sql.length());
        int expected = 1;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int skip = s.skipQuotedOrComment(i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                int number;
                try {
                    number = Integer.parseInt(sql.substring(i + 1, j));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (number != expected) {
                    return null;
                }
                expected++;
                out.append('?');
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private boolean hasTopLevel(char separator) {
        int i = 0;
        while (i < text.length()) {
            int skip = skipQuotedOrComment(i);
            if (skip > i) {
                i = skip;
                continue;
            }
            if (text.charAt(i) == separator) {
                return true;
            }
            i++;
        }
        return false;
    }

    private List<Piece> pieces(char separator) {
        List<Piece> out = new ArrayList<>();
        int line = 1;
        int start = -1;      // first significant character of the current piece
        int startLine = 0;
        int end = -1;        // just after its last significant character
        int i = 0;
        int n = text.length();
        while (i <= n) {
            if (i == n || text.charAt(i) == separator) {
                if (start >= 0) {
                    out.add(new Piece(text.substring(start, end).strip(), startLine));
                }
                start = -1;
                end = -1;
                if (i < n && text.charAt(i) == '\n') {
                    line++;
                }
                i++;
                continue;
            }
            int skip = skipQuotedOrComment(i);
            if (skip > i) {
                boolean comment = isCommentAt(i);
                if (!comment) {
                    if (start < 0) {
                        start = i;
                        startLine = line;
                    }
                    end = skip;
                }
                for (int k = i; k < skip; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
                // a line comment ends before its line end: in line mode, that line end separates statements
                i = skip;
                continue;
            }
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c)) {
                if (start < 0) {
                    start = i;
                    startLine = line;
                }
                end = i + 1;
            }
            i++;
        }
        return out;
    }

    private boolean isCommentAt(int i) {
        char c = text.charAt(i);
        return (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-')
                || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*')
                || (c == '#' && mysql());
    }

    private boolean mysql() {
        return dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
    }

    /**
     * When a quoted text or a comment starts at {@code i}, the index just after it (a line comment stops before its
     * line end; an unterminated one runs to the end of the text); {@code i} otherwise.
     */
    private int skipQuotedOrComment(int i) {
        int n = text.length();
        char c = text.charAt(i);
        char next = i + 1 < n ? text.charAt(i + 1) : 0;
        if (c == '\'' || c == '"' || (c == '`' && mysql())) {
            boolean backslash = c == '\'' && dialect.backslashEscapes();
            int j = i + 1;
            while (j < n) {
                char d = text.charAt(j);
                if (backslash && d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < n && text.charAt(j + 1) == c) {
                        j += 2; // a doubled quote
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        if ((c == '-' && next == '-') || (c == '#' && mysql())) {
            int j = text.indexOf('\n', i);
            return j < 0 ? n : j;
        }
        if (c == '/' && next == '*') {
            int j = text.indexOf("*/", i + 2);
            return j < 0 ? n : j + 2;
        }
        if (c == '$' && dialect != Dialect.MARIADB && dialect != Dialect.MYSQL
                && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
            int j = i + 1;
            while (j < n && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_'
                    || (j > i + 1 && Character.isDigit(text.charAt(j))))) {
                j++;
            }
            if (j < n && text.charAt(j) == '$') {
                String tag = text.substring(i, j + 1);
                int close = text.indexOf(tag, j + 1);
                return close < 0 ? n : close + tag.length();
            }
        }
        return i;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
