package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.jdbc.params.ParameterValue;
import dev.tandem.plan.KeyCapture;
import dev.tandem.plan.KeySlot;
import dev.tandem.plan.ReturnedKeys;
import dev.tandem.plan.WritePlan;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;

import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetFactory;
import javax.sql.rowset.RowSetProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One write to a migrated table and its mirror: learns the keys of the rows it touched (before it runs, from its
 * text, or from the driver's generated keys) and synchronises them into {@code to}, in the same transaction.
 *
 * <p>Use: {@link #beforeEach} for each execution (each batch entry), run the application's statement, then
 * {@link #afterEach} per entry, {@link #afterAll} once, and {@link #mirror}.
 */
public final class WriteExecution {
    private static final RowSetFactory ROW_SETS = rowSetFactory();

    private final TandemEngine engine;
    private final Connection connection;
    private final WritePlan plan;
    private final List<Migration> active;
    private final boolean strict;
    /** Whether this keeps {@code from} fresh after a write to {@code to} (write-new) rather than the other way. */
    private final boolean backwards;
    private final KeySet keys = new KeySet();
    private int generatedRowsPerExecution;
    private boolean allRowsGenerated;
    /** Why the keys of some rows could not be learned; null when all were. */
    private String keysIncomplete;
    private int executions;
    /** Rows the pre-image of the current execution found the database will generate a key for. */
    private int pendingGenerated;
    /** Auto-increment databases: a key parameter was bound NULL though no generated keys were asked for. */
    private boolean nullKeyWithoutGeneratedKeys;
    /** Auto-increment databases: explicit key values of the executions, after which the counter jumps. */
    private final java.util.Set<Long> explicitKeys = new java.util.TreeSet<>();

    /**
     * @param connection the real connection
     * @param active     the migrations whose phase mirrors this write
     * @param strict     whether {@code to} is authoritative (a failed mirror fails the statement)
     */
    public WriteExecution(TandemEngine engine, Connection connection, WritePlan plan, List<Migration> active,
                          boolean strict) {
        this(engine, connection, plan, active, strict, false);
    }

    private WriteExecution(TandemEngine engine, Connection connection, WritePlan plan, List<Migration> active,
                           boolean strict, boolean backwards) {
        this.engine = engine;
        this.connection = connection;
        this.plan = plan;
        this.active = active;
        this.strict = strict;
        this.backwards = backwards;
    }

    /**
     * A write translated onto {@code to} (write-new): {@code reverse} learns the keys of {@code to} it touches, and
     * {@link #mirror()} keeps {@code from} fresh through {@code down}, best effort.
     */
    public static WriteExecution onNewStructure(TandemEngine engine, Connection connection,
                                                dev.tandem.plan.NewStructureWrite write) {
        return new WriteExecution(engine, connection, write.reverse(), List.of(write.migration()), false, true);
    }

    /** What to ask of generated keys, given what the application asked. */
    public static KeysRequest keysRequest(WritePlan plan, KeysRequest application) {
        return application.withMirrorNeeds(plan.keys().returned(), plan.keyColumns());
    }

    /** Before one execution of the statement: runs the pre-image queries, bound with its parameters. */
    public void beforeEach(BoundParameters parameters) throws SQLException {
        for (ParameterizedSql preImage : plan.keys().preImages()) {
            try (PreparedStatement ps = connection.prepareStatement(preImage.sql())) {
                if (parameters != null) {
                    parameters.bindTo(ps, preImage.parameters());
                } else if (preImage.parameterCount() > 0) {
                    throw new SQLException("a statement without parameters cannot have a pre-image with them");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int width = plan.keyColumns().size();
                    while (rs.next()) {
                        KeyPart[] tuple = new KeyPart[width];
                        for (int i = 0; i < width; i++) {
                            Object value = rs.getObject(i + 1);
                            if (width == 1 && generatesKey(value)) {
                                // An INSERT ... SELECT of a NULL (or, on MariaDB, 0) key: the database generates it.
                                pendingGenerated++;
                                tuple = null;
                                break;
                            }
                            tuple[i] = KeyPart.value(value);
                        }
                        if (tuple != null) {
                            keys.add(tuple);
                        }
                    }
                }
            }
        }
    }

    /** After one execution: the keys its text gives, bound with its parameters. */
    public void afterEach(BoundParameters parameters) {
        KeyCapture capture = plan.keys();
        boolean autoIncrement = engine.dialect().returnsAutoIncrementOnly();
        executions++;
        int generated = pendingGenerated;
        pendingGenerated = 0;
        for (List<KeySlot> row : capture.rows()) {
            KeyPart[] tuple = new KeyPart[row.size()];
            boolean complete = true;
            boolean mayBeGenerated = false;
            for (int i = 0; i < row.size(); i++) {
                KeySlot slot = row.get(i);
                if (slot instanceof KeySlot.Fixed fixed) {
                    if (fixed.isSingleParameter() && parameters != null) {
                        ParameterValue value = parameters.get(fixed.fragment().parameter(0));
                        if (value == null || value.isNull()) {
                            complete = false;
                            continue;
                        }
                        // 0 into an AUTO_INCREMENT key: generated, unless NO_AUTO_VALUE_ON_ZERO keeps it (both kept)
                        mayBeGenerated |= generatesKey(value.value());
                        if (autoIncrement && value.value() instanceof Number n) {
                            explicitKeys.add(n.longValue());
                        }
                    } else if (autoIncrement && fixed.fragment().sql().matches("\\d{1,18}")) {
                        explicitKeys.add(Long.parseLong(fixed.fragment().sql()));
                    }
                    tuple[i] = KeyPart.fragment(fixed.fragment(), parameters);
                } else {
                    complete = false;
                }
            }
            if (complete) {
                keys.add(tuple);
            }
            if (!complete || mayBeGenerated) {
                generated++;
            }
        }
        if (generated > 0 && autoIncrement && capture.returned() == ReturnedKeys.NONE) {
            nullKeyWithoutGeneratedKeys = true;
        }
        generatedRowsPerExecution = Math.max(generatedRowsPerExecution, generated);
        allRowsGenerated |= capture.allRowsGenerated();
    }

    /**
     * After all executions: the keys the driver returned. Returns the generated keys to give the application when it
     * asked for them, else null. The application always gets every key, unread: where the driver hands out a fresh
     * result set per call (MariaDB) the application gets its own; where its result set can be rewound (H2) the
     * application gets it rewound; otherwise (pgjdbc's is forward-only and handed out once) Tandem reads it once
     * into a complete, independent copy with the same columns and values.
     *
     * @param statement    the real statement that ran
     * @param updateCount  how many rows it touched in all (for an INSERT ... SELECT whose keys are all generated)
     * @param appWantsKeys whether the application asked for generated keys
     */
    public ResultSet afterAll(Statement statement, long updateCount, boolean appWantsKeys) throws SQLException {
        ReturnedKeys returned = plan.keys().returned();
        if (nullKeyWithoutGeneratedKeys) {
            lastInsertId();
        }
        if (returned == ReturnedKeys.NONE) {
            return null;
        }
        ResultSet ours = statement.getGeneratedKeys();
        if (ours == null) {
            return null;
        }
        ResultSet forApplication = null;
        if (appWantsKeys) {
            ResultSet second = statement.getGeneratedKeys();
            if (second != null && second != ours) {
                forApplication = second;
            } else if (rewindable(ours)) {
                forApplication = ours;
            } else {
                CachedRowSet copy = ROW_SETS.createCachedRowSet();
                copy.populate(ours);
                ours.close();
                ours = copy;
                forApplication = copy;
            }
        }
        try {
            if (returned == ReturnedKeys.NAMED_COLUMNS) {
                readNamed(ours);
            } else {
                readAutoIncrement(ours, updateCount);
            }
        } finally {
            if (ours == forApplication) {
                ours.beforeFirst();
            } else {
                ours.close();
            }
        }
        return forApplication;
    }

    private static boolean rewindable(ResultSet rs) {
        try {
            rs.beforeFirst();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void readNamed(ResultSet rs) throws SQLException {
        List<String> keyColumns = plan.keyColumns();
        int[] columns = new int[keyColumns.size()];
        ResultSetMetaData md = rs.getMetaData();
        for (int k = 0; k < keyColumns.size(); k++) {
            columns[k] = -1;
            for (int c = 1; c <= md.getColumnCount(); c++) {
                if (Identifier.same(md.getColumnLabel(c), keyColumns.get(k))) {
                    columns[k] = c;
                    break;
                }
            }
            if (columns[k] < 0) {
                // pgjdbc answers a batch that touched no row with a result set without columns: no key is missing
                if (rs.next()) {
                    keysIncomplete = "the generated keys the application asked for do not include the key columns";
                }
                return;
            }
        }
        while (rs.next()) {
            KeyPart[] tuple = new KeyPart[columns.length];
            for (int k = 0; k < columns.length; k++) {
                tuple[k] = KeyPart.value(rs.getObject(columns[k]));
            }
            keys.add(tuple);
        }
    }

    /**
     * MariaDB reports the first auto-increment value of each execution; the others follow at
     * {@code auto_increment_increment} steps, except that the counter jumps past an explicit key given in the same
     * statement: the keys after each such key are covered too (knowing a few keys too many is harmless).
     */
    private void readAutoIncrement(ResultSet rs, long updateCount) throws SQLException {
        long perExecution = allRowsGenerated ? updateCount : generatedRowsPerExecution;
        if (perExecution <= 0) {
            return;
        }
        long step = engine.autoIncrementStep(connection);
        while (rs.next()) {
            addGenerated(rs.getLong(1), perExecution, step);
        }
    }

    private void addGenerated(long first, long count, long step) {
        if (first <= 0) {
            return;
        }
        for (long i = 0; i < count; i++) {
            keys.add(new KeyPart[]{KeyPart.value(first + i * step)});
        }
        for (long explicit : explicitKeys) {
            if (explicit >= first) {
                for (long i = 1; i <= count * step; i++) {
                    keys.add(new KeyPart[]{KeyPart.value(explicit + i)});
                }
            }
        }
    }

    /**
     * A key parameter was bound NULL (the database generates it) on a statement whose generated keys were not asked
     * for: the session's {@code LAST_INSERT_ID()} tells the first generated key of a single execution. A batch
     * cannot be resolved so: its rows are left to the backfill, and counted.
     */
    private void lastInsertId() throws SQLException {
        if (executions > 1) {
            keysIncomplete = "a batch bound NULL to a key the database then generated, without asking for keys";
            return;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
            if (rs.next()) {
                addGenerated(rs.getLong(1), generatedRowsPerExecution, engine.autoIncrementStep(connection));
            }
        }
    }

    /**
     * Whether inserting this key value makes the database generate the key: NULL everywhere it is allowed, and 0 in a
     * MariaDB or MySQL AUTO_INCREMENT column (unless NO_AUTO_VALUE_ON_ZERO; knowing a key too many is harmless).
     */
    private boolean generatesKey(Object value) {
        if (plan.kind() != Dialect.WriteKind.INSERT) {
            return false;
        }
        return value == null || (engine.dialect().returnsAutoIncrementOnly() && value instanceof Number n
                && n.doubleValue() == 0);
    }

    /** Synchronises every key found into {@code to}, for each active migration. */
    public void mirror() throws SQLException {
        MirrorRunner runner = new MirrorRunner(engine, connection);
        for (Migration m : active) {
            if (keysIncomplete != null) {
                runner.keysUnknown(m, plan.shape(), strict, keysIncomplete);
            }
            runner.sync(m, backwards ? engine.reverseSync(m) : engine.sync(m), plan.sync(), keys, plan.shape(),
                    strict, plan.kind() == Dialect.WriteKind.INSERT);
        }
    }

    /** How many distinct keys were found (for tests and logs). */
    public int keyCount() {
        return keys.size();
    }

    private static RowSetFactory rowSetFactory() {
        try {
            return RowSetProvider.newFactory();
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
