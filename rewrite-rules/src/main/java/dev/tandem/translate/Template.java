package dev.tandem.translate;

import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.SqlBuilder;
import dev.tandem.sql.AstNodes;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rules expression ({@code up} or {@code down}) with its column references as holes, filled with SQL: the values
 * a statement writes, expressions over another table. The result keeps track of the application's parameters in
 * the fillings.
 */
final class Template {
    private static final String PREFIX = "tandemx" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5)) + "h";
    private static final Pattern HOLE = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");

    private final String text;
    private final List<String> columns;

    private Template(String text, List<String> columns) {
        this.text = text;
        this.columns = columns;
    }

    /** The template of an expression: every column reference (qualified with {@code table} or not) is a hole. */
    static Template of(String expression, String table) {
        Expression parsed;
        try {
            parsed = CCJSqlParserUtil.parseExpression(expression, false);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("not an SQL expression: " + expression, e);
        }
        List<String> columns = new ArrayList<>();
        AstNodes.walk(parsed, node -> {
            if (node instanceof Column c && (c.getTable() == null || c.getTable().getName() == null
                    || Identifier.same(c.getTable().getName(), table)) && !isKeyword(c.getColumnName())) {
                columns.add(c.getColumnName());
                c.setTable(null);
                c.setColumnName(PREFIX + (columns.size() - 1));
            }
        });
        return new Template(parsed.toString(), columns);
    }

    /** The templates of a migration's {@code up} expressions, by the column of {@code to} each writes, in file order. */
    static java.util.Map<String, Template> upOf(dev.tandem.rules.Migration migration) {
        java.util.Map<String, Template> up = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, String> e : migration.up().entrySet()) {
            up.put(e.getKey(), of(e.getValue(), migration.from().name()));
        }
        return up;
    }

    private static boolean isKeyword(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("true") || n.equals("false") || n.equals("null") || n.equals("default")
                || n.startsWith("current_") || n.equals("localtime") || n.equals("localtimestamp");
    }

    /** The columns the expression reads, in order of appearance (repeated as often as they appear). */
    List<String> columns() {
        return columns;
    }

    /** Whether the expression reads this column. */
    boolean reads(String column) {
        for (String c : columns) {
            if (Identifier.same(c, column)) {
                return true;
            }
        }
        return false;
    }

    /** The expression with each hole filled by {@code filling} (given the column name), parenthesized. */
    ParameterizedSql fill(Function<String, ParameterizedSql> filling) throws Untranslatable {
        SqlBuilder sql = new SqlBuilder().text("(");
        Matcher m = HOLE.matcher(text);
        int last = 0;
        while (m.find()) {
            sql.text(text.substring(last, m.start()));
            ParameterizedSql part = filling.apply(columns.get(Integer.parseInt(m.group(1))));
            if (part == null) {
                throw new Untranslatable("the expression " + text.replaceAll(Pattern.quote(PREFIX) + "\\d+", "?")
                        + " reads a column that the statement cannot provide");
            }
            sql.text("(").sql(part).text(")");
            last = m.end();
        }
        sql.text(text.substring(last)).text(")");
        return sql.build();
    }
}
