package dev.tandem.rules;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL side of reading a rules file: checks that an {@code up} / {@code down} value is exactly one SQL expression
 * that only reads, and that column names are plain identifiers. Only the deparsed form of an expression is kept, so
 * nothing but what JSqlParser understood (no comments, no trailing text) ever reaches generated SQL.
 */
final class RuleExpressions {
    private RuleExpressions() {
    }

    /** An expression that passed every check, and the text to use in generated SQL (JSqlParser's rendering). */
    record Checked(Expression expression, String sql) {
    }

    /** Why a value cannot be used; the message reads after the entry's name ({@code up.x <message>}). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_IDENTIFIER_LENGTH = 128;
    private static final Pattern IDENTIFIER = Pattern.compile(
            "[\\p{L}_][\\p{L}\\p{N}_$]*"
                    + "|\"(?:[^\"\\p{Cntrl}]|\"\")+\""
                    + "|`(?:[^`\\p{Cntrl}]|``)+`");

    /**
     * Whether {@code name} is one simple column (or table) name: unquoted letters, digits, {@code _} and {@code $}
     * (not starting with a digit or {@code $}), or quoted with {@code "..."} or {@code `...`}, and read by JSqlParser
     * as a bare column (so {@code select}, {@code null}, {@code true} are refused unless quoted).
     */
    static boolean isSimpleIdentifier(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_IDENTIFIER_LENGTH
                || !IDENTIFIER.matcher(name).matches()) {
            return false;
        }
        try {
            Expression e = CCJSqlParserUtil.parseExpression(name, false);
            if (e != null && e.getClass().getSimpleName().equals("DateUnitExpression")) {
                // year, month, day, ...: JSqlParser (5.4 on) reads these as date units, but they are column names too
                return true;
            }
            return isBareColumn(e) && e.toString().equals(name);
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** Whether the expression is a column name alone: no table qualifier, no subscript. */
    static boolean isBareColumn(Expression e) {
        if (!(e instanceof Column)) {
            return false;
        }
        Column c = (Column) e;
        boolean qualified = c.getTable() != null && c.getTable().getName() != null;
        return !qualified && c.getColumnName() != null && c.toString().equals(c.getColumnName());
    }

    /** Parses and checks one expression; see the class comment. */
    static Checked check(String text) throws Invalid {
        if (text == null || text.isBlank()) {
            throw new Invalid("is empty: it must be an SQL expression");
        }
        Expression parsed = parse(text);
        String sql = parsed.toString();
        // What is kept is JSqlParser's rendering: it must read back as one expression too.
        Expression again;
        try {
            again = CCJSqlParserUtil.parseExpression(sql, false);
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            again = null;
        }
        if (again == null) {
            throw new Invalid("cannot be used: JSqlParser does not read back its own rendering of it (" + shorten(sql)
                    + "); write it differently");
        }
        scanTokens(sql);
        walk(parsed);
        return new Checked(parsed, sql);
    }

    private static Expression parse(String text) throws Invalid {
        if (nesting(text) > MAX_NESTING) {
            // JSqlParser's time grows quickly with nesting; no real derivation nests this deep.
            throw new Invalid("is not a valid SQL expression: it nests more than " + MAX_NESTING + " parentheses deep");
        }
        Expression e;
        try {
            e = CCJSqlParserUtil.parseExpression(text, false);
        } catch (JSQLParserException | RuntimeException ex) {
            throw new Invalid(diagnose(text, ex));
        } catch (StackOverflowError ex) {
            throw new Invalid("is not a valid SQL expression: it nests too deeply");
        }
        if (e == null) {
            throw new Invalid("is empty: it must be an SQL expression");
        }
        return e;
    }

    private static final int MAX_NESTING = 100;

    /** The deepest nesting of parentheses and brackets, counting those in literals too (so at worst too high). */
    private static int nesting(String text) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                max = Math.max(max, ++depth);
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    /** Explains a parse failure; trailing text after a complete expression gets a message of its own. */
    private static String diagnose(String text, Exception failure) {
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(text);
            Expression head = parser.Expression();
            Token next = parser.getNextToken();
            if (head != null && next != null && next.kind != CCJSqlParserConstants.EOF) {
                return "is not a single SQL expression: unexpected '" + shorten(next.image) + "' after '"
                        + shorten(head.toString()) + "' (one expression per column; statements are not allowed)";
            }
        } catch (Exception | StackOverflowError ignored) {
            // fall through to the parser's own message
        }
        return "is not a valid SQL expression: " + parserMessage(failure);
    }

