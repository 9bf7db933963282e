package dev.tandem.plan;

import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.StatementScan;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

import java.util.ArrayList;
import java.util.List;

/** Reads key values out of a statement's text: the values a VALUES row gives, the keys a WHERE clause pins. */
final class KeyValues {
    /** More key rows than this from one WHERE clause are not worth enumerating: the rows are found otherwise. */
    private static final int MAX_WHERE_ROWS = 1024;

    private KeyValues() {
    }

    /**
     * Whether an expression is a fixed value: evaluating it again, in the mirror, with the same bound parameters,
     * gives the same value. Parameters, literals, signs and casts of those qualify; functions (which may be
     * volatile, like a sequence's next value) and column references do not.
     */
    static boolean isFixed(Expression e) {
        if (e instanceof JdbcParameter || e instanceof LongValue || e instanceof StringValue
                || e instanceof DoubleValue || e instanceof HexValue || e instanceof DateValue
                || e instanceof TimeValue || e instanceof TimestampValue || e instanceof DateTimeLiteralExpression) {
            return true;
        }
        if (e instanceof SignedExpression s) {
            return isFixed(s.getExpression());
        }
        if (e instanceof CastExpression c) {
            return c.getLeftExpression() != null && isFixed(c.getLeftExpression());
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return isFixed((Expression) p.get(0));
        }
        return false;
    }

    /**
     * The slot for a value written into a key column by an INSERT: fixed, or left to the database. On MariaDB and
     * MySQL a literal 0 in an AUTO_INCREMENT column asks for a generated value, like NULL.
     */
    static KeySlot slot(Expression value, Dialect dialect) {
        if (dialect.returnsAutoIncrementOnly() && value instanceof LongValue l && l.getValue() == 0) {
            return KeySlot.GENERATED;
        }
        if (isFixed(value)) {
            return new KeySlot.Fixed(StatementScan.render(value));
        }
        return KeySlot.GENERATED;
    }

    /** {@link #slot(Expression, Dialect)} for a value that is not an AUTO_INCREMENT insert (a WHERE, an UPDATE). */
    static KeySlot slot(Expression value) {
        return isFixed(value) ? new KeySlot.Fixed(StatementScan.render(value)) : KeySlot.GENERATED;
    }

    /** Whether a VALUES entry asks for the column's default or auto-increment ({@code DEFAULT} or {@code NULL}). */
    static boolean isDefaultOrNull(Expression value) {
        return value instanceof NullValue
                || (value instanceof Column c && c.getTable() == null && "default".equalsIgnoreCase(c.getColumnName()));
    }

