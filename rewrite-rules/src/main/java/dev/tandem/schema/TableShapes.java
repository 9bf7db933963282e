package dev.tandem.schema;

import dev.tandem.rules.TableRef;

import java.util.List;

/**
 * What planning may need to know about a table that the SQL text does not say. Supplied by the driver from the
 * database's metadata, looked up once per table and cached.
 */
public interface TableShapes {
    /** The table's columns in declaration order, or an empty list when unknown. */
    List<String> columns(TableRef table);

    /** The table's columns with their types and defaults, in declaration order; empty when unknown. */
    default List<ColumnShape> describe(TableRef table) {
        return List.of();
    }

    /** Every unique key of the table (primary key included), each as its columns; empty when unknown. */
    List<List<String>> uniqueKeys(TableRef table);

    /** What the database does to the table's rows on a write beyond the statement (triggers, computed columns); null when unknown. */
    default WriteEffects writeEffects(TableRef table) {
        return null;
    }

    /** Knows nothing: plans that need a table's shape are then marked unsupported, with the reason. */
    TableShapes UNKNOWN = new TableShapes() {
        @Override
        public List<String> columns(TableRef table) {
            return List.of();
        }

        @Override
        public List<List<String>> uniqueKeys(TableRef table) {
            return List.of();
        }
    };
}