    private static String parserMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return shorten(message.trim());
    }

    /**
     * A lexical pass over the text that will be kept. It is complete where the tree walk might not be: a data-changing
     * statement cannot be written without its keyword, and a parameter marker is a token of its own.
     */
    private static void scanTokens(String sql) throws Invalid {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
        Token t = parser.getNextToken();
        while (t.kind != CCJSqlParserConstants.EOF) {
            Token next = parser.getNextToken();
            switch (t.kind) {
                case CCJSqlParserConstants.K_INSERT:
                    // MySQL has an INSERT(str, pos, len, newstr) function; the statement is never followed by '('.
                    if (!"(".equals(next.image)) {
                        throw readOnly("INSERT");
                    }
                    break;
                case CCJSqlParserConstants.K_UPDATE:
                case CCJSqlParserConstants.K_DELETE:
                case CCJSqlParserConstants.K_MERGE:
                case CCJSqlParserConstants.K_UPSERT:
                case CCJSqlParserConstants.K_INTO:
                    throw readOnly(t.image.toUpperCase(Locale.ROOT));
                case CCJSqlParserConstants.ST_SEMICOLON:
                    throw new Invalid("may not contain ';': one expression per column; statements are not allowed");
                case CCJSqlParserConstants.S_PARAMETER:
                    throw parameter(t.image);
                case CCJSqlParserConstants.S_CHAR_LITERAL:
                case CCJSqlParserConstants.S_QUOTED_IDENTIFIER:
                    break;
                default:
                    if (t.image != null && t.image.indexOf('?') >= 0) {
                        throw parameter("?");
                    }
            }
            t = next;
        }
    }

    private static Invalid readOnly(String what) {
        return new Invalid("may not contain " + what + ": an expression may only read (subqueries must be SELECT)");
    }

    private static Invalid parameter(String marker) {
        return new Invalid("may not contain a parameter (" + marker
                + "): expressions take no parameters; write the value into the expression");
    }

    /** The tree walk: parameters and non-SELECT statements anywhere in the expression, subqueries included. */
    private static void walk(Expression expression) throws Invalid {
        Walker walker = new Walker();
        try {
            walker.getTables(expression);
        } catch (RuntimeException | StackOverflowError e) {
            throw new Invalid("cannot be analysed (" + e.getClass().getSimpleName() + "); write it differently");
        }
        if (walker.problem != null) {
            throw walker.problem;
        }
    }

    private static final class Walker extends TablesNamesFinder<Void> {
        private Invalid problem;

        private void flag(Invalid invalid) {
            if (problem == null) {
                problem = invalid;
            }
        }

        @Override
        public <S> Void visit(JdbcParameter parameter, S context) {
            flag(parameter("?"));
            return null;
        }

        @Override
        public <S> Void visit(JdbcNamedParameter parameter, S context) {
            flag(parameter(parameter.toString()));
            return null;
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
                flag(readOnly("SELECT ... INTO"));
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Insert insert, S context) {
            flag(readOnly("INSERT"));
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedInsert insert, S context) {
            flag(readOnly("INSERT"));
            return null;
        }

        @Override
        public <S> Void visit(Update update, S context) {
            flag(readOnly("UPDATE"));
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedUpdate update, S context) {
            flag(readOnly("UPDATE"));
            return null;
        }

        @Override
        public <S> Void visit(Delete delete, S context) {
            flag(readOnly("DELETE"));
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedDelete delete, S context) {
            flag(readOnly("DELETE"));
            return null;
        }

        @Override
        public <S> Void visit(Merge merge, S context) {
            flag(readOnly("MERGE"));
            return null;
        }

        @Override
        public <S> Void visit(Upsert upsert, S context) {
            flag(readOnly("UPSERT"));
            return null;
        }
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
