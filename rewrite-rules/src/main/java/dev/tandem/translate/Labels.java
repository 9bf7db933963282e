package dev.tandem.translate;

import dev.tandem.sql.Dialect;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the labels of the columns the application sees when a read is translated. A bare column keeps its name
 * through an alias ({@link QueryTranslator}); this class handles the select list's other unaliased items whose text
 * the translation changes, whose label each database derives from the text:
 *
 * <ul>
 *   <li>MariaDB/MySQL label such an item with its text as written: it gets that text as alias;</li>
 *   <li>PostgreSQL labels a column wrapped in parentheses, casts, {@code COLLATE} or subscripts with the column's
 *       name (as does a CASE whose ELSE is such a column, and a scalar subquery of one), and every other item by its
 *       outermost construct (function name, {@code case}, a cast's type, {@code ?column?}), which the translation
 *       keeps: the first get the column's name as alias;</li>
 *   <li>H2 labels a column in parentheses with its name, which it gets as alias, and any other item with its own
 *       rendering of the expression, which Tandem does not reproduce: such labels are reported as not exact.</li>
 * </ul>
 *
 * An item holding a parameter is never aliased (its MariaDB label may show the bound value): its label is not exact.
 */
final class Labels {
    /** The label of an item whose label the translation keeps by itself (it needs no alias). */
    private static final String KEPT = new String("kept");
    /** Longer texts are not copied into an alias (MariaDB shortens long names). */
    private static final int MAX_LABEL = 250;

    private record Pending(SelectItem<?> item, String label) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final Dialect dialect;

    private Labels(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Notes, before translation, the label each unaliased computed item of the application's select list has.
     *
     * @param sql the text the statement was parsed from (its tokens' positions point into it)
     */
    static Labels capture(Select select, String sql, Dialect dialect) {
        Labels labels = new Labels(dialect);
        PlainSelect top = topLevel(select);
        if (top == null || top.getSelectItems() == null) {
            return labels;
        }
        for (SelectItem<?> item : top.getSelectItems()) {
            Expression e = item.getExpression();
            if (item.getAlias() != null || e instanceof Column || e instanceof AllColumns) {
                continue;
            }
            labels.pending.add(new Pending(item, labels.labelOf(item, sql)));
        }
        return labels;
    }

    /**
     * After translation: aliases each noted item the translation changed with its old label.
     *
     * @return whether every label of the translated read is the one the application would have seen
     */
    boolean apply() {
        boolean exact = true;
        for (Pending p : pending) {
            if (!rewritten(p.item())) {
                continue;
            }
            if (p.label() == null) {
                exact = false;
            } else if (p.label() != KEPT) {
                p.item().setAlias(new Alias(quoted(p.label()), true));
            }
        }
        return exact;
    }

    /** The first query of the select list the application sees (a set operation's labels are its first branch's). */
    private static PlainSelect topLevel(Select select) {
        Select s = select;
        while (true) {
            if (s instanceof PlainSelect plain) {
                return plain;
            }
            if (s instanceof ParenthesedSelect p) {
                s = p.getSelect();
            } else if (s instanceof SetOperationList set && !set.getSelects().isEmpty()) {
                s = set.getSelects().get(0);
            } else {
                return null;
            }
        }
    }

    /** The label the database gives the item, or null when Tandem cannot tell. */
    private String labelOf(SelectItem<?> item, String sql) {
        switch (dialect) {
            case MARIADB, MYSQL -> {
                if (unwrapped(item.getExpression()) instanceof Column c) {
                    return unquoted(c.getColumnName(), false); // a parenthesized column keeps its name
                }
                if (holdsParameter(item.getExpression())) {
                    return null;
                }
                String text = sourceText(item, sql);
                return text == null || text.length() > MAX_LABEL || text.indexOf('?') >= 0 ? null : text;
            }
            case POSTGRESQL -> {
                return postgresLabel(item.getExpression());
            }
            case H2 -> {
                if (unwrapped(item.getExpression()) instanceof Column c) {
                    String name = c.getColumnName();
                    return name.startsWith("\"") ? unquoted(name, false) : name.toUpperCase(Locale.ROOT);
                }
                return null; // H2's own rendering of the expression
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * PostgreSQL's label for an expression (its {@code FigureColname}) where it is a column's name, which the
     * translation would change; {@link #KEPT} where it is the expression's own construct (a function's name,
     * {@code case}, a cast's type, {@code ?column?}...), which the translation keeps. A column keeps its name through
     * parentheses, casts, {@code COLLATE} and subscripts; a CASE takes its ELSE's label when that is a column's or a
     * function's; a scalar subquery takes its column's label.
     */
    private static String postgresLabel(Expression e) {
        if (e instanceof Parenthesis p) {
            return postgresLabel(p.getExpression());
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return postgresLabel((Expression) list.get(0));
        }
        if (e instanceof Column c) {
            return unquoted(c.getColumnName(), true);
        }
        if (e instanceof CastExpression cast && cast.getLeftExpression() != null) {
            return postgresLabel(cast.getLeftExpression());
        }
        if (e instanceof CollateExpression collate) {
            return postgresLabel(collate.getLeftExpression());
        }
        if (e instanceof ArrayExpression subscript) {
            return postgresLabel(subscript.getObjExpression());
        }
        if (e instanceof CaseExpression c) {
            return c.getElseExpression() == null ? KEPT : postgresLabel(c.getElseExpression());
        }
        if (e instanceof ParenthesedSelect sub && sub.getSelect() instanceof PlainSelect inner
                && inner.getSelectItems() != null && inner.getSelectItems().size() == 1) {
            SelectItem<?> only = inner.getSelectItems().get(0);
            return only.getAlias() != null ? KEPT : postgresLabel(only.getExpression());
        }
        return KEPT;
    }

    /** The expression inside any parentheses. */
    private static Expression unwrapped(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof Parenthesis p) {
                e = p.getExpression();
            } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                e = (Expression) list.get(0);
            } else {
                return e;
            }
        }
    }

    /** A column's label from its name as written: quotes removed; unquoted names folded to lower case if asked. */
    private static String unquoted(String name, boolean foldsToLower) {
        if (name.length() > 1 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            char q = name.charAt(0);
            return name.substring(1, name.length() - 1).replace("" + q + q, "" + q);
        }
        return foldsToLower ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** Whether the translation changed the item: it then holds a rewritten column's marker. */
    private static boolean rewritten(SelectItem<?> item) {
        return item.getExpression().toString().contains(Rewrites.PREFIX_START);
    }

    private static boolean holdsParameter(Expression e) {
        String[] found = {null};
        dev.tandem.sql.AstNodes.walkUntil(e, node -> found[0] == null, node -> {
            if (node instanceof JdbcParameter || node instanceof JdbcNamedParameter) {
                found[0] = "yes";
            }
        });
        return found[0] != null;
    }

    /** The item's text as written, from its first token to its last; null when the parser kept no positions. */
    private static String sourceText(SelectItem<?> item, String sql) {
        Node node = item.getASTNode();
        if (node == null || sql == null) {
            return null;
        }
        Token first = node.jjtGetFirstToken();
        Token last = node.jjtGetLastToken();
        if (first == null || last == null) {
            return null;
        }
        // token positions count from 1
        int begin = first.absoluteBegin - 1;
        int end = last.absoluteEnd - 1;
        if (begin < 0 || end > sql.length() || begin >= end) {
            return null;
        }
        return sql.substring(begin, end).strip();
    }

    private String quoted(String label) {
        if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
            return "`" + label.replace("`", "``") + "`";
        }
        return "\"" + label.replace("\"", "\"\"") + "\"";
    }
}
