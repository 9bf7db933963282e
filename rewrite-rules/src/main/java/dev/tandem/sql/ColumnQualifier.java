package dev.tandem.sql;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Select;

import java.util.Locale;
import java.util.Set;

/**
 * Qualifies the unqualified column references of a rules expression with a table name, so that the expression can
 * run in a statement that joins {@code from} and {@code to} (whose column names may overlap). Subqueries are left
 * as written: their unqualified columns may be their own tables' (the database resolves them innermost first, and
 * reaches {@code from} when it must).
 */
public final class ColumnQualifier {
    /** Words JSqlParser may read as columns that are not columns. */
    private static final Set<String> NOT_COLUMNS = Set.of("true", "false", "null", "default", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user",
            "user", "sysdate", "unknown");

    private ColumnQualifier() {
    }

    /**
     * The expression with every unqualified column reference outside subqueries qualified by {@code qualifier}. On
     * MariaDB and MySQL a double-quoted "name" is a string and stays as it is.
     *
     * @throws IllegalArgumentException when the text is not one SQL expression (rules are validated at load time, so
     *                                  this signals a bug)
     */
    public static String qualify(String expression, String qualifier, Dialect dialect) {
        Expression parsed;
        try {
            parsed = CCJSqlParserUtil.parseExpression(expression, false);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("not an SQL expression: " + expression, e);
        }
        // Walk the expression without entering subqueries: every Select node is left untouched.
        AstNodes.walkUntil(parsed, node -> !(node instanceof Select), node -> {
            if (node instanceof Column c && (c.getTable() == null || c.getTable().getName() == null)
                    && !NOT_COLUMNS.contains(c.getColumnName().toLowerCase(Locale.ROOT))
                    && !(dialect.backslashEscapes() && Identifier.doubleQuoted(c.getColumnName()))) {
                c.setTable(new Table(qualifier));
            }
        });
        return parsed.toString();
    }
}
