package dev.tandem.engine;

import dev.tandem.mirror.SyncStatements;
import dev.tandem.rules.Migration;
import dev.tandem.rules.TableRef;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.translate.WriteTranslator;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a migration's sync statements ({@link SyncStatements}) the way the mirror needs them on one database: on
 * MariaDB and MySQL the catalog is asked whether the written table's key is its only unique key (then an upsert is
 * one statement that takes no gap lock). The driver's mirror and the backfill both build them here, so that they run
 * the very same SQL.
 */
public final class MirrorSql {
    private MirrorSql() {
    }

    /** The statements that derive {@code to} from {@code from} through {@code up}. */
    public static SyncStatements forward(Migration m, Dialect dialect, TableShapes catalog) {
        return SyncStatements.of(m, dialect, !m.columnLevel() && onlyUniqueKey(dialect, catalog, m.to(), m.to().key()));
    }

    /**
     * The statements that derive {@code from} from {@code to} through {@code down} (write-new keeps {@code from} fresh
     * with them).
     *
     * @throws RuntimeException when the migration cannot be reversed (see {@link WriteTranslator#reverse})
     */
    public static SyncStatements reverse(Migration m, Dialect dialect, TableShapes catalog) {
        return forward(WriteTranslator.reverse(m), dialect, catalog);
    }

    /** As {@link #forward} or {@link #reverse}, asking the catalog through {@code connection}. */
    public static SyncStatements of(Migration m, boolean reverse, Dialect dialect, Connection connection) {
        TableShapes catalog = new ConnectionTableShapes().through(connection);
        return reverse ? reverse(m, dialect, catalog) : forward(m, dialect, catalog);
    }

    /** Whether the catalog says {@code key} is {@code table}'s only unique key (false when it cannot tell). */
    static boolean onlyUniqueKey(Dialect dialect, TableShapes catalog, TableRef table, List<String> key) {
        if (dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) {
            return false;
        }
        List<List<String>> unique = catalog.uniqueKeys(table);
        if (unique.isEmpty()) {
            return false;
        }
        Set<String> wanted = new HashSet<>();
        key.forEach(k -> wanted.add(Identifier.canonical(k)));
        for (List<String> columns : unique) {
            Set<String> have = new HashSet<>();
            columns.forEach(c -> have.add(Identifier.canonical(c)));
            if (!have.equals(wanted)) {
                return false;
            }
        }
        return true;
    }
}
