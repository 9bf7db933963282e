package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.jdbc.params.ParameterValue;
import dev.tandem.plan.KeyCapture;
import dev.tandem.plan.KeySlot;
import dev.tandem.plan.ReturnedKeys;
import dev.tandem.plan.WritePlan;
import dev.tandem.rules.Migration;
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
    private final KeySet keys = new KeySet();
    private int generatedRowsPerExecution;
    private boolean allRowsGenerated;
    /** Why the keys of some rows could not be learned; null when all were. */
    private String keysIncomplete;
    private int executions;
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
        this.engine = engine;
        this.connection = connection;
        this.plan = plan;
        this.active = active;
        this.strict = strict;
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
                            tuple[i] = KeyPart.value(rs.getObject(i + 1));
                        }
                        keys.add(tuple);
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
        int generated = 0;
        for (List<KeySlot> row : capture.rows()) {
            KeyPart[] tuple = new KeyPart[row.size()];
            boolean complete = true;
            for (int i = 0; i < row.size(); i++) {
                KeySlot slot = row.get(i);
                if (slot instanceof KeySlot.Fixed fixed) {
                    if (fixed.isSingleParameter() && parameters != null) {
                        ParameterValue value = parameters.get(fixed.fragment().parameter(0));
                        if (value == null || value.isNull()) {
                            complete = false;
                            continue;
                        }
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
            } else {
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
     * After all executions: the keys the driver returned. Returns the generated keys for the application when it
     * asked for them (a complete, independent copy: the driver's own result set is read once, here), else null.
     *
     * @param statement   the real statement that ran
     * @param updateCount how many rows it touched in all (for an INSERT ... SELECT whose keys are all generated)
     * @param appWantsKeys whether the application asked for generated keys
     */
    public ResultSet afterAll(Statement statement, long updateCount, boolean appWantsKeys) throws SQLException {
        ReturnedKeys returned = plan.keys().returned();
        if (nullKeyWithoutGeneratedKeys) {
            lastInsertId();
        }
        if (returned == ReturnedKeys.NONE && !appWantsKeys) {
            return null;
        }
        ResultSet driverKeys = statement.getGeneratedKeys();
        if (driverKeys == null) {
            return null;
        }
        ResultSet source = driverKeys;
        CachedRowSet copy = null;
        if (appWantsKeys) {
            copy = ROW_SETS.createCachedRowSet();
            copy.populate(driverKeys);
            driverKeys.close();
            source = copy;
        }
        try {
            if (returned == ReturnedKeys.NAMED_COLUMNS) {
                readNamed(source);
            } else if (returned == ReturnedKeys.AUTO_INCREMENT) {
                readAutoIncrement(source, updateCount);
            }
        } finally {
            if (copy != null) {
                copy.beforeFirst();
            } else {
                driverKeys.close();
            }
        }
        return copy;
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
                keysIncomplete = "the generated keys the application asked for do not include the key columns";
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

    /** Synchronises every key found into {@code to}, for each active migration. */
    public void mirror() throws SQLException {
        MirrorRunner runner = new MirrorRunner(engine, connection);
        for (Migration m : active) {
            if (keysIncomplete != null) {
                runner.keysUnknown(m, plan.shape(), strict, keysIncomplete);
            }
            runner.sync(m, plan.sync(), keys, plan.shape(), strict);
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
