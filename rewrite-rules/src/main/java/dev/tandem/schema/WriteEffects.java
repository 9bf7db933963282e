package dev.tandem.schema;

import dev.tandem.sql.Identifier;

import java.util.Set;

/**
 * What the database itself does to a table's rows when they are written, beyond what the statement says: triggers
 * that may change any column, and columns whose value the database computes (generated columns, MariaDB's
 * {@code ON UPDATE CURRENT_TIMESTAMP}). A mirror that derives new columns from the statement's own values, instead
 * of re-reading the row, is right only where neither applies.
 *
 * @param triggers         whether the table has a trigger of its own
 * @param computedColumns  the columns the database computes, as the catalog names them
 */
public record WriteEffects(boolean triggers, Set<String> computedColumns) {
    public WriteEffects {
        computedColumns = Set.copyOf(computedColumns);
    }

    /** Whether the database computes this column's value on a write. */
    public boolean computes(String column) {
        for (String c : computedColumns) {
            if (Identifier.same(c, column)) {
                return true;
            }
        }
        return false;
    }
}