    /**
     * The key rows a WHERE clause pins: every row it can match has one of these keys. Returns null when the clause
     * does not pin every key column to fixed values in top-level AND terms (then the keys are found otherwise).
     *
     * @param keyColumns  the table's key columns
     * @param qualifiers  the names (as written) a column of the written table may be qualified with
     * @param unqualifiedIsOurs whether an unqualified column can only belong to the written table
     * @param dialect     how the database compares names (a wrong match would be unsound)
     */
    static List<List<KeySlot>> pinnedByWhere(Expression where, List<String> keyColumns, List<String> qualifiers,
                                             boolean unqualifiedIsOurs, Dialect dialect) {
        if (where == null) {
            return null;
        }
        List<Expression> terms = new ArrayList<>();
        conjuncts(where, terms);
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<KeySlot>[] perColumn = new List[keyColumns.size()];
        for (Expression term : terms) {
            if (term instanceof EqualsTo eq) {
                pin(perColumn, eq.getLeftExpression(), eq.getRightExpression(), keyColumns, qualifiers,
                        unqualifiedIsOurs, dialect);
                pin(perColumn, eq.getRightExpression(), eq.getLeftExpression(), keyColumns, qualifiers,
                        unqualifiedIsOurs, dialect);
            } else if (term instanceof InExpression in && !in.isNot() && in.getRightExpression() != null) {
                List<List<KeySlot>> rows = rowIn(in, keyColumns, qualifiers, unqualifiedIsOurs, dialect);
                if (rows != null) {
                    return rows;
                }
                int k = keyIndex(in.getLeftExpression(), keyColumns, qualifiers, unqualifiedIsOurs, dialect);
                if (k >= 0 && perColumn[k] == null && in.getRightExpression() instanceof ExpressionList<?> list
                        && !list.isEmpty()) {
                    List<KeySlot> values = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof Expression v) || !isFixed(v)) {
                            values = null;
                            break;
                        }
                        values.add(new KeySlot.Fixed(StatementScan.render(v)));
                    }
                    perColumn[k] = values;
                }
            }
        }
        long combinations = 1;
        for (List<KeySlot> values : perColumn) {
            if (values == null) {
                return null;
            }
            combinations *= values.size();
            if (combinations > MAX_WHERE_ROWS) {
                return null;
            }
        }
        List<List<KeySlot>> rows = new ArrayList<>();
        product(perColumn, 0, new ArrayList<>(), rows);
        return rows;
    }

    private static void pin(List<KeySlot>[] perColumn, Expression column, Expression value, List<String> keyColumns,
                            List<String> qualifiers, boolean unqualifiedIsOurs, Dialect dialect) {
        int k = keyIndex(column, keyColumns, qualifiers, unqualifiedIsOurs, dialect);
        if (k >= 0 && perColumn[k] == null && isFixed(value)) {
            perColumn[k] = List.of(new KeySlot.Fixed(StatementScan.render(value)));
        }
    }

    /** {@code (a, b) IN ((?, ?), (1, 2))} naming exactly the key columns: its rows, in key order. */
    private static List<List<KeySlot>> rowIn(InExpression in, List<String> keyColumns, List<String> qualifiers,
                                             boolean unqualifiedIsOurs, Dialect dialect) {
        if (!(in.getLeftExpression() instanceof ParenthesedExpressionList<?> left) || left.size() != keyColumns.size()
                || !(in.getRightExpression() instanceof ExpressionList<?> right) || right.isEmpty()) {
            return null;
        }
        int[] order = new int[left.size()];
        boolean[] covered = new boolean[keyColumns.size()];
        for (int i = 0; i < left.size(); i++) {
            int k = keyIndex((Expression) left.get(i), keyColumns, qualifiers, unqualifiedIsOurs, dialect);
            if (k < 0 || covered[k]) {
                return null;
            }
            covered[k] = true;
            order[i] = k;
        }
        List<List<KeySlot>> rows = new ArrayList<>();
        for (Object o : right) {
            if (!(o instanceof ParenthesedExpressionList<?> tuple) || tuple.size() != order.length) {
                return null;
            }
            KeySlot[] row = new KeySlot[order.length];
            for (int i = 0; i < order.length; i++) {
                Expression v = (Expression) tuple.get(i);
                if (!isFixed(v)) {
                    return null;
                }
                row[order[i]] = new KeySlot.Fixed(StatementScan.render(v));
            }
            rows.add(List.of(row));
        }
        return rows;
    }

    private static int keyIndex(Expression e, List<String> keyColumns, List<String> qualifiers,
                                boolean unqualifiedIsOurs, Dialect dialect) {
        if (!(e instanceof Column c)) {
            return -1;
        }
        if (c.getTable() == null || c.getTable().getName() == null) {
            if (!unqualifiedIsOurs) {
                return -1;
            }
        } else {
            if (c.getTable().getSchemaName() != null) {
                return -1; // schema.table.column: not worth resolving, the keys are found otherwise
            }
            boolean ours = false;
            for (String q : qualifiers) {
                ours |= Identifier.sameColumn(q, c.getTable().getName(), dialect);
            }
            if (!ours) {
                return -1;
            }
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            if (Identifier.sameColumn(keyColumns.get(i), c.getColumnName(), dialect)) {
                return i;
            }
        }
        return -1;
    }

    private static void conjuncts(Expression e, List<Expression> out) {
        if (e instanceof AndExpression and) {
            conjuncts(and.getLeftExpression(), out);
            conjuncts(and.getRightExpression(), out);
        } else if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            conjuncts(p.get(0), out);
        } else {
            out.add(e);
        }
    }

    private static void product(List<KeySlot>[] perColumn, int at, List<KeySlot> prefix, List<List<KeySlot>> out) {
        if (at == perColumn.length) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (KeySlot slot : perColumn[at]) {
            prefix.add(slot);
            product(perColumn, at + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
