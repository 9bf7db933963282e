package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.schema.WriteEffects;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.AstNodes;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ValuesRows;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.StatementScan;
import dev.tandem.schema.ColumnShape;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
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
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.security.SecureRandom;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mirror of a column-level migration written into the application's own statement: an {@code INSERT ... VALUES}
 * also gives each new column its {@code up} expression over the row's values, an {@code UPDATE} also sets each new
 * column whose {@code up} reads a column it assigns. One statement instead of the write, a sync and (in autocommit)
 * a transaction around them — what a team writing the dual-write by hand would do.
 *
 * <p>Only where that is exactly what the sync would have written; otherwise there is no inline form and the write is
 * synced as usual:
 * <ul>
 *   <li>the database adds nothing of its own: {@code from} has no trigger, and {@code up} reads no column the
 *       database computes (generated, {@code ON UPDATE}) — known from the catalog, else no inline form;</li>
 *   <li>an INSERT gives every column {@code up} reads, as a value (not {@code DEFAULT}), and {@code up} reads no key
 *       column (a key may be generated); plain {@code INSERT ... (columns) VALUES} only, no upsert, no
 *       {@code RETURNING}, no {@code IGNORE};</li>
 *   <li>an UPDATE names one table, no {@code RETURNING}; an assigned value stands in for the column it assigns
 *       (every SET value is computed from the row as it was, in standard SQL, H2 and PostgreSQL); on MariaDB/MySQL,
 *       where assignments may see the ones left of them, a value that reads an assigned column has no inline
 *       form;</li>
 *   <li>the statement writes none of the new columns itself, and every column name compares the same way under
 *       Tandem's and the database's rules.</li>
 * </ul>
 * An UPDATE that assigns no column {@code up} reads cannot change a new column: its inline form is itself.
 */
