package dev.tandem.translate;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.ValuesRows;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.SqlBuilder;
import dev.tandem.sql.StatementScan;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a write to the old structure into a write to the new one (write-new and contracted): an INSERT derives
 * each written column of {@code to} through {@code up} from the values the statement gives (an old column the
 * statement does not give takes its default); an UPDATE sets each column of {@code to} whose {@code up} reads a
 * column it assigns, taking the columns it does not assign from the current row through {@code down}; WHERE,
 * ORDER BY and the assigned values are read-translated. Keeping {@code from} fresh afterwards is the reverse
 * migration's sync ({@link TranslatedWrite#reverse()}).
 */
public final class WriteTranslator {
    private final Migration migration;
    private final MigrationView view;
    private final TableShapes shapes;
    private final Dialect dialect;
    private final Rewrites rewrites = new Rewrites();
    private final QueryTranslator queries;
    private final Map<String, Template> up = new LinkedHashMap<>();

    private WriteTranslator(Migration migration, TableShapes shapes, Dialect dialect) {
        this.migration = migration;
        this.shapes = shapes;
        this.dialect = dialect;
        this.queries = new QueryTranslator(List.of(migration), shapes, dialect, rewrites);
        this.view = new MigrationView(migration, shapes);
        up.putAll(Template.upOf(migration));
    }

    /** Translates a freshly parsed and scanned write to {@code migration}'s {@code from} table. */
    public static TranslatedWrite translate(Statement statement, Migration migration, TableShapes shapes,
                                            Dialect dialect) throws Untranslatable {
        WriteTranslator t = new WriteTranslator(migration, shapes, dialect);
        ParameterizedSql sql;
        if (statement instanceof Insert insert) {
            sql = t.insert(insert);
        } else if (statement instanceof Update update) {
            sql = t.update(update);
        } else if (statement instanceof Delete delete) {
            sql = t.delete(delete);
        } else {
            throw new Untranslatable(Untranslatable.kindOf(statement)
                    + " of the old structure is not translated onto the new one");
        }
        return new TranslatedWrite(sql, reverse(migration));
    }

    /**
     * The migration backwards: {@code to} becomes the old structure and {@code from} the new, {@code down} derives
     * it. Used to keep {@code from} fresh in write-new.
     */
    public static Migration reverse(Migration m) {
        Map<String, String> up = new LinkedHashMap<>();
        List<String> keyMapping = new ArrayList<>();
        if (m.columnLevel()) {
            up.putAll(m.down());
            keyMapping.addAll(m.to().key());
        } else {
            for (String toKey : m.to().key()) {
                int i = m.toKeyByFromKey().indexOf(toKey);
                String fromKey = m.from().key().get(i);
                up.put(fromKey, toKey);
                keyMapping.add(fromKey);
            }
            for (Map.Entry<String, String> e : m.down().entrySet()) {
                if (!m.from().isKey(e.getKey())) {
                    up.put(e.getKey(), e.getValue());
                }
            }
        }
        Map<String, String> down = new LinkedHashMap<>(m.up());
        return new Migration(m.id(), m.to(), m.from(), up, down, m.phase(), m.percent(), m.source(), keyMapping);
    }

    // ---------------------------------------------------------------------------------------------------- INSERT

