package dev.tandem.mirror;

import dev.tandem.rules.Migration;
import dev.tandem.sql.ColumnQualifier;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL that makes {@code to} match {@code from} for a set of keys: "sync". It reads the rows as {@code from}
 * holds them now (defaults, triggers and generated keys included) and derives {@code to} through {@code up}, so it
 * is idempotent and never depends on what the application's statement said. Immutable, one per migration and
 * database.
 *
 * <p>Keys are given as SQL tuples, in {@code from.key} order: each element {@code ?} (a bound value) or a fragment
 * copied from the application's statement (a literal, a cast of a parameter). Nothing is ever spliced in from a
 * value.
 */
public final class SyncStatements {
    /** IN-lists are padded to one of these sizes so that few distinct statements reach the database. */
    private static final int[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    public static final int MAX_KEYS_PER_STATEMENT = SIZES[SIZES.length - 1];

    private final Migration migration;
    private final Dialect dialect;
    private final String upsertHead;
    private final String upsertTail;
    /**
     * MariaDB and MySQL, when {@code to} has unique keys besides its key: an upsert is an UPDATE of the rows of
     * {@code to} that exist followed by an INSERT of those that do not ({@code ON DUPLICATE KEY UPDATE} would also fire
     * on any other unique key of {@code to}, and update the wrong row). Null elsewhere.
     */
    private final String insertMissingHead;
    private final String insertMissingTail;
    private final String deleteHead;
    private final String deleteTail;
    private final String keyTuple;
    private final String[] parameterOnlyUpserts = new String[SIZES.length];
    private final String[] parameterOnlyInserts = new String[SIZES.length];
    private final String[] parameterOnlyDeletes = new String[SIZES.length];

    private SyncStatements(Migration migration, Dialect dialect, boolean keyIsTheOnlyUniqueKey) {
        this.migration = migration;
        this.dialect = dialect;
        List<String> fromKey = migration.from().key();
        this.keyTuple = tuple(fromKey);
        if (migration.columnLevel()) {
            StringBuilder set = new StringBuilder();
            StringBuilder changed = new StringBuilder();
            for (Map.Entry<String, String> e : migration.derivedUp().entrySet()) {
                set.append(set.length() == 0 ? "" : ", ").append(e.getKey()).append(" = (").append(e.getValue())
                        .append(')');
                changed.append(changed.length() == 0 ? "" : " OR ")
                        .append(dialect.differs(e.getKey(), e.getValue()));
            }
            this.upsertHead = "UPDATE " + migration.from().sql() + " SET " + set + " WHERE " + keyTuple + " IN (";
            this.upsertTail = ") AND (" + changed + ")";
            this.insertMissingHead = null;
            this.insertMissingTail = null;
            this.deleteHead = null;
            this.deleteTail = null;
        } else {
            List<String> toColumns = new ArrayList<>(migration.up().keySet());
            List<String> derived = new ArrayList<>(migration.derivedUp().keySet());
            StringBuilder expressions = new StringBuilder();
            for (String column : toColumns) {
                expressions.append(expressions.length() == 0 ? "" : ", ").append(migration.up().get(column));
            }
            String to = migration.to().sql();
            String from = migration.from().sql();
            String columns = String.join(", ", toColumns);
            String select = "SELECT " + expressions + " FROM " + from + " WHERE " + keyTuple + " IN (";
            String insertMissingHead = null;
            String insertMissingTail = null;
            switch (dialect) {
                case POSTGRESQL -> {
                    this.upsertHead = "INSERT INTO " + to + " (" + columns + ") " + select;
                    this.upsertTail = ") ON CONFLICT (" + String.join(", ", migration.to().key()) + ") DO UPDATE SET "
                            + assignments(derived, "EXCLUDED.%s");
                }
                case MARIADB, MYSQL -> {
                    // `from` keeps its own name (so that up expressions may qualify columns with it, even in a
                    // subquery) unless `to` has the same name in another schema.
                    String f = Identifier.same(migration.from().name(), migration.to().name()) ? "tandem_f"
                            : migration.from().name();
                    String fromAs = f.equals("tandem_f") ? from + " tandem_f" : from;
                    StringBuilder set = new StringBuilder();
                    StringBuilder qualified = new StringBuilder();
                    for (String column : toColumns) {
                        String expression = ColumnQualifier.qualify(migration.up().get(column), f, dialect);
                        qualified.append(qualified.length() == 0 ? "" : ", ").append(expression);
                        if (derived.contains(column)) {
                            set.append(set.length() == 0 ? "" : ", ").append("tandem_t.").append(column)
                                    .append(" = ").append(expression);
                        }
                    }
                    String insert = "INSERT INTO " + to + " (" + columns + ") SELECT " + qualified + " FROM "
                            + fromAs + " WHERE " + qualifiedTuple(fromKey, f) + " IN (";
                    if (keyIsTheOnlyUniqueKey) {
                        // One statement that never looks the row up in `to` first, so it takes no gap lock there
                        // (under REPEATABLE READ, two transactions locking the same gap deadlock when both insert).
                        this.upsertHead = insert;
                        this.upsertTail = ") ON DUPLICATE KEY UPDATE " + (derived.isEmpty()
                                ? migration.to().key().get(0) + " = " + migration.to().key().get(0)
                                : assignments(derived, "VALUES(%s)"));
                    } else {
                        this.upsertHead = "UPDATE " + to + " tandem_t JOIN " + fromAs + " ON "
                                + keyJoin(migration, f) + " SET " + set + " WHERE " + qualifiedTuple(fromKey, f)
                                + " IN (";
                        this.upsertTail = ")";
                        insertMissingHead = insert;
                        insertMissingTail = ") AND NOT EXISTS (SELECT 1 FROM " + to + " tandem_t WHERE "
                                + keyJoin(migration, f) + ")";
                    }
                }
                case H2 -> {
                    this.upsertHead = "MERGE INTO " + to + " (" + columns + ") KEY (" + String.join(", ",
                            migration.to().key()) + ") " + select;
                    this.upsertTail = ")";
                }
                default -> throw new IllegalArgumentException("no mirror for " + dialect.displayName());
            }
            this.insertMissingHead = insertMissingHead;
            this.insertMissingTail = insertMissingTail;
            List<String> toKey = new ArrayList<>();
            StringBuilder correlated = new StringBuilder();
            for (int i = 0; i < fromKey.size(); i++) {
                String toColumn = migration.toKeyByFromKey().get(i);
                toKey.add("tandem_t." + toColumn);
                correlated.append(i == 0 ? "" : " AND ").append("tandem_f.").append(fromKey.get(i))
                        .append(" = tandem_t.").append(toColumn);
            }
            String target = switch (dialect) {
                case MARIADB, MYSQL -> "DELETE tandem_t FROM " + to + " AS tandem_t";
                default -> "DELETE FROM " + to + " AS tandem_t";
            };
            this.deleteHead = target + " WHERE " + tuple(toKey) + " IN (";
            this.deleteTail = ") AND NOT EXISTS (SELECT 1 FROM " + from + " tandem_f WHERE " + correlated + ")";
        }
        for (int i = 0; i < SIZES.length; i++) {
            List<String> tuples = parameterTuples(SIZES[i]);
            parameterOnlyUpserts[i] = upsertHead + String.join(", ", tuples) + upsertTail;
            parameterOnlyInserts[i] = insertMissingHead == null ? null
                    : insertMissingHead + String.join(", ", tuples) + insertMissingTail;
            parameterOnlyDeletes[i] = deleteHead == null ? null : deleteHead + String.join(", ", tuples) + deleteTail;
        }
    }

    /**
     * The sync statements of one migration on one database, for a {@code to} that may have unique keys besides its key
     * (on MariaDB and MySQL an upsert is then two statements).
     */
    public static SyncStatements of(Migration migration, Dialect dialect) {
        return new SyncStatements(migration, dialect, false);
    }

    /**
     * The sync statements of one migration on one database.
     *
     * @param keyIsTheOnlyUniqueKey whether {@code to.key} is {@code to}'s only unique key (primary key or unique
     *                              index), as the database's catalog says: on MariaDB and MySQL the upsert is then
     *                              one {@code INSERT ... ON DUPLICATE KEY UPDATE}
     */
    public static SyncStatements of(Migration migration, Dialect dialect, boolean keyIsTheOnlyUniqueKey) {
        return new SyncStatements(migration, dialect, keyIsTheOnlyUniqueKey);
    }

    public Migration migration() {
        return migration;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How many columns a key has, i.e. how many values one key tuple binds. */
    public int keyWidth() {
        return migration.from().key().size();
    }

    /** Whether the mirror ever deletes rows of {@code to} (table-level migrations only). */
    public boolean deletes() {
        return deleteHead != null;
    }

    /**
     * The smallest padded size that holds {@code keys} keys (at most {@link #MAX_KEYS_PER_STATEMENT}): callers repeat
     * the last key to fill it, which changes nothing.
     */
    public static int paddedSize(int keys) {
        for (int size : SIZES) {
            if (size >= keys) {
                return size;
            }
        }
        throw new IllegalArgumentException("at most " + MAX_KEYS_PER_STATEMENT + " keys per statement: " + keys);
    }

    /** The upsert for {@code size} keys (a padded size), each bound as parameters. */
    public String upsert(int size) {
        return parameterOnlyUpserts[indexOf(size)];
    }

    /**
     * MariaDB and MySQL only: the insert of missing rows that completes {@link #upsert(int)} (which there only
     * updates existing rows); null elsewhere.
     */
    public String insertMissing(int size) {
        return insertMissingHead == null ? null : parameterOnlyInserts[indexOf(size)];
    }

    /**
     * MariaDB and MySQL only: a plain insert of the rows, for keys an INSERT into {@code from} just created, whose rows
     * {@code to} is not expected to have. Unlike {@link #upsert(int)} and {@link #insertMissing(int)} it does not look
     * for the rows in {@code to} first: under REPEATABLE READ that lookup locks the gap where a missing row would go,
     * and two transactions inserting next to each other then deadlock. If a row is there after all, it fails with a
     * duplicate key (1062) and the caller syncs with the other two. Null elsewhere.
     */
    public String insertFresh(int size) {
        return insertMissingHead == null ? null : insertFresh(parameterTuples(size));
    }

    /** MariaDB and MySQL only: {@link #insertFresh(int)} for key tuples written as SQL; null elsewhere. */
    public String insertFresh(List<String> tuples) {
        return insertMissingHead == null ? null : insertMissingHead + String.join(", ", tuples) + ")";
    }

    /** MariaDB and MySQL only: {@link #insertMissing(int)} for key tuples written as SQL; null elsewhere. */
    public String insertMissing(List<String> tuples) {
        return insertMissingHead == null ? null : insertMissingHead + String.join(", ", tuples) + insertMissingTail;
    }

    /** The delete-where-gone for {@code size} keys (a padded size), each bound as parameters; null if none. */
    public String delete(int size) {
        return deleteHead == null ? null : parameterOnlyDeletes[indexOf(size)];
    }

    /** The upsert for key tuples written as SQL (e.g. {@code "?"}, {@code "(?, 5)"}). */
    public String upsert(List<String> tuples) {
        return upsertHead + String.join(", ", tuples) + upsertTail;
    }

    /** The delete-where-gone for key tuples written as SQL; null for a column-level migration. */
    public String delete(List<String> tuples) {
        return deleteHead == null ? null : deleteHead + String.join(", ", tuples) + deleteTail;
    }

    /** One key tuple of plain parameters: {@code ?} or {@code (?, ?)}. */
    public String parameterTuple() {
        return keyWidth() == 1 ? "?" : "(" + "?, ".repeat(keyWidth() - 1) + "?)";
    }

    private List<String> parameterTuples(int n) {
        String one = parameterTuple();
        List<String> tuples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tuples.add(one);
        }
        return tuples;
    }

    private static int indexOf(int size) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == size) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a padded size: " + size);
    }

    /** {@code f.k1 = tandem_t.k1 AND ...}: a {@code from} row (named {@code f}) and its {@code to} row. */
    private static String keyJoin(Migration migration, String f) {
        StringBuilder sb = new StringBuilder();
        List<String> fromKey = migration.from().key();
        for (int i = 0; i < fromKey.size(); i++) {
            sb.append(i == 0 ? "" : " AND ").append(f).append('.').append(fromKey.get(i)).append(" = tandem_t.")
                    .append(migration.toKeyByFromKey().get(i));
        }
        return sb.toString();
    }

    private static String qualifiedTuple(List<String> fromKey, String f) {
        List<String> qualified = new ArrayList<>();
        for (String k : fromKey) {
            qualified.add(f + "." + k);
        }
        return tuple(qualified);
    }

    private static String assignments(List<String> columns, String valueFormat) {
        StringBuilder sb = new StringBuilder();
        for (String column : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(column).append(" = ")
                    .append(String.format(valueFormat, column));
        }
        return sb.toString();
    }

    private static String tuple(List<String> columns) {
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }
}