public final class InlineMirror {
    private static final String MARK = "tandeminline" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5))
            + "n";

    private final Migration migration;
    private final Dialect dialect;
    private final List<ColumnShape> shapes;
    private final Map<String, Template> up = new LinkedHashMap<>();
    /** Marker column name → the marked SQL that replaces it. */
    private final Map<String, String> fills = new LinkedHashMap<>();

    private InlineMirror(Migration migration, Dialect dialect, List<ColumnShape> shapes) {
        this.migration = migration;
        this.dialect = dialect;
        this.shapes = shapes;
        up.putAll(Template.upOf(migration));
    }

    /**
     * The write with {@code migration}'s new columns set in it, parameters mapped to the application's; null when it
     * has no inline form (then it is synced).
     *
     * @param statement a freshly parsed and scanned write to {@code migration}'s {@code from}; consumed
     */
    public static ParameterizedSql of(Statement statement, Migration migration, TableShapes shapes, Dialect dialect) {
        if (!migration.columnLevel()) {
            return null;
        }
        WriteEffects effects = shapes.writeEffects(migration.from());
        if (effects == null || effects.triggers()) {
            return null;
        }
        InlineMirror inline = new InlineMirror(migration, dialect, shapes.describe(migration.from()));
        for (Template t : inline.up.values()) {
            for (String read : t.columns()) {
                if (effects.computes(read)) {
                    return null;
                }
            }
        }
        boolean done = statement instanceof Insert insert ? inline.insert(insert)
                : statement instanceof Update update && inline.update(update);
        return done ? inline.render(statement) : null;
    }

    private boolean insert(Insert insert) {
        if (insert.getConflictAction() != null || insert.getDuplicateUpdateSets() != null
                || insert.getReturningClause() != null || insert.isModifierIgnore()
                || insert.getModifierPriority() != null
                || (insert.getSetUpdateSets() != null && !insert.getSetUpdateSets().isEmpty())
                || (insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty())
                || insert.getColumns() == null
                || !(insert.getSelect() instanceof Values values) || values.getWithItemsList() != null) {
            return false;
        }
        List<String> columns = new ArrayList<>();
        for (Column c : insert.getColumns()) {
            if (c.getTable() != null && c.getTable().getName() != null) {
                return false;
            }
            columns.add(c.getColumnName());
        }
        if (writesNewColumn(columns)) {
            return false;
        }
        List<ExpressionList<Expression>> rows = rows(values.getExpressions());
        if (rows == null) {
            return false;
        }
        int[][] reads = new int[up.size()][];
        int t = 0;
        for (Template template : up.values()) {
            List<String> read = template.columns();
            reads[t] = new int[read.size()];
            for (int i = 0; i < read.size(); i++) {
                if (migration.from().isKey(read.get(i))) {
                    return false;
                }
                reads[t][i] = columnIndex(columns, read.get(i));
                if (reads[t][i] < 0) {
                    return false;
                }
            }
            t++;
        }
        for (ExpressionList<Expression> row : rows) {
            if (row.size() != columns.size()) {
                return false;
            }
            for (int[] r : reads) {
                for (int i : r) {
                    if (!stable(row.get(i), false) || storedAs(columns.get(i), "") == null) {
                        return false;
                    }
                }
            }
        }
        for (String target : up.keySet()) {
            insert.getColumns().add(new Column(target));
        }
        for (ExpressionList<Expression> row : rows) {
            List<Expression> given = List.copyOf(row);
            for (Template template : up.values()) {
                String marker = marker();
                fills.put(marker, fill(template, column -> {
                    int i = columnIndex(columns, column);
                    return storedAs(columns.get(i), given.get(i).toString());
                }));
                row.add(new Column(marker));
            }
        }
        return true;
    }

    private boolean update(Update update) {
        if (update.getReturningClause() != null
                || (update.getStartJoins() != null && !update.getStartJoins().isEmpty())
                || update.getFromItem() != null || (update.getJoins() != null && !update.getJoins().isEmpty())
                || (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty())) {
            return false;
        }
        Map<String, Expression> assigned = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                return false;
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                Column c = set.getColumn(i);
                if (c.getTable() != null && c.getTable().getName() != null
                        && !sameTableOrAlias(c, update)) {
                    return false;
                }
                names.add(c.getColumnName());
                if (assigned.put(Identifier.canonical(c.getColumnName()), set.getValue(i)) != null) {
                    return false;
                }
            }
        }
        if (writesNewColumn(names)) {
            return false;
        }
        Map<String, Template> needed = new LinkedHashMap<>();
        for (Map.Entry<String, Template> e : up.entrySet()) {
            for (String read : e.getValue().columns()) {
                int i = columnIndex(names, read);
                if (i == AMBIGUOUS) {
                    return false;
                }
                if (i >= 0) {
                    needed.put(e.getKey(), e.getValue());
                }
            }
        }
        boolean leftToRight = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
        for (Template template : needed.values()) {
            for (String read : template.columns()) {
                Expression value = assigned.get(Identifier.canonical(read));
                if (value != null && (!stable(value, true) || storedAs(read, "") == null
                        || leftToRight && readsAny(value, assigned))) {
                    return false;
                }
            }
        }
        for (Map.Entry<String, Template> e : needed.entrySet()) {
            String marker = marker();
            fills.put(marker, fill(e.getValue(), column -> {
                Expression value = assigned.get(Identifier.canonical(column));
                return value != null ? storedAs(column, value.toString()) : column;
            }));
            update.getUpdateSets().add(new UpdateSet(new Column(e.getKey()), new Column(marker)));
        }
        return true;
    }

    /**
     * {@code value} as the column stores it: cast to the column's type (so that {@code up} sees the rounded decimal,
     * the padded char, the truncated timestamp the row will hold); the value itself for integer and unbounded text
     * columns, which store what they are given or fail the write; null when the column or an exact cast is unknown.
     */
    private String storedAs(String column, String value) {
        for (ColumnShape c : shapes) {
            if (Identifier.same(c.name(), column)) {
                String type = dialect.castType(c.jdbcType(), c.typeName(), c.size(), c.scale());
                if (type != null) {
                    return "CAST((" + value + ") AS " + type + ")";
                }
                return switch (c.jdbcType()) {
                    case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> value;
                    case Types.BIT, Types.BOOLEAN -> dialect == Dialect.MARIADB || dialect == Dialect.MYSQL
                            ? value : null;
                    case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.VARCHAR -> value;
                    default -> null;
                };
            }
        }
        return null;
    }

    /**
     * Whether an expression gives the same value however often it is evaluated in one statement, and may be copied:
     * parameters, literals, casts and arithmetic over them (and, in an UPDATE, the row's columns). Functions and
     * subqueries are not copied (a {@code random()}, a sequence's next value).
     */
    private static boolean stable(Expression e, boolean columns) {
        if (e instanceof JdbcParameter || e instanceof StringValue || e instanceof LongValue
                || e instanceof DoubleValue || e instanceof NullValue || e instanceof DateValue
                || e instanceof TimeValue || e instanceof TimestampValue || e instanceof HexValue) {
            return true;
        }
        if (e instanceof Column c) {
            return columns && !ValuesRows.isDefault(c);
        }
        if (e instanceof CastExpression c) {
            return stable(c.getLeftExpression(), columns);
        }
        if (e instanceof SignedExpression s) {
            return stable(s.getExpression(), columns);
        }
        if (e instanceof ParenthesedExpressionList<?> list) {
            Object inner = list.size() == 1 ? list.get(0) : null;
            return inner instanceof Expression one && stable(one, columns);
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division || e instanceof Concat) {
            BinaryExpression b = (BinaryExpression) e;
            return stable(b.getLeftExpression(), columns) && stable(b.getRightExpression(), columns);
        }
        return false;
    }

    private static boolean sameTableOrAlias(Column c, Update update) {
        String q = c.getTable().getName();
        return Identifier.same(q, update.getTable().getName())
                || (update.getTable().getAlias() != null && Identifier.same(q, update.getTable().getAlias().getName()));
    }

    /** Whether {@code value} reads a column the UPDATE assigns (as a bare or qualified reference). */
    private static boolean readsAny(Expression value, Map<String, Expression> assigned) {
        boolean[] reads = {false};
        AstNodes.walk(value, node -> {
            if (node instanceof Column c && assigned.containsKey(Identifier.canonical(c.getColumnName()))) {
                reads[0] = true;
            }
        });
        return reads[0];
    }

    /** Whether the statement writes a column {@code up} derives (new code writing the new structure itself). */
    private boolean writesNewColumn(List<String> columns) {
        for (String target : up.keySet()) {
            for (String c : columns) {
                if (Identifier.same(c, target)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int AMBIGUOUS = -2;

    /**
     * The index of {@code column} in {@code columns}; -1 when absent; {@link #AMBIGUOUS} when Tandem's comparison and
     * the database's disagree (quoted names differing in case), where a guess could take the wrong value.
     */
    private int columnIndex(List<String> columns, String column) {
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (Identifier.same(columns.get(i), column)) {
                if (found >= 0 || !Identifier.sameColumn(columns.get(i), column, dialect)) {
                    return AMBIGUOUS;
                }
                found = i;
            }
        }
        return found;
    }

    private String fill(Template template, java.util.function.Function<String, String> marked) {
        try {
            return template.fill(column -> new ParameterizedSql(marked.apply(column), new int[0])).sql();
        } catch (Untranslatable e) {
            throw new IllegalStateException(e); // every hole has a filling here
        }
    }

    private String marker() {
        return MARK + fills.size() + "z";
    }

    private ParameterizedSql render(Statement statement) {
        String marked = statement.toString();
        for (Map.Entry<String, String> e : fills.entrySet()) {
            int at = marked.indexOf(e.getKey());
            if (at < 0 || marked.indexOf(e.getKey(), at + 1) >= 0) {
                return null;
            }
            marked = marked.substring(0, at) + e.getValue() + marked.substring(at + e.getKey().length());
        }
        return StatementScan.render(marked);
    }

    /** The rows of a VALUES list as the lists to extend; null for shapes other than {@code (..), (..)}. */
    @SuppressWarnings("unchecked")
    private static List<ExpressionList<Expression>> rows(ExpressionList<?> values) {
        List<ExpressionList<Expression>> rows = new ArrayList<>();
        if (values instanceof ParenthesedExpressionList<?> single
                && !(single.size() > 0 && single.get(0) instanceof ParenthesedExpressionList<?>)) {
            rows.add((ExpressionList<Expression>) single);
            return rows;
        }
        for (Object row : values) {
            if (!(row instanceof ParenthesedExpressionList<?> list)) {
                return null;
            }
            rows.add((ExpressionList<Expression>) list);
        }
        return rows;
    }

}
