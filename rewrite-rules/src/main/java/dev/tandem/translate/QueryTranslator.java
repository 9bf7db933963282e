package dev.tandem.translate;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.sql.AstNodes;
import dev.tandem.sql.ColumnQualifier;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Rewrites queries (and the query parts of other statements) written for the old structure so that they read the
 * new one: each reference to a migrated {@code from} table becomes {@code to} (keeping the name the query uses for
 * it as alias), each old column its {@code down} expression, {@code *} the old column list. Works on a scanned
 * statement in place; render it with {@link Rewrites}.
 */
final class QueryTranslator {
    private final List<MigrationView> views;
    private final Dialect dialect;
    private final Rewrites rewrites;

    QueryTranslator(List<Migration> translated, TableShapes shapes, Dialect dialect, Rewrites rewrites) {
        this.views = new ArrayList<>();
        for (Migration m : translated) {
            views.add(new MigrationView(m, shapes));
        }
        this.dialect = dialect;
        this.rewrites = rewrites;
    }

    /** One reference to a migrated table in a FROM clause. */
    static final class Instance {
        final Table table;
        /** The name the application's SQL qualifies this table's columns with (its alias, else its name). */
        final String name;
        /** The name columns of this table are qualified with in the translated SQL. */
        final String qualifier;
        final List<MigrationView> views;

        Instance(Table table, String name, String qualifier, List<MigrationView> views) {
            this.table = table;
            this.name = name;
            this.qualifier = qualifier;
            this.views = views;
        }

        MigrationView viewFor(String column) {
            for (MigrationView v : views) {
                if (v.columnLevel() ? v.down(column) != null : v.isOldColumn(column)) {
                    return v;
                }
            }
            return null;
        }

        boolean hasColumn(String column) {
            for (MigrationView v : views) {
                if (v.isOldColumn(column)) {
                    return true;
                }
            }
            return false;
        }

        boolean tableLevel() {
            return views.size() == 1 && !views.get(0).columnLevel();
        }
    }

    /** The migration views of the migrations translated whose {@code from} is this table (may be empty). */
    List<MigrationView> viewsOf(Table table) {
        List<MigrationView> matching = new ArrayList<>();
        for (MigrationView v : views) {
            if (v.migration().from().matches(table.getSchemaName(), table.getName())) {
                matching.add(v);
            }
        }
        return matching;
    }

    /** The FROM items of one query level, with the enclosing level's scope. */
    static final class Scope {
        final Scope parent;
        final List<Instance> instances = new ArrayList<>();
        final List<String> others = new ArrayList<>();
        /** FROM items whose columns cannot be known (derived tables, functions, other tables). */
        boolean opaque;

        Scope(Scope parent) {
            this.parent = parent;
        }
    }

    // ------------------------------------------------------------------------------------------------- selects

    /** Translates a query and everything nested in it. */
    void select(Select select, Scope parent, Set<String> ctes) throws Untranslatable {
        Set<String> visible = withItems(select, parent, ctes);
        if (select instanceof PlainSelect plain) {
            plain(plain, parent, visible);
        } else if (select instanceof SetOperationList set) {
            for (Select branch : set.getSelects()) {
                select(branch, parent, visible);
            }
        } else if (select instanceof ParenthesedSelect parenthesed) {
            select(parenthesed.getSelect(), parent, visible);
        } else if (!(select instanceof Values)) {
            throw new Untranslatable("a query of a kind Tandem does not translate ("
                    + select.getClass().getSimpleName() + ")");
        }
    }

