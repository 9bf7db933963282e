package dev.tandem.ddl;

import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a migration's expand and contract DDL for one database, from the types of the new columns (which the caller
 * finds out). Pure: no connection. See {@code src/docs/schema-changes.md}.
 *
 * <p><b>Expand.</b> Column-level: the new columns, nullable, added in the lock-free form of each database — PostgreSQL
 * {@code SET lock_timeout} then one {@code ALTER TABLE ... ADD COLUMN ...} (a nullable column without a default is a
 * change of the catalog only); MariaDB {@code ALGORITHM=INSTANT, LOCK=NONE} after a short {@code lock_wait_timeout}
 * (the metadata lock is what an ALTER waits for); H2 plain. Table-level: {@code CREATE TABLE to} with the key (typed as
 * {@code from}'s key, {@code NOT NULL}, the primary key, and a default that keeps generating keys the way {@code from}'s
 * does) and every other column nullable. Only the primary key is created: {@code from}'s unique keys and indexes are
 * not copied (their columns may not exist in {@code to}); add those you need.
 *
 * <p><b>Contract.</b> Column-level: the old columns ({@code down}'s) dropped, with the same lock timeout. Table-level:
 * {@code DROP TABLE from}, after handing over a sequence that {@code from}'s key owns.
 */
public final class DdlGenerator {
    /** The lock timeout used unless another is given. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    private DdlGenerator() {
    }

    /**
     * The plan.
     *
     * @param keyColumns the new table's key columns in {@code to.key} order, typed as {@code from}'s (table-level
     *                   only; ignored for a column-level migration)
     * @param columns    the other columns {@code up} writes, in {@code up}'s order, typed
     * @param keyDefault how {@code from}'s key is generated (table-level with a one-column key; else
     *                   {@link KeyDefault#NONE})
     * @param lockTimeout how long an ALTER or DROP may wait for a lock before it gives up (whole seconds on MariaDB)
     */
    public static SchemaChangePlan plan(Migration migration, Dialect dialect, List<ColumnSpec> keyColumns,
                                        List<ColumnSpec> columns, KeyDefault keyDefault, Duration lockTimeout) {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        KeyDefault key = keyDefault == null ? KeyDefault.NONE : keyDefault;
        List<String> notes = new ArrayList<>();
        List<String> expand = new ArrayList<>();
        List<String> contract = new ArrayList<>();
        if (migration.columnLevel()) {
            columnLevel(migration, dialect, columns, lockTimeout, expand, contract, notes);
        } else {
            tableLevel(migration, dialect, keyColumns, columns, key, lockTimeout, expand, contract, notes);
        }
        return new SchemaChangePlan(migration.id(), dialect, expand, contract, notes);
    }

    // ------------------------------------------------------------------------------------------------ column-level

    private static void columnLevel(Migration m, Dialect d, List<ColumnSpec> columns, Duration timeout,
                                    List<String> expand, List<String> contract, List<String> notes) {
        String table = m.to().sql();
        List<String> old = new ArrayList<>();
        for (String c : m.down().keySet()) {
            if (!m.from().isKey(c)) {
                old.add(c);
            }
        }
        switch (d) {
            case POSTGRESQL -> {
                expand.add(postgresTimeout(timeout));
                expand.add("ALTER TABLE " + table + " " + list(columns, c -> "ADD COLUMN " + c.name() + " " + c.type()));
                expand.add("RESET lock_timeout");
                contract.add(postgresTimeout(timeout));
                contract.add("ALTER TABLE " + table + " " + list(old, c -> "DROP COLUMN " + c));
                contract.add("RESET lock_timeout");
            }
            case MARIADB, MYSQL -> {
                expand.add(mariadbTimeout(timeout));
                expand.add("ALTER TABLE " + table + " "
                        + list(columns, c -> "ADD COLUMN " + c.name() + " " + c.type() + " NULL")
                        + ", ALGORITHM=INSTANT, LOCK=NONE");
                expand.add("SET SESSION lock_wait_timeout = DEFAULT");
                contract.add(mariadbTimeout(timeout));
                contract.add("ALTER TABLE " + table + " " + list(old, c -> "DROP COLUMN " + c)
                        + ", ALGORITHM=INSTANT, LOCK=NONE");
                contract.add("SET SESSION lock_wait_timeout = DEFAULT");
                notes.add("where ALGORITHM=INSTANT is refused (MariaDB before 10.3 for ADD, 10.4 for DROP; MySQL"
                        + " before 8.0.29 for DROP; ROW_FORMAT=COMPRESSED tables), use ALGORITHM=INPLACE, LOCK=NONE:"
                        + " online, but it rebuilds the table");
            }
            default -> {
                for (ColumnSpec c : columns) {
                    expand.add("ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + c.type());
                }
                for (String c : old) {
                    contract.add("ALTER TABLE " + table + " DROP COLUMN " + c);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ table-level

    private static void tableLevel(Migration m, Dialect d, List<ColumnSpec> keyColumns, List<ColumnSpec> columns,
                                   KeyDefault key, Duration timeout, List<String> expand, List<String> contract,
                                   List<String> notes) {
        if (keyColumns.size() != m.to().key().size()) {
            throw new IllegalArgumentException("expected " + m.to().key().size() + " key column types, not "
                    + keyColumns.size());
        }
        if (key.kind() != KeyDefault.Kind.NONE && keyColumns.size() != 1) {
            throw new IllegalArgumentException("a generated key is handled for a one-column key only");
        }
        String to = m.to().sql();
        String from = m.from().sql();
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(to).append(" (");
        List<String> keyNames = new ArrayList<>();
        for (ColumnSpec k : keyColumns) {
            create.append(keyNames.isEmpty() ? "" : ", ").append(k.name()).append(' ').append(k.type())
                    .append(keyClause(d, key));
            keyNames.add(k.name());
        }
        for (ColumnSpec c : columns) {
            create.append(", ").append(c.name()).append(' ').append(c.type());
            if (d == Dialect.MARIADB || d == Dialect.MYSQL) {
                create.append(" NULL");
            }
        }
        create.append(", PRIMARY KEY (").append(String.join(", ", keyNames)).append("))");
        expand.add(create.toString());

        String keyColumn = keyNames.isEmpty() ? null : keyNames.get(0);
        switch (d) {
            case POSTGRESQL -> {
                contract.add(postgresTimeout(timeout));
                if (key.kind() == KeyDefault.Kind.OWNED_SEQUENCE) {
                    contract.add("ALTER SEQUENCE " + key.sequence() + " OWNED BY " + to + "." + keyColumn);
                    notes.add(to + "." + keyColumn + " draws from " + key.sequence() + ", which " + from
                            + "'s key owns: the contract hands it to " + to + " before dropping " + from);
                } else if (key.kind() == KeyDefault.Kind.IDENTITY_SEQUENCE) {
                    contract.add("ALTER TABLE " + to + " ALTER COLUMN " + keyColumn + " DROP DEFAULT");
                    contract.add("ALTER TABLE " + to + " ALTER COLUMN " + keyColumn
                            + " ADD GENERATED BY DEFAULT AS IDENTITY");
                    contract.add("SELECT setval(pg_get_serial_sequence(" + literal(to) + ", "
                            + literal(Identifier.canonical(keyColumn)) + "), (SELECT COALESCE(MAX(" + keyColumn
                            + "), 0) + 1 FROM " + to + "), false)");
                    notes.add(to + "." + keyColumn + " draws from the identity sequence of " + from + "'s key until"
                            + " the contract, which gives " + to + " an identity of its own continuing after its"
                            + " highest key (run the contract in one transaction)");
                } else if (key.kind() == KeyDefault.Kind.SEQUENCE) {
                    notes.add(to + "." + keyColumn + " draws from " + key.sequence() + ", as " + from + "'s key does");
                }
                contract.add("DROP TABLE " + from);
                contract.add("RESET lock_timeout");
            }
            case MARIADB, MYSQL -> {
                contract.add(mariadbTimeout(timeout));
                contract.add("DROP TABLE " + from);
                contract.add("SET SESSION lock_wait_timeout = DEFAULT");
                if (key.kind() == KeyDefault.Kind.AUTO_INCREMENT) {
                    notes.add(to + "." + keyColumn + " is AUTO_INCREMENT like " + from + "'s key; InnoDB moves its"
                            + " counter past every key the mirror inserts, so keys generated in write-new follow on");
                }
            }
            default -> {
                contract.add("DROP TABLE " + from);
                if (key.kind() == KeyDefault.Kind.SEQUENCE) {
                    notes.add(to + "." + keyColumn + " draws from " + key.sequence() + ", as " + from + "'s key does");
                } else if (key.kind() == KeyDefault.Kind.IDENTITY) {
                    notes.add(from + "'s key is an H2 identity column, whose sequence cannot be shared: " + to + "."
                            + keyColumn + " is an identity of its own, which does not move past the keys the mirror"
                            + " inserts; before write-new, restart it past the highest key (ALTER TABLE " + to
                            + " ALTER COLUMN " + keyColumn + " RESTART WITH <highest key + 1>), or give " + from
                            + " a sequence instead");
                }
            }
        }
        if (key.kind() == KeyDefault.Kind.NONE && keyColumns.size() == 1) {
            notes.add(from + "'s key is not generated by the database: " + to + "." + keyColumn + " gets no default");
        }
    }

    private static String keyClause(Dialect d, KeyDefault key) {
        return switch (key.kind()) {
            case NONE -> " NOT NULL";
            case SEQUENCE, OWNED_SEQUENCE, IDENTITY_SEQUENCE -> d == Dialect.H2
                    ? " DEFAULT NEXT VALUE FOR " + key.sequence() + " NOT NULL"
                    : " NOT NULL DEFAULT nextval(" + literal(key.sequence()) + ")";
            case IDENTITY -> " GENERATED BY DEFAULT AS IDENTITY NOT NULL";
            case AUTO_INCREMENT -> " NOT NULL AUTO_INCREMENT";
        };
    }

    // ------------------------------------------------------------------------------------------------ pieces

    private static String postgresTimeout(Duration timeout) {
        return "SET lock_timeout = '" + Math.max(1, timeout.toMillis()) + "ms'";
    }

    private static String mariadbTimeout(Duration timeout) {
        return "SET SESSION lock_wait_timeout = " + Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static <T> String list(List<T> items, java.util.function.Function<T, String> f) {
        List<String> parts = new ArrayList<>();
        for (T item : items) {
            parts.add(f.apply(item));
        }
        return String.join(", ", parts);
    }
}