    private ParameterizedSql insert(Insert insert) throws Untranslatable {
        if (insert.getConflictAction() != null || insert.getDuplicateUpdateSets() != null) {
            throw new Untranslatable("an upsert of the old structure is not translated onto the new one yet");
        }
        if (insert.getReturningClause() != null) {
            throw new Untranslatable("an INSERT ... RETURNING of the old structure is not translated yet");
        }
        if (insert.getSetUpdateSets() != null && !insert.getSetUpdateSets().isEmpty()) {
            throw new Untranslatable("INSERT ... SET of the old structure is not translated yet");
        }
        if (insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty()) {
            // the translated INSERT is built from its parts: a leading WITH would be lost
            throw new Untranslatable("a WITH ... INSERT of the old structure is not translated yet");
        }
        List<String> listed = insert.getColumns() != null ? names(insert.getColumns())
                : shapes.columns(migration.from());
        if (listed.isEmpty()) {
            throw new Untranslatable("an INSERT without a column list, and the columns of "
                    + migration.from().sql() + " could not be read");
        }
        Select select = insert.getSelect();
        if (select == null) {
            throw new Untranslatable("an INSERT without VALUES or SELECT");
        }
        List<List<Expression>> rows = select instanceof Values values && select.getWithItemsList() == null
                ? ValuesRows.of(values.getExpressions()) : null;
        List<String> columns = rows == null ? listed : withoutDefaultedColumns(listed, rows);
        List<String> targets = new ArrayList<>();
        List<Template> derive = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        plan(columns, targets, derive, copied);
        SqlBuilder sql = new SqlBuilder().text("INSERT INTO ").text(migration.to().sql()).text(" (")
                .text(String.join(", ", targets)).text(") ");
        if (select instanceof Values && select.getWithItemsList() == null) {
            sql.text("VALUES ");
            if (rows == null) {
                throw new Untranslatable("an INSERT with a VALUES list Tandem does not understand");
            }
            for (int r = 0; r < rows.size(); r++) {
                List<Expression> row = rows.get(r);
                if (row.size() != columns.size()) {
                    throw new Untranslatable("an INSERT with " + row.size() + " values for " + columns.size()
                            + " columns");
                }
                for (Template t : derive) {
                    for (String read : t.columns()) {
                        int i = indexOf(columns, read);
                        if (i >= 0 && ValuesRows.isDefault(row.get(i))) {
                            // DEFAULT is no value: it cannot stand inside an up expression
                            throw new Untranslatable("DEFAULT given for " + read + ", which an up expression reads:"
                                    + " not translated yet");
                        }
                    }
                }
                sql.text(r == 0 ? "(" : ", (");
                row(sql, columns, copied, derive, column -> {
                    int i = indexOf(columns, column);
                    return i < 0 ? null : StatementScan.render(row.get(i));
                });
                sql.text(")");
            }
            return sql.build();
        }
        if (!(select instanceof PlainSelect source) || source.getSelectItems() == null
                || source.getSelectItems().size() != columns.size()) {
            throw new Untranslatable("an INSERT ... SELECT whose select list Tandem cannot line up with its columns");
        }
        queries.select(source, null, new HashSet<>());
        for (int i = 0; i < source.getSelectItems().size(); i++) {
            SelectItem<?> item = source.getSelectItems().get(i);
            if (item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns) {
                throw new Untranslatable("an INSERT ... SELECT * of the old structure");
            }
            item.setAlias(new Alias("tandem_c" + i, true));
        }
        sql.text("SELECT ");
        row(sql, columns, copied, derive, column -> {
            int i = indexOf(columns, column);
            return i < 0 ? null : new ParameterizedSql("tandem_src.tandem_c" + i, new int[0]);
        });
        return sql.text(" FROM (").sql(rewrites.render(source)).text(") tandem_src").build();
    }

