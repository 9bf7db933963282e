package dev.tandem.translate;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Identifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What translation needs to know of one migration: how each old column reads from the new structure ({@code down},
 * with the key implied by {@code up} when {@code down} leaves it out), and the old column list in its order (from the
 * database's metadata) for {@code *}.
 */
final class MigrationView {
    private final Migration migration;
    private final Map<String, String> down = new LinkedHashMap<>();
    private final Map<String, ColumnShape> oldColumns = new LinkedHashMap<>();
    private final boolean columnsKnown;

    MigrationView(Migration migration, TableShapes shapes) {
        this.migration = migration;
        for (Map.Entry<String, String> e : migration.down().entrySet()) {
            down.put(Identifier.canonical(e.getKey()), e.getValue());
        }
        if (!migration.columnLevel()) {
            List<String> fromKey = migration.from().key();
            for (int i = 0; i < fromKey.size(); i++) {
                down.putIfAbsent(Identifier.canonical(fromKey.get(i)), migration.toKeyByFromKey().get(i));
            }
        }
        // The table's columns as they are now: for a column-level migration the new columns too (the application has
        // seen them in SELECT * since the expand), with the old ones read through down.
        List<ColumnShape> described = shapes.describe(migration.from());
        for (ColumnShape c : described) {
            oldColumns.put(Identifier.canonical(c.name()), c);
        }
        this.columnsKnown = !described.isEmpty();
    }

    Migration migration() {
        return migration;
    }

    boolean columnLevel() {
        return migration.columnLevel();
    }

    /** The {@code down} expression of an old column (over {@code to}'s columns, unqualified), or null. */
    String down(String column) {
        return down.get(Identifier.canonical(column));
    }

    /** Whether {@code column} is a column of the old structure (as far as is known). */
    boolean isOldColumn(String column) {
        String c = Identifier.canonical(column);
        return columnsKnown ? oldColumns.containsKey(c) : down.containsKey(c);
    }

    /** The columns of {@code from} in order: what {@code *} means to the application. */
    List<ColumnShape> oldColumns() throws Untranslatable {
        if (!columnsKnown) {
            throw new Untranslatable("* over " + migration.from().sql() + ", whose columns could not be read");
        }
        return new ArrayList<>(oldColumns.values());
    }

    /** The metadata of an old column, or null. */
    ColumnShape shape(String column) {
        return oldColumns.get(Identifier.canonical(column));
    }
}
