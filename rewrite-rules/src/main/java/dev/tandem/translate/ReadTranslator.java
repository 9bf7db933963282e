package dev.tandem.translate;

import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.util.HashSet;
import java.util.List;

/**
 * Translates a read written for the old structure into one that reads the new structure and returns what the old
 * one would have: the same columns, labels and (where the database can cast to it) types.
 *
 * <p>Handles aliases, qualified and unqualified names, {@code *} and {@code t.*}, joins, subqueries (correlated
 * too), CTEs, set operations, WHERE / GROUP BY / HAVING / ORDER BY, aggregates, LIMIT / OFFSET and FOR UPDATE, and
 * the SELECT of an INSERT into another table. What it cannot translate is reported as {@link Untranslatable} with a
 * reason.
 */
public final class ReadTranslator {
    private ReadTranslator() {
    }

    /**
     * Translates a freshly parsed and scanned statement in place and renders it.
     *
     * @param sql        the text {@code statement} was parsed from
     * @param translated the migrations whose reads go to the new structure
     */
    public static TranslatedRead translate(Statement statement, String sql, List<Migration> translated,
                                           TableShapes shapes, Dialect dialect) throws Untranslatable {
        Rewrites rewrites = new Rewrites();
        QueryTranslator queries = new QueryTranslator(translated, shapes, dialect, rewrites);
        boolean ordered;
        boolean labelsExact = true;
        if (statement instanceof Select select) {
            Labels labels = Labels.capture(select, sql, dialect);
            ordered = orderedByKey(select, translated);
            queries.select(select, null, new HashSet<>());
            labelsExact = labels.apply();
        } else if (statement instanceof Insert insert && insert.getSelect() != null) {
            queries.select(insert.getSelect(), null, new HashSet<>());
            ordered = false;
        } else {
            throw new Untranslatable(Untranslatable.kindOf(statement)
                    + " that reads a migrated table: only queries and INSERT ... SELECT into other tables are"
                    + " translated");
        }
        return new TranslatedRead(rewrites.render(statement), ordered, labelsExact);
    }

    /**
     * Whether the query's order is fully determined, so that two runs must return the same sequence: a query of one
     * table (no join, no set operation) whose ORDER BY names every key column. An ORDER BY that may leave ties
     * ({@code ORDER BY last_name}, or a join's rows under one key) orders tied rows as each run happens to find them:
     * such a result is compared as a multiset.
     */
    static boolean orderedByKey(Select select, List<Migration> translated) {
        Select s = select;
        while (s instanceof ParenthesedSelect parenthesed && (s.getOrderByElements() == null
                || s.getOrderByElements().isEmpty())) {
            s = parenthesed.getSelect();
        }
        if (!(s instanceof PlainSelect plain) || !(plain.getFromItem() instanceof Table)
                || (plain.getJoins() != null && !plain.getJoins().isEmpty())) {
            return false;
        }
        List<OrderByElement> order = plain.getOrderByElements();
        if (order == null || order.isEmpty()) {
            return false;
        }
        for (Migration m : translated) {
            for (String key : m.from().key()) {
                boolean found = false;
                for (OrderByElement o : order) {
                    found |= o.getExpression() instanceof Column c && Identifier.same(c.getColumnName(), key);
                }
                if (!found) {
                    return false;
                }
            }
        }
        return true;
    }
}
