package dev.tandem.plan;

import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.TableRef;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.ValuesRows;
import dev.tandem.sql.Dialect.WriteKind;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.SqlBuilder;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.statement.upsert.UpsertType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Plans the mirror of one write statement: which {@code from} table it writes, and how the execution learns the
 * keys of the rows it touched. The choice per database is the cheapest exact one available:
 * <ul>
 *   <li>keys written in the statement (VALUES rows, {@code WHERE id = ?}) cost nothing;</li>
 *   <li>else the driver's generated keys: PostgreSQL and H2 return named columns of every row touched, MariaDB the
 *       first auto-increment value;</li>
 *   <li>else a locking {@code SELECT} of the keys before the statement (the "pre-image").</li>
 * </ul>
 */
final class WriteAnalyzer {
    private final RuleSet rules;
    private final Dialect dialect;
    private final TableShapes shapes;

    WriteAnalyzer(RuleSet rules, Dialect dialect, TableShapes shapes) {
        this.rules = rules;
        this.dialect = dialect;
        this.shapes = shapes;
    }

    // ----------------------------------------------------------------------------------------------- INSERT

    StatementPlan insert(Insert insert, List<Migration> named) {
        Table table = insert.getTable();
        List<Migration> migrations = rules.migrationsFrom(table.getSchemaName(), table.getName());
        if (migrations.isEmpty()) {
            return StatementPlan.read(named);
        }
        TableRef from = migrations.get(0).from();
        boolean pgUpsert = insert.getConflictAction() != null;
        boolean myUpsert = insert.getDuplicateUpdateSets() != null && !insert.getDuplicateUpdateSets().isEmpty();
        String verb = "INSERT" + (pgUpsert ? " ... ON CONFLICT" : myUpsert ? " ... ON DUPLICATE KEY UPDATE" : "");
        Written written = written(verb, from, insert.getSetUpdateSets(), insert.getColumns(), insert.getSelect(),
                insert.isOnlyDefaultValues());
        if (written.unsupported() != null) {
            return unsupported(named, written.unsupported());
        }
        if (setsKey(pgUpsert ? insert.getConflictAction().getUpdateSets() : insert.getDuplicateUpdateSets(),
                from)) {
            return unsupported(named, written.shape() + " whose update changes the key");
        }
        boolean ownReturning = insert.getReturningClause() != null;
        return planInsert(named, migrations, from, written, ownReturning, pgUpsert, myUpsert, false,
                conflictColumns(insert));
    }

    /**
     * What an INSERT or REPLACE writes: the columns (the table's own when the statement lists none), the key
     * columns' positions among them, and either VALUES rows (also for the {@code SET a = ?} form) or a SELECT.
     * {@code unsupported} says why the statement cannot be analysed, when it cannot.
     */
    private record Written(List<String> columns, int[] keyPositions, List<List<Expression>> rows, Select select,
                           String shape, String unsupported) {
        static Written unsupported(String why) {
            return new Written(null, null, null, null, null, why);
        }
    }

    private Written written(String verb, TableRef from, List<UpdateSet> sets, ExpressionList<Column> columnList,
                            Select select, boolean defaultValues) {
        List<String> columns;
        List<List<Expression>> rows = null;
        Select source = null;
        String shape = verb;
        if (sets != null && !sets.isEmpty()) {
            columns = new ArrayList<>();
            List<Expression> row = new ArrayList<>();
            for (UpdateSet set : sets) {
                for (int i = 0; i < set.getColumns().size(); i++) {
                    columns.add(set.getColumn(i).getColumnName());
                    row.add(set.getValue(i));
                }
            }
            rows = List.of(row);
            shape += " ... SET";
        } else {
            columns = columnList == null ? null : names(columnList);
            if (select == null) {
                if (!defaultValues) {
                    return Written.unsupported(verb + " without VALUES or SELECT");
                }
                rows = List.of(List.of());
                columns = List.of();
            } else if (select instanceof Values values && select.getWithItemsList() == null) {
                rows = ValuesRows.of(values.getExpressions());
                if (rows == null) {
                    return Written.unsupported(verb + " with a VALUES list Tandem does not understand");
                }
                shape += " ... VALUES";
            } else {
                source = select;
                shape += " ... SELECT";
            }
        }
        if (columns == null) {
            columns = shapes.columns(from);
            if (columns.isEmpty()) {
                return Written.unsupported(verb + " without a column list, and the columns of " + from.sql()
                        + " could not be read");
            }
        }
        int[] keyPositions = keyPositions(from.key(), columns);
        if (keyPositions == null) {
            return Written.unsupported(verb + " naming a key column in a way Tandem cannot resolve on "
                    + dialect.displayName());
        }
        return new Written(columns, keyPositions, rows, source, shape, null);
    }

