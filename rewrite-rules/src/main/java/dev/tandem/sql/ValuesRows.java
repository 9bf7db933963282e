package dev.tandem.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

import java.util.ArrayList;
import java.util.List;

/** The rows of an INSERT's VALUES list, however JSqlParser shaped them. */
public final class ValuesRows {
    private ValuesRows() {
    }

    /**
     * One list of expressions per row: {@code VALUES (a, b)} is one row, {@code VALUES (a, b), (c, d)} two,
     * {@code VALUES a, b} (MariaDB's one-column rows) two; null when the shape is not one of these.
     */
    public static List<List<Expression>> of(ExpressionList<?> values) {
        List<List<Expression>> rows = new ArrayList<>();
        if (values instanceof ParenthesedExpressionList<?> single) {
            rows.add(expressions(single));
            return rows;
        }
        for (Object row : values) {
            if (row instanceof ParenthesedExpressionList<?> list) {
                rows.add(expressions(list));
            } else if (row instanceof Expression e) {
                rows.add(List.of(e));
            } else {
                return null;
            }
        }
        return rows;
    }

    private static List<Expression> expressions(ExpressionList<?> list) {
        List<Expression> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add((Expression) o);
        }
        return out;
    }

    /** Whether a VALUES entry is the keyword {@code DEFAULT} (no value: the column's default). */
    public static boolean isDefault(Expression value) {
        return value instanceof net.sf.jsqlparser.schema.Column c
                && (c.getTable() == null || c.getTable().getName() == null)
                && "default".equalsIgnoreCase(c.getColumnName());
    }
}