    private Set<String> withItems(Select select, Scope parent, Set<String> ctes) throws Untranslatable {
        List<WithItem<?>> items = select.getWithItemsList();
        if (items == null || items.isEmpty()) {
            return ctes;
        }
        Set<String> visible = new HashSet<>(ctes);
        for (WithItem<?> item : items) {
            // WithItem.getSelect() casts: a data-modifying item (INSERT/UPDATE/DELETE) would throw
            if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body)) {
                throw new Untranslatable("a WITH clause that writes");
            }
            select(body, parent, visible);
            visible.add(Identifier.canonical(item.getAliasName()));
        }
        return visible;
    }

    private void plain(PlainSelect select, Scope parent, Set<String> ctes) throws Untranslatable {
        Scope scope = new Scope(parent);
        Set<Object> fromItems = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Join> joins = new ArrayList<>();
        if (select.getFromItem() != null) {
            fromItem(select.getFromItem(), scope, parent, ctes, fromItems, joins);
        }
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                joins.add(join);
                fromItem(join.getFromItem(), scope, parent, ctes, fromItems, joins);
            }
        }
        for (Join join : joins) {
            usingAndNatural(join, scope);
        }
        // The names the application gives its output columns: a bare ORDER BY name refers to one of these first
        Set<String> outputNames = new HashSet<>();
        if (select.getSelectItems() != null) {
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null && item.getAlias().getName() != null) {
                    outputNames.add(Identifier.canonical(item.getAlias().getName()));
                }
            }
        }
        if (select.getSelectItems() != null) {
            expandStars(select, scope);
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getExpression() instanceof Column column) {
                    column(column, scope, item, true);
                }
            }
        }
        // A bare column in GROUP BY or ORDER BY takes the select list's form (cast included): some databases (H2)
        // require grouped and ordered expressions to match the selected ones as written.
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object e : select.getGroupBy().getGroupByExpressionList()) {
                if (e instanceof Column column) {
                    column(column, scope, null, true);
                }
            }
        }
        if (select.getOrderByElements() != null) {
            for (net.sf.jsqlparser.statement.select.OrderByElement o : select.getOrderByElements()) {
                if (o.getExpression() instanceof Column column) {
                    if ((column.getTable() == null || column.getTable().getName() == null)
                            && outputNames.contains(Identifier.canonical(column.getColumnName()))) {
                        fromItems.add(column); // the output column of that name, which stays as it is
                    } else {
                        column(column, scope, null, true);
                    }
                }
            }
        }
        expressions(select, scope, ctes, fromItems);
    }

    /** Adds one FROM item to the scope; translates a derived table on its own (it cannot see its siblings). */
    private void fromItem(FromItem item, Scope scope, Scope parent, Set<String> ctes, Set<Object> seen,
                          List<Join> joins) throws Untranslatable {
        seen.add(item);
        if (item instanceof Table table) {
            table(table, scope, ctes);
        } else if (item instanceof LateralSubSelect lateral) {
            select(lateral.getSelect(), scope, ctes);
            scope.opaque = true;
        } else if (item instanceof ParenthesedSelect derived) {
            select(derived.getSelect(), parent, ctes);
            scope.opaque = true;
            if (derived.getAlias() != null) {
                scope.others.add(Identifier.canonical(derived.getAlias().getName()));
            }
        } else if (item instanceof ParenthesedFromItem group) {
            fromItem(group.getFromItem(), scope, parent, ctes, seen, joins);
            if (group.getJoins() != null) {
                for (Join join : group.getJoins()) {
                    joins.add(join);
                    fromItem(join.getFromItem(), scope, parent, ctes, seen, joins);
                }
            }
        } else {
            scope.opaque = true;
        }
    }

    private void table(Table table, Scope scope, Set<String> ctes) throws Untranslatable {
        String name = table.getName();
        boolean cte = table.getSchemaName() == null && ctes.contains(Identifier.canonical(name));
        List<MigrationView> matching = new ArrayList<>();
        if (!cte) {
            for (MigrationView v : views) {
                if (v.migration().from().matches(table.getSchemaName(), name)) {
                    matching.add(v);
                }
            }
        }
        if (matching.isEmpty()) {
            scope.opaque = true;
            scope.others.add(Identifier.canonical(table.getAlias() != null ? table.getAlias().getName() : name));
            return;
        }
        boolean tableLevel = false;
        for (MigrationView v : matching) {
            tableLevel |= !v.columnLevel();
        }
        if (tableLevel && matching.size() > 1) {
            throw new Untranslatable(table.getFullyQualifiedName() + " is the old structure of several migrations"
                    + " read from their new structures at once");
        }
        String qualifier = table.getAlias() != null ? table.getAlias().getName() : name;
        if (tableLevel) {
            Migration m = matching.get(0).migration();
            if (table.getAlias() == null) {
                table.setAlias(new Alias(name, false));
            }
            table.setSchemaName(m.to().schema());
            table.setName(m.to().name());
        }
        scope.instances.add(new Instance(table, qualifier, qualifier, matching));
    }

    private void usingAndNatural(Join join, Scope scope) throws Untranslatable {
        if (scope.instances.isEmpty()) {
            return;
        }
        if (join.isNatural()) {
            throw new Untranslatable("a NATURAL JOIN with a migrated table");
        }
        if (join.getUsingColumns() != null) {
            for (Column c : join.getUsingColumns()) {
                for (Instance instance : scope.instances) {
                    MigrationView v = instance.viewFor(c.getColumnName());
                    if (v != null) {
                        String down = v.down(c.getColumnName());
                        if (down == null || !Identifier.same(down, c.getColumnName())) {
                            throw new Untranslatable("JOIN ... USING (" + c.getColumnName() + "), a column the new"
                                    + " structure names otherwise");
                        }
                    }
                }
            }
        }
    }

    /** Replaces {@code *} and {@code t.*} over migrated tables by the old column list, in the old order. */
    private void expandStars(PlainSelect select, Scope scope) throws Untranslatable {
        List<SelectItem<?>> items = select.getSelectItems();
        boolean any = false;
        for (SelectItem<?> item : items) {
            any |= item.getExpression() instanceof AllColumns;
        }
        if (!any || scope.instances.isEmpty()) {
            return;
        }
        List<SelectItem<?>> expanded = new ArrayList<>();
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns tableColumns) {
                Instance instance = instanceNamed(tableColumns.getTable(), scope);
                if (instance == null) {
                    expanded.add(item);
                } else {
                    if (tableColumns.getExceptColumns() != null || tableColumns.getReplaceExpressions() != null) {
                        throw new Untranslatable("t.* EXCEPT/REPLACE over a migrated table");
                    }
                    expanded.addAll(columnsOf(instance));
                }
            } else if (e instanceof AllColumns all) {
                if (all.getExceptColumns() != null || all.getReplaceExpressions() != null) {
                    throw new Untranslatable("* EXCEPT/REPLACE over a migrated table");
                }
                expanded.addAll(everyColumn(select, scope));
            } else {
                expanded.add(item);
            }
        }
        select.setSelectItems(expanded);
    }

    /** {@code *}: every FROM item's columns in FROM order; migrated tables' old columns, the others' {@code t.*}. */
    private List<SelectItem<?>> everyColumn(PlainSelect select, Scope scope) throws Untranslatable {
        List<FromItem> items = new ArrayList<>();
        items.add(select.getFromItem());
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                    throw new Untranslatable("* over a JOIN ... USING with a migrated table");
                }
                items.add(join.getFromItem());
            }
        }
        List<SelectItem<?>> out = new ArrayList<>();
        for (FromItem item : items) {
            Instance instance = null;
            for (Instance i : scope.instances) {
                if (i.table == item) {
                    instance = i;
                }
            }
            if (instance != null) {
                out.addAll(columnsOf(instance));
            } else if (item instanceof Table t) {
                out.add(new SelectItem<>(new AllTableColumns(new Table(t.getAlias() != null
                        ? t.getAlias().getName() : t.getFullyQualifiedName()))));
            } else if (item.getAlias() != null) {
                out.add(new SelectItem<>(new AllTableColumns(new Table(item.getAlias().getName()))));
            } else {
                throw new Untranslatable("* over a migrated table joined with an unnamed FROM item");
            }
        }
        return out;
    }

    private List<SelectItem<?>> columnsOf(Instance instance) throws Untranslatable {
        List<SelectItem<?>> out = new ArrayList<>();
        // The table's columns in order (any view of the table describes the same table).
        List<ColumnShape> columns = instance.views.get(0).oldColumns();
        for (ColumnShape c : columns) {
            Column column = new Column(new Table(instance.name), c.name());
            SelectItem<Column> item = new SelectItem<>(column);
            column(column, scopeOf(instance), item, true);
            out.add(item);
        }
        return out;
    }

    private static Scope scopeOf(Instance instance) {
        Scope s = new Scope(null);
        s.instances.add(instance);
        return s;
    }

    // ------------------------------------------------------------------------------------------------- columns

    /**
     * Translates the column references and nested queries of {@code root} (everything but its FROM items, which the
     * caller handled), in {@code scope}.
     */
    void expressions(Object root, Scope scope, Set<String> ctes, Set<Object> skip) throws Untranslatable {
        List<Select> nested = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        AstNodes.walkUntil(root, node -> {
            if (node == root) {
                return true;
            }
            if (skip.contains(node) || node instanceof WithItem<?>) {
                return false;
            }
            if (node instanceof Select s) {
                nested.add(s);
                return false;
            }
            if (node instanceof Join join) {
                // a join's table is a FROM item (handled); its ON condition is ours; USING was checked
                skip.add(join.getFromItem());
                if (join.getUsingColumns() != null) {
                    skip.addAll(join.getUsingColumns());
                }
            }
            return true;
        }, node -> {
            if (node instanceof Column c) {
                columns.add(c);
            }
        });
        for (Column c : columns) {
            column(c, scope, null, false);
        }
        for (Select s : nested) {
            select(s, scope, ctes);
        }
    }

    /**
     * Translates one column reference if it is an old column of a migrated table in scope.
     *
     * @param item the select item it is the whole expression of (it then keeps its label), or null
     * @param cast whether it must also keep its type (a select item, a bare GROUP BY or ORDER BY column)
     */
    void column(Column column, Scope scope, SelectItem<?> item, boolean cast) throws Untranslatable {
        String name = column.getColumnName();
        if (name == null || name.startsWith("tandemx")) {
            return;
        }
        Instance instance = resolve(column, scope);
        if (instance == null) {
            return;
        }
        MigrationView view = instance.viewFor(name);
        if (view == null) {
            if (instance.tableLevel()) {
                throw new Untranslatable("column " + name + " of " + instance.views.get(0).migration().from().sql()
                        + " has no down expression");
            }
            return; // a column-level migration leaves the table's other columns as they are
        }
        String down = view.down(name);
        if (down == null) {
            throw new Untranslatable("column " + name + " of " + view.migration().from().sql()
                    + " has no down expression");
        }
        String expression = "(" + ColumnQualifier.qualify(down, instance.qualifier, dialect) + ")";
        if (cast) {
            ColumnShape shape = view.shape(name);
            String type = shape == null ? null
                    : dialect.castType(shape.jdbcType(), shape.typeName(), shape.size(), shape.scale());
            if (type != null) {
                expression = "CAST(" + expression + " AS " + type + ")";
            }
        }
        if (item != null && item.getAlias() == null) {
            item.setAlias(new Alias(name, true));
        }
        column.setTable(null);
        column.setColumnName(rewrites.marker(expression));
    }

    /** The migrated table a column reference belongs to, or null when it is some other table's. */
    private Instance resolve(Column column, Scope scope) throws Untranslatable {
        Table qualifier = column.getTable();
        if (qualifier != null && qualifier.getName() != null) {
            return instanceNamed(qualifier, scope);
        }
        String name = column.getColumnName();
        for (Scope s = scope; s != null; s = s.parent) {
            Instance found = null;
            for (Instance i : s.instances) {
                if (i.hasColumn(name)) {
                    if (found != null) {
                        throw new Untranslatable("the unqualified column " + name + " of two migrated tables");
                    }
                    found = i;
                }
            }
            if (found != null) {
                if (s != scope && hasOpaqueBetween(scope, s)) {
                    throw new Untranslatable("the unqualified column " + name + " in a subquery whose own tables"
                            + " may have a column of that name");
                }
                return found;
            }
        }
        return null;
    }

    private static boolean hasOpaqueBetween(Scope inner, Scope outer) {
        for (Scope s = inner; s != null && s != outer; s = s.parent) {
            if (s.opaque) {
                return true;
            }
        }
        return false;
    }

    /** The migrated table a qualifier ({@code p} or {@code person} or {@code public.person}) names, or null. */
    private static Instance instanceNamed(Table qualifier, Scope scope) {
        String name = qualifier.getName();
        for (Scope s = scope; s != null; s = s.parent) {
            for (Instance i : s.instances) {
                if (qualifier.getSchemaName() == null) {
                    if (Identifier.same(i.name, name)) {
                        return i;
                    }
                } else {
                    for (MigrationView v : i.views) {
                        if (Identifier.same(i.name, name)
                                && v.migration().from().matches(qualifier.getSchemaName(), name)) {
                            return i;
                        }
                    }
                }
            }
            if (s.others.contains(Identifier.canonical(name))) {
                return null; // an inner FROM item of that name hides the outer ones
            }
        }
        return null;
    }
}