    private static List<String> conflictColumns(Insert insert) {
        if (insert.getConflictTarget() == null) {
            return null;
        }
        List<String> names = insert.getConflictTarget().getIndexColumnNames();
        return names == null || names.isEmpty() ? null : names;
    }

    /** Whether an upsert's update list assigns a key column (its old key then vanishes: not supported). */
    private static boolean setsKey(List<UpdateSet> sets, TableRef from) {
        if (sets == null) {
            return false;
        }
        for (UpdateSet set : sets) {
            for (Column c : set.getColumns()) {
                for (String k : from.key()) {
                    if (Identifier.same(c.getColumnName(), k)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------- REPLACE

    StatementPlan upsert(Upsert upsert, List<Migration> named) {
        Table table = upsert.getTable();
        List<Migration> migrations = rules.migrationsFrom(table.getSchemaName(), table.getName());
        if (migrations.isEmpty()) {
            return StatementPlan.read(named);
        }
        if (dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) {
            return unsupported(named, upsert.getUpsertType() + " on " + dialect.displayName());
        }
        UpsertType type = upsert.getUpsertType();
        if (type != UpsertType.REPLACE && type != UpsertType.REPLACE_SET) {
            return unsupported(named, "UPSERT statements (" + type + ")");
        }
        TableRef from = migrations.get(0).from();
        Written written = written("REPLACE", from, upsert.getUpdateSets(), upsert.getColumns(), upsert.getSelect(),
                false);
        if (written.unsupported() != null) {
            return unsupported(named, written.unsupported());
        }
        return planInsert(named, migrations, from, written, false, false, false, true, null);
    }

    private StatementPlan planInsert(List<Migration> named, List<Migration> migrations, TableRef from,
                                     Written written, boolean ownReturning, boolean pgUpsert, boolean myUpsert,
                                     boolean replace, List<String> conflictTarget) {
        String shape = written.shape();
        List<String> columns = written.columns();
        int[] keyPositions = written.keyPositions();
        List<List<Expression>> valueRows = written.rows();
        Select source = written.select();
        List<List<KeySlot>> rows = new ArrayList<>();
        boolean computedKey = false;
        if (valueRows != null) {
            for (List<Expression> row : valueRows) {
                if (row.size() != columns.size()) {
                    return unsupported(named, shape + " with " + row.size() + " values for " + columns.size()
                            + " columns");
                }
                List<KeySlot> slots = new ArrayList<>(keyPositions.length);
                for (int position : keyPositions) {
                    if (position < 0) {
                        slots.add(KeySlot.GENERATED);
                    } else {
                        Expression value = row.get(position);
                        KeySlot slot = KeyValues.slot(value, dialect);
                        if (slot instanceof KeySlot.Generated && !KeyValues.isDefaultOrNull(value)) {
                            computedKey = true;
                        }
                        slots.add(slot);
                    }
                }
                rows.add(slots);
            }
        }
        boolean keyOmitted = false;
        for (int position : keyPositions) {
            keyOmitted |= position < 0;
        }
        SyncMode sync = replace ? SyncMode.BOTH : SyncMode.UPSERT;
        KeyCapture capture;
        switch (dialect) {
            case POSTGRESQL, H2 -> {
                boolean allFixed = valueRows != null && !KeyCapture.of(rows, ReturnedKeys.NONE).hasGeneratedSlots();
                boolean conflictOnKey = conflictTarget != null && sameColumns(conflictTarget, from.key());
                if (ownReturning) {
                    if (allFixed && (!pgUpsert || conflictOnKey)) {
                        capture = KeyCapture.of(rows, ReturnedKeys.NONE);
                    } else {
                        return unsupported(named, shape + " with its own RETURNING, whose keys Tandem cannot learn"
                                + " without reading the application's result");
                    }
                } else if (allFixed && !pgUpsert && !myUpsert
                        && (dialect == Dialect.POSTGRESQL || !anySingleParameter(rows))) {
                    capture = KeyCapture.of(rows, ReturnedKeys.NONE);
                } else {
                    capture = KeyCapture.of(allFixed ? rows : List.of(), ReturnedKeys.NAMED_COLUMNS);
                }
            }
            case MARIADB, MYSQL -> {
                if (computedKey) {
                    return unsupported(named, shape + " whose key is computed by an expression: MariaDB reports"
                            + " only auto-increment keys");
                }
                if (ownReturning) {
                    return unsupported(named, shape + " with its own RETURNING");
                }
                if (keyOmitted && from.key().size() > 1) {
                    return unsupported(named, shape + " that leaves part of a composite key to the database");
                }
                List<ParameterizedSql> preImages = new ArrayList<>();
                if (source != null && !keyOmitted) {
                    ParameterizedSql preImage = keysOfSource(source, keyPositions, from.key());
                    if (preImage == null) {
                        return unsupported(named, shape + " whose SELECT Tandem cannot project on the key");
                    }
                    preImages.add(preImage);
                }
                if (myUpsert || replace) {
                    List<List<String>> uniques = shapes.uniqueKeys(from);
                    if (uniques.isEmpty()) {
                        return unsupported(named, shape + ", and the unique keys of " + from.sql()
                                + " could not be read");
                    }
                    Conflicts conflicts = conflictingRows(from, uniques, columns, valueRows, source);
                    if (conflicts.unresolvable()) {
                        return unsupported(named, shape + " whose conflicting rows Tandem cannot find");
                    }
                    if (conflicts.preImage() != null) {
                        preImages.add(conflicts.preImage());
                    }
                }
                // Ask for generated keys only when some key is left to the database: MariaDB's driver gives up its
                // bulk batches when asked. A key parameter bound NULL or 0 at run time is handled by the execution;
                // an INSERT ... SELECT may select NULL or 0 keys, which the pre-image then reports.
                boolean generated = keyOmitted || source != null
                        || KeyCapture.of(rows, ReturnedKeys.NONE).hasGeneratedSlots();
                capture = new KeyCapture(rows, generated ? ReturnedKeys.AUTO_INCREMENT : ReturnedKeys.NONE,
                        preImages, source != null && keyOmitted);
            }
            default -> {
                if (valueRows == null || pgUpsert || myUpsert || replace
                        || KeyCapture.of(rows, ReturnedKeys.NONE).hasGeneratedSlots()) {
                    return unsupported(named, shape + " on " + dialect.displayName()
                            + ": only inserts whose keys are written in the statement are mirrored");
                }
                capture = KeyCapture.of(rows, ReturnedKeys.NONE);
            }
        }
        return StatementPlan.write(new WritePlan(from, migrations, WriteKind.INSERT, sync, capture, shape));
    }

    private static boolean anySingleParameter(List<List<KeySlot>> rows) {
        for (List<KeySlot> row : rows) {
            for (KeySlot slot : row) {
                if (slot instanceof KeySlot.Fixed f && f.isSingleParameter()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code SELECT k1, k2 FROM (<select>) tandem_src}: the keys an INSERT ... SELECT will write. */
    private static ParameterizedSql keysOfSource(Select source, int[] keyPositions, List<String> keyColumns) {
        List<String> aliases = selectAliases(source, keyPositions);
        if (aliases == null) {
            return null;
        }
        SqlBuilder sql = new SqlBuilder().text("SELECT ");
        for (int i = 0; i < aliases.size(); i++) {
            sql.text(i == 0 ? "" : ", ").text("tandem_src.").text(aliases.get(i));
        }
        return sql.text(" FROM (").node(source).text(") tandem_src").build();
    }

    /**
     * The names under which the select's items at {@code positions} can be read from a derived table: only plain
     * selects with explicit items qualify (each item gets its alias, or its column name).
     */
    private static List<String> selectAliases(Select source, int[] positions) {
        if (!(source instanceof PlainSelect plain) || plain.getSelectItems() == null) {
            return null;
        }
        List<SelectItem<?>> items = plain.getSelectItems();
        List<String> aliases = new ArrayList<>();
        for (int position : positions) {
            if (position < 0 || position >= items.size()) {
                return null;
            }
            SelectItem<?> item = items.get(position);
            if (item.getAlias() != null) {
                aliases.add(item.getAlias().getName());
            } else if (item.getExpression() instanceof Column c) {
                aliases.add(c.getColumnName());
            } else {
                return null;
            }
        }
        if (new HashSet<>(canonical(aliases)).size() != aliases.size()) {
            return null;
        }
        return aliases;
    }

    /** What {@link #conflictingRows} found. */
    private record Conflicts(ParameterizedSql preImage, boolean unresolvable) {
        static final Conflicts NONE = new Conflicts(null, false);
        static final Conflicts UNRESOLVABLE = new Conflicts(null, true);
    }

    /**
     * {@code SELECT key FROM from WHERE (u1) IN (...) OR (u2) IN (...) FOR UPDATE}: the existing rows an upsert or
     * REPLACE may update or delete because a unique key other than {@code from.key} conflicts. A unique column the
     * statement does not write takes its default: {@code DEFAULT(col)} stands for it (a NULL default conflicts with
     * nothing). With a SELECT source, an unwritten unique column cannot be resolved.
     */
    private Conflicts conflictingRows(TableRef from, List<List<String>> uniques, List<String> columns,
                                      List<List<Expression>> valueRows, Select source) {
        SqlBuilder where = new SqlBuilder();
        for (List<String> unique : uniques) {
            if (sameColumns(unique, from.key())) {
                continue;
            }
            int[] positions = positions(unique, columns);
            boolean fullyWritten = true;
            for (int p : positions) {
                fullyWritten &= p >= 0;
            }
            if (!where.isEmpty()) {
                where.text(" OR ");
            }
            where.text(tuple(unique)).text(" IN (");
            if (valueRows != null) {
                for (int r = 0; r < valueRows.size(); r++) {
                    where.text(r == 0 ? "" : ", ").text(unique.size() > 1 ? "(" : "");
                    for (int i = 0; i < positions.length; i++) {
                        where.text(i == 0 ? "" : ", ");
                        if (positions[i] >= 0) {
                            where.node(valueRows.get(r).get(positions[i]));
                        } else {
                            where.text("DEFAULT(").text(unique.get(i)).text(")");
                        }
                    }
                    where.text(unique.size() > 1 ? ")" : "");
                }
            } else {
                List<String> aliases = fullyWritten ? selectAliases(source, positions) : null;
                if (aliases == null) {
                    return Conflicts.UNRESOLVABLE;
                }
                where.text("SELECT ");
                for (int i = 0; i < aliases.size(); i++) {
                    where.text(i == 0 ? "" : ", ").text("tandem_src.").text(aliases.get(i));
                }
                where.text(" FROM (").node(source).text(") tandem_src");
            }
            where.text(")");
        }
        if (where.isEmpty()) {
            return Conflicts.NONE;
        }
        ParameterizedSql condition = where.build();
        return new Conflicts(new SqlBuilder().text("SELECT ").text(String.join(", ", from.key())).text(" FROM ")
                .text(from.sql()).text(" WHERE ").sql(condition).text(" FOR UPDATE").build(), false);
    }

    // ----------------------------------------------------------------------------------------------- UPDATE

    StatementPlan update(Update update, List<Migration> named) {
        if (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty()) {
            return unsupported(named, "UPDATE with a WITH clause");
        }
        // The tables of the statement and the names their columns may be qualified with.
        List<Table> tables = new ArrayList<>();
        tables.add(update.getTable());
        boolean mysqlJoin = update.getStartJoins() != null && !update.getStartJoins().isEmpty();
        if (mysqlJoin) {
            for (Join join : update.getStartJoins()) {
                if (join.getFromItem() instanceof Table t) {
                    tables.add(t);
                }
            }
        }
        boolean multiTable = mysqlJoin || update.getFromItem() != null
                || (update.getJoins() != null && !update.getJoins().isEmpty());

        // Which table the SET list writes. PostgreSQL's UPDATE ... FROM only ever writes the first one.
        Table written = null;
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column column : set.getColumns()) {
                Table owner = mysqlJoin ? owner(column, tables) : update.getTable();
                if (owner == null) {
                    // An unqualified column in a MySQL multi-table UPDATE: it may be any table's.
                    for (Table t : tables) {
                        if (isMigratedFrom(t)) {
                            return unsupported(named, "multi-table UPDATE setting an unqualified column");
                        }
                    }
                    continue;
                }
                if (isMigratedFrom(owner)) {
                    if (written != null && written != owner) {
                        return unsupported(named, "UPDATE writing several migrated tables at once");
                    }
                    written = owner;
                }
            }
        }
        if (written == null) {
            return StatementPlan.read(named);
        }
        List<Migration> migrations = rules.migrationsFrom(written.getSchemaName(), written.getName());
        TableRef from = migrations.get(0).from();
        List<String> qualifiers = qualifiers(written);
        boolean ownReturning = update.getReturningClause() != null;
        String shape = "UPDATE" + (mysqlJoin ? " ... JOIN" : update.getFromItem() != null ? " ... FROM" : "");

        // Keys the statement pins, and keys it writes.
        List<List<KeySlot>> pinned = KeyValues.pinnedByWhere(update.getWhere(), from.key(), qualifiers, !multiTable,
                dialect);
        boolean setsKey = false;
        KeySlot[] newKey = new KeySlot[from.key().size()];
        for (UpdateSet set : update.getUpdateSets()) {
            for (int i = 0; i < set.getColumns().size(); i++) {
                Column column = set.getColumn(i);
                int k = indexOf(from.key(), column.getColumnName());
                if (k >= 0 && (!mysqlJoin || owner(column, tables) == written)) {
                    setsKey = true;
                    Expression value = set.getColumns().size() == set.getValues().size() ? set.getValue(i) : null;
                    newKey[k] = value != null && KeyValues.isFixed(value) ? KeyValues.slot(value) : null;
                }
            }
        }
        boolean returnsNamed = dialect.returnsNamedColumns(WriteKind.UPDATE) && !multiTable && !ownReturning;

        if (!setsKey) {
            if (pinned != null) {
                return write(from, migrations, WriteKind.UPDATE, SyncMode.UPSERT,
                        KeyCapture.of(pinned, ReturnedKeys.NONE), shape);
            }
            if (returnsNamed) {
                return write(from, migrations, WriteKind.UPDATE, SyncMode.UPSERT,
                        KeyCapture.of(List.of(), ReturnedKeys.NAMED_COLUMNS), shape);
            }
            if (dialect == Dialect.GENERIC) {
                return unsupported(named, shape + " on " + dialect.displayName() + " without the key in WHERE");
            }
            ParameterizedSql preImage = preImage(update.getTable(), written, multiTable, update.getStartJoins(),
                    update.getFromItem(), update.getJoins(), update.getWhere(), update.getOrderByElements(),
                    update.getLimit(), from.key());
            return write(from, migrations, WriteKind.UPDATE, SyncMode.UPSERT,
                    new KeyCapture(List.of(), ReturnedKeys.NONE, List.of(preImage), false), shape);
        }

        // The UPDATE changes keys: the old keys vanish from `from`, the new ones appear.
        shape += " of the key";
        List<List<KeySlot>> rows = new ArrayList<>();
        boolean newKeysKnown = true;
        for (KeySlot slot : newKey) {
            newKeysKnown &= slot != null;
        }
        if (newKeysKnown) {
            rows.add(List.of(newKey));
        } else if (!returnsNamed) {
            return unsupported(named, "UPDATE that computes new key values on " + dialect.displayName());
        }
        ParameterizedSql preImage = null;
        if (pinned != null) {
            rows.addAll(pinned);
        } else if (dialect == Dialect.GENERIC) {
            return unsupported(named, shape + " on " + dialect.displayName() + " without the key in WHERE");
        } else {
            preImage = preImage(update.getTable(), written, multiTable, update.getStartJoins(), update.getFromItem(),
                    update.getJoins(), update.getWhere(), update.getOrderByElements(), update.getLimit(), from.key());
        }
        return write(from, migrations, WriteKind.UPDATE, SyncMode.BOTH,
                new KeyCapture(rows, returnsNamed ? ReturnedKeys.NAMED_COLUMNS : ReturnedKeys.NONE,
                        preImage == null ? List.of() : List.of(preImage), false),
                shape);
    }

    // ----------------------------------------------------------------------------------------------- DELETE

    StatementPlan delete(Delete delete, List<Migration> named) {
        if (delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty()) {
            return unsupported(named, "DELETE with a WITH clause");
        }
        List<Table> tables = new ArrayList<>();
        tables.add(delete.getTable());
        if (delete.getJoins() != null) {
            for (Join join : delete.getJoins()) {
                if (join.getFromItem() instanceof Table t) {
                    tables.add(t);
                }
            }
        }
        boolean mysqlMulti = delete.getTables() != null && !delete.getTables().isEmpty();
        List<FromItem> using = delete.getUsingFromItemList();
        boolean usingList = using != null && !using.isEmpty();
        boolean multiTable = mysqlMulti || usingList || (delete.getJoins() != null && !delete.getJoins().isEmpty());

        Table written = null;
        if (mysqlMulti) {
            for (Table target : delete.getTables()) {
                Table resolved = resolve(target, tables);
                if (resolved == null) {
                    return unsupported(named, "multi-table DELETE naming a table Tandem cannot resolve");
                }
                if (isMigratedFrom(resolved)) {
                    if (written != null && written != resolved) {
                        return unsupported(named, "DELETE from several migrated tables at once");
                    }
                    written = resolved;
                }
            }
        } else if (isMigratedFrom(delete.getTable())) {
            written = delete.getTable();
        }
        if (written == null) {
            return StatementPlan.read(named);
        }
        List<Migration> migrations = rules.migrationsFrom(written.getSchemaName(), written.getName());
        TableRef from = migrations.get(0).from();
        String shape = "DELETE" + (mysqlMulti ? " ... JOIN" : usingList ? " ... USING" : "");
        boolean anyTableLevel = false;
        for (Migration m : migrations) {
            anyTableLevel |= !m.columnLevel();
        }
        if (!anyTableLevel) {
            // Column-level migrations only: the row and its new columns go together.
            return write(from, migrations, WriteKind.DELETE, SyncMode.DELETE,
                    KeyCapture.of(List.of(), ReturnedKeys.NONE), shape);
        }
        boolean ownReturning = delete.getReturningClause() != null;
        List<List<KeySlot>> pinned = KeyValues.pinnedByWhere(delete.getWhere(), from.key(), qualifiers(written),
                !multiTable, dialect);
        if (pinned != null) {
            return write(from, migrations, WriteKind.DELETE, SyncMode.DELETE,
                    KeyCapture.of(pinned, ReturnedKeys.NONE), shape);
        }
        if (dialect.returnsNamedColumns(WriteKind.DELETE) && !multiTable && !ownReturning) {
            return write(from, migrations, WriteKind.DELETE, SyncMode.DELETE,
                    KeyCapture.of(List.of(), ReturnedKeys.NAMED_COLUMNS), shape);
        }
        if (dialect == Dialect.GENERIC) {
            return unsupported(named, shape + " on " + dialect.displayName() + " without the key in WHERE");
        }
        FromItem usingFirst = usingList ? using.get(0) : null;
        List<Join> joins = new ArrayList<>();
        if (usingList) {
            for (int i = 1; i < using.size(); i++) {
                Join join = new Join().withSimple(true);
                join.setFromItem(using.get(i));
                joins.add(join);
            }
        }
        if (delete.getJoins() != null) {
            joins.addAll(delete.getJoins());
        }
        ParameterizedSql preImage = preImage(delete.getTable(), written, multiTable, null, usingFirst, joins,
                delete.getWhere(), delete.getOrderByElements(), delete.getLimit(), from.key());
        return write(from, migrations, WriteKind.DELETE, SyncMode.DELETE,
                new KeyCapture(List.of(), ReturnedKeys.NONE, List.of(preImage), false), shape);
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /**
     * {@code SELECT <written>.key FROM <first> [joins] [, fromItem [joins]] [WHERE] [ORDER BY] [LIMIT] FOR UPDATE}:
     * the keys of the rows an UPDATE or DELETE is about to touch, locked so that they cannot change before it runs.
     */
    private ParameterizedSql preImage(Table first, Table written, boolean multiTable, List<Join> startJoins,
                                      FromItem fromItem, List<Join> joins, Expression where,
                                      List<OrderByElement> orderBy, Limit limit, List<String> key) {
        String qualifier = multiTable ? qualifierOf(written) + "." : "";
        SqlBuilder sql = new SqlBuilder().text("SELECT ");
        for (int i = 0; i < key.size(); i++) {
            sql.text(i == 0 ? "" : ", ").text(qualifier).text(key.get(i));
        }
        sql.text(" FROM ").node(first);
        appendJoins(sql, startJoins);
        if (fromItem != null) {
            sql.text(", ").node(fromItem);
        }
        appendJoins(sql, joins);
        if (where != null) {
            sql.text(" WHERE ").node(where);
        }
        if (orderBy != null && !orderBy.isEmpty()) {
            sql.text(" ORDER BY ");
            for (int i = 0; i < orderBy.size(); i++) {
                sql.text(i == 0 ? "" : ", ").node(orderBy.get(i));
            }
        }
        if (limit != null) {
            sql.node(limit);
        }
        sql.text(dialect.forUpdate(qualifierOf(written), multiTable));
        return sql.build();
    }

    private static void appendJoins(SqlBuilder sql, List<Join> joins) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            sql.text(join.isSimple() ? ", " : " ").node(join);
        }
    }

    private StatementPlan write(TableRef from, List<Migration> migrations, WriteKind kind, SyncMode sync,
                                KeyCapture capture, String shape) {
        return StatementPlan.write(new WritePlan(from, migrations, kind, sync, capture, shape));
    }

    private static StatementPlan unsupported(List<Migration> named, String reason) {
        return StatementPlan.unsupported(named, true, reason);
    }

    private boolean isMigratedFrom(Table t) {
        return !rules.migrationsFrom(t.getSchemaName(), t.getName()).isEmpty();
    }

    /** The table a qualified column belongs to (by alias or name); null when unqualified or unknown. */
    private static Table owner(Column column, List<Table> tables) {
        if (column.getTable() == null || column.getTable().getName() == null) {
            return null;
        }
        return resolve(column.getTable(), tables);
    }

    /** The table among {@code tables} that {@code ref} (an alias or a name) designates. */
    private static Table resolve(Table ref, List<Table> tables) {
        String name = Identifier.canonical(ref.getName());
        for (Table t : tables) {
            if (t.getAlias() != null && Identifier.canonical(t.getAlias().getName()).equals(name)) {
                return t;
            }
        }
        for (Table t : tables) {
            if (t.getAlias() == null && Identifier.canonical(t.getName()).equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The names a column of {@code t} may be qualified with: its alias if it has one, else its name. */
    private static List<String> qualifiers(Table t) {
        return List.of(t.getAlias() != null ? t.getAlias().getName() : t.getName());
    }

    /** The name a table's columns are qualified with in a query: its alias, else its bare name. */
    private static String qualifierOf(Table t) {
        return t.getAlias() != null ? t.getAlias().getName() : t.getName();
    }

    private static List<String> names(ExpressionList<Column> columns) {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.getColumnName());
        }
        return names;
    }

    /**
     * Where each key column stands in an INSERT's column list (-1: not written). Null when a column could be the key
     * under one way of comparing names and not under the database's (say {@code "ID"} on PostgreSQL): such a
     * statement is not analysed further.
     */
    private int[] keyPositions(List<String> key, List<String> columns) {
        int[] positions = new int[key.size()];
        for (int k = 0; k < key.size(); k++) {
            positions[k] = -1;
            for (int i = 0; i < columns.size(); i++) {
                boolean loosely = Identifier.same(columns.get(i), key.get(k));
                boolean exactly = Identifier.sameColumn(columns.get(i), key.get(k), dialect);
                if (exactly) {
                    positions[k] = i;
                } else if (loosely) {
                    return null;
                }
            }
        }
        return positions;
    }

    private static int[] positions(List<String> wanted, List<String> columns) {
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = indexOf(columns, wanted.get(i));
        }
        return positions;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (Identifier.same(columns.get(i), name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && new HashSet<>(canonical(a)).equals(new HashSet<>(canonical(b)));
    }

    private static List<String> canonical(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(Identifier.canonical(n));
        }
        return out;
    }

    private static String tuple(List<String> columns) {
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }
}