    /**
     * A column an up expression reads, given {@code DEFAULT} in every row, is as good as left out of the column list
     * (Hibernate writes {@code VALUES (?, ?, default)} for an identity key on H2): it is dropped, from the columns and
     * from every row, so that it takes its catalog default or is left to {@code to} like any column not given. A
     * {@code DEFAULT} in some rows only is still refused (below).
     */
    private List<String> withoutDefaultedColumns(List<String> columns, List<List<Expression>> rows) {
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            boolean everyRow = !rows.isEmpty();
            for (List<Expression> row : rows) {
                everyRow &= row.size() == columns.size() && ValuesRows.isDefault(row.get(i));
            }
            if (everyRow && readByUp(columns.get(i))) {
                dropped.add(i);
            }
        }
        if (dropped.isEmpty()) {
            return columns;
        }
        List<String> kept = new ArrayList<>(columns);
        for (int d = dropped.size() - 1; d >= 0; d--) {
            int i = dropped.get(d);
            kept.remove(i);
            for (int r = 0; r < rows.size(); r++) {
                List<Expression> row = new ArrayList<>(rows.get(r));
                row.remove(i);
                rows.set(r, row);
            }
        }
        return kept;
    }

    /**
     * Which columns of {@code to} an INSERT writes: {@code derive} (parallel to the first {@code derive.size()}
     * targets) are derived through {@code up}; for a column-level migration, {@code copied} columns of the table
     * the statement writes that are neither old nor new are written as given (the last targets).
     */
    private void plan(List<String> columns, List<String> targets, List<Template> derive, List<String> copied)
            throws Untranslatable {
        for (Map.Entry<String, Template> e : up.entrySet()) {
            String target = e.getKey();
            Template template = e.getValue();
            if (migration.to().isKey(target) && !migration.columnLevel()) {
                boolean given = true;
                for (String read : template.columns()) {
                    given &= indexOf(columns, read) >= 0;
                }
                if (!given && keyDefault(template) == null) {
                    continue; // the database generates the key: `to` generates it
                }
            }
            targets.add(target);
            derive.add(template);
        }
        if (migration.columnLevel()) {
            for (String c : columns) {
                if (view.down(c) == null && !migration.up().containsKey(c)) {
                    copied.add(c);
                    targets.add(c);
                }
            }
        } else {
            for (String c : columns) {
                if (!migration.from().isKey(c) && !readByUp(c)) {
                    throw new Untranslatable("the INSERT writes " + c + ", which no up expression carries into "
                            + migration.to().sql());
                }
            }
        }
    }

    private void row(SqlBuilder sql, List<String> columns, List<String> copied, List<Template> derive,
                     java.util.function.Function<String, ParameterizedSql> given) throws Untranslatable {
        boolean first = true;
        for (Template t : derive) {
            sql.text(first ? "" : ", ").sql(t.fill(column -> {
                ParameterizedSql value = given.apply(column);
                return value != null ? value : defaultOf(column);
            }));
            first = false;
        }
        for (String c : copied) {
            sql.text(first ? "" : ", ").sql(given.apply(c));
            first = false;
        }
    }

    /**
     * An old column the INSERT does not give: its default from the catalog (a sequence's next value for a key, so
     * that keys stay one series across both structures), else NULL.
     */
    private ParameterizedSql defaultOf(String column) {
        for (ColumnShape c : shapes.describe(migration.from())) {
            if (Identifier.same(c.name(), column) && c.defaultSql() != null && !c.defaultSql().isBlank()) {
                return new ParameterizedSql(c.defaultSql(), new int[0]);
            }
        }
        return new ParameterizedSql("NULL", new int[0]);
    }

    /** The catalog default of the old key column a key template copies, or null (e.g. AUTO_INCREMENT). */
    private String keyDefault(Template template) {
        for (String read : template.columns()) {
            for (ColumnShape c : shapes.describe(migration.from())) {
                if (Identifier.same(c.name(), read) && c.defaultSql() != null && !c.defaultSql().isBlank()) {
                    return c.defaultSql();
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------- UPDATE

    private ParameterizedSql update(Update update) throws Untranslatable {
        if (update.getReturningClause() != null) {
            throw new Untranslatable("an UPDATE ... RETURNING of the old structure is not translated yet");
        }
        if ((update.getStartJoins() != null && !update.getStartJoins().isEmpty()) || update.getFromItem() != null
                || (update.getJoins() != null && !update.getJoins().isEmpty())
                || (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty())) {
            throw new Untranslatable("a multi-table UPDATE of the old structure is not translated yet");
        }
        Table table = update.getTable();
        QueryTranslator.Scope scope = target(table);
        QueryTranslator.Instance instance = scope.instances.get(0);
        Map<String, Expression> assigned = new LinkedHashMap<>();
        List<Column> kept = new ArrayList<>();
        List<Expression> keptValues = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw new Untranslatable("UPDATE ... SET (a, b) = (SELECT ...) of the old structure");
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                Column c = set.getColumn(i);
                Expression value = set.getValue(i);
                if (view.down(c.getColumnName()) != null || migration.from().isKey(c.getColumnName())
                        && !migration.columnLevel()) {
                    assigned.put(Identifier.canonical(c.getColumnName()), value);
                } else if (migration.columnLevel()) {
                    kept.add(c);
                    keptValues.add(value);
                } else {
                    throw new Untranslatable("the UPDATE sets " + c.getColumnName() + ", which the new structure"
                            + " does not carry (no down expression)");
                }
            }
        }
        Set<Object> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.add(table);
        for (Column c : kept) {
            skip.add(c);
        }
        for (Expression value : assigned.values()) {
            queries.expressions(value, scope, new HashSet<>(), skip);
        }
        for (Expression value : keptValues) {
            queries.expressions(value, scope, new HashSet<>(), skip);
        }
        if (update.getWhere() != null) {
            queries.expressions(update.getWhere(), scope, new HashSet<>(), skip);
        }
        List<OrderByElement> orderBy = update.getOrderByElements();
        if (orderBy != null) {
            for (OrderByElement o : orderBy) {
                queries.expressions(o, scope, new HashSet<>(), skip);
            }
        }
        SqlBuilder sql = new SqlBuilder().text("UPDATE ").text(migration.to().sql());
        if (!Identifier.same(instance.qualifier, migration.to().name())) {
            sql.text(" ").text(instance.qualifier);
        }
        sql.text(" SET ");
        boolean first = true;
        for (Map.Entry<String, Template> e : up.entrySet()) {
            Template template = e.getValue();
            boolean touched = false;
            for (String read : template.columns()) {
                touched |= assigned.containsKey(Identifier.canonical(read));
            }
            if (!touched) {
                continue;
            }
            sql.text(first ? "" : ", ").text(e.getKey()).text(" = ").sql(template.fill(column -> {
                Expression value = assigned.get(Identifier.canonical(column));
                if (value != null) {
                    return rewrites.render(value);
                }
                String down = view.down(column);
                return down == null ? null : new ParameterizedSql(
                        dev.tandem.sql.ColumnQualifier.qualify(down, instance.qualifier, dialect), new int[0]);
            }));
            first = false;
        }
        for (String column : assigned.keySet()) {
            if (!readByUp(column)) {
                throw new Untranslatable("the UPDATE sets " + column + ", which no up expression carries into "
                        + migration.to().sql());
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            sql.text(first ? "" : ", ").text(kept.get(i).getColumnName()).text(" = ")
                    .sql(rewrites.render(keptValues.get(i)));
            first = false;
        }
        if (first) {
            throw new Untranslatable("an UPDATE that sets nothing the new structure carries");
        }
        if (update.getWhere() != null) {
            sql.text(" WHERE ").sql(rewrites.render(update.getWhere()));
        }
        orderByAndLimit(sql, orderBy, update.getLimit());
        return sql.build();
    }

    // ---------------------------------------------------------------------------------------------------- DELETE

    private ParameterizedSql delete(Delete delete) throws Untranslatable {
        if (delete.getReturningClause() != null) {
            throw new Untranslatable("a DELETE ... RETURNING of the old structure is not translated yet");
        }
        if ((delete.getTables() != null && !delete.getTables().isEmpty())
                || (delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty())
                || (delete.getJoins() != null && !delete.getJoins().isEmpty())
                || (delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty())) {
            throw new Untranslatable("a multi-table DELETE of the old structure is not translated yet");
        }
        boolean limited = delete.getLimit() != null
                || (delete.getOrderByElements() != null && !delete.getOrderByElements().isEmpty());
        Table table = delete.getTable();
        // MariaDB takes an alias in a DELETE only in its multi-table form, which refuses ORDER BY and LIMIT
        boolean alias = !(limited && (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL));
        if (!alias && table.getAlias() != null && migration.columnLevel()) {
            // the table's other columns keep the alias as qualifier, which the alias-free form cannot have
            throw new Untranslatable("a DELETE with an alias and ORDER BY or LIMIT on " + dialect.displayName()
                    + " (which takes an alias there only from MariaDB 11.6)");
        }
        QueryTranslator.Scope scope = alias ? target(table) : targetUnaliased(table);
        QueryTranslator.Instance instance = scope.instances.get(0);
        Set<Object> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.add(table);
        if (delete.getWhere() != null) {
            queries.expressions(delete.getWhere(), scope, new HashSet<>(), skip);
        }
        if (delete.getOrderByElements() != null) {
            for (OrderByElement o : delete.getOrderByElements()) {
                queries.expressions(o, scope, new HashSet<>(), skip);
            }
        }
        SqlBuilder sql = new SqlBuilder();
        String to = migration.to().sql();
        if (!alias || Identifier.same(instance.qualifier, migration.to().name())) {
            sql.text("DELETE FROM ").text(to);
        } else if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
            sql.text("DELETE ").text(instance.qualifier).text(" FROM ").text(to).text(" ").text(instance.qualifier);
        } else {
            sql.text("DELETE FROM ").text(to).text(" ").text(instance.qualifier);
        }
        if (delete.getWhere() != null) {
            sql.text(" WHERE ").sql(rewrites.render(delete.getWhere()));
        }
        orderByAndLimit(sql, delete.getOrderByElements(), delete.getLimit());
        return sql.build();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** The written table as a translated instance named as the application names it (alias, else table name). */
    private QueryTranslator.Scope target(Table table) {
        String name = table.getAlias() != null ? table.getAlias().getName() : table.getName();
        QueryTranslator.Scope scope = new QueryTranslator.Scope(null);
        scope.instances.add(new QueryTranslator.Instance(table, name, name, List.of(view)));
        return scope;
    }

    /** The written table, qualified in the translated SQL by the new table's own name. */
    private QueryTranslator.Scope targetUnaliased(Table table) {
        String name = table.getAlias() != null ? table.getAlias().getName() : table.getName();
        String qualifier = migration.columnLevel() ? name : migration.to().name();
        QueryTranslator.Scope scope = new QueryTranslator.Scope(null);
        scope.instances.add(new QueryTranslator.Instance(table, name, qualifier, List.of(view)));
        return scope;
    }

    private void orderByAndLimit(SqlBuilder sql, List<OrderByElement> orderBy,
                                 net.sf.jsqlparser.statement.select.Limit limit) {
        if (orderBy != null && !orderBy.isEmpty()) {
            sql.text(" ORDER BY ");
            for (int i = 0; i < orderBy.size(); i++) {
                sql.text(i == 0 ? "" : ", ").sql(rewrites.render(orderBy.get(i)));
            }
        }
        if (limit != null) {
            sql.sql(rewrites.render(limit));
        }
    }

    private boolean readByUp(String column) {
        for (Template t : up.values()) {
            if (t.reads(column)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(ExpressionList<Column> columns) {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.getColumnName());
        }
        return names;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (Identifier.same(columns.get(i), name)) {
                return i;
            }
        }
        return -1;
    }


}
