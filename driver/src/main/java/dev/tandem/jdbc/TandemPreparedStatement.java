package dev.tandem.jdbc;

import dev.tandem.execution.KeysRequest;
import dev.tandem.execution.InlineMirrors;
import dev.tandem.execution.Routing;
import dev.tandem.execution.WriteExecution;
import dev.tandem.jdbc.forward.PreparedStatementForwarder;
import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.jdbc.params.RecordingPreparedStatement;
import dev.tandem.plan.NewStructureWrite;
import dev.tandem.plan.StatementPlan;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.state.PhaseSnapshot;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's {@link PreparedStatement}. Its plan is made once, when it is prepared. A statement naming no
 * migrated table forwards every call to the real one; otherwise the parameters are also recorded (the mirror binds
 * keys again; a translation runs on a statement of its own), and executions are routed by the phase in force.
 * Batches are mirrored at {@code executeBatch}, with the real driver's update counts.
 */
public class TandemPreparedStatement extends TandemStatement implements PreparedStatementForwarder {
    private final PreparedStatement vendor;
    /** The statement setters go to: a recorder in front of the real one when the plan may need the values. */
    private final PreparedStatement target;
    private final RecordingPreparedStatement recorder;
    private final StatementPlan plan;
    private final String sql;
    private final KeysRequest application;
    /** The real statements of translated runs (on the new structure), prepared when first needed, by SQL. */
    private final Map<String, PreparedStatement> variants = new HashMap<>(2);
    /** Whether {@link #vendor} is only a stand-in (the application's SQL could not be prepared: it runs translated). */
    private final boolean standIn;
    private List<BoundParameters> batch;

    TandemPreparedStatement(TandemConnection connection, PreparedStatement vendor, String sql, StatementPlan plan,
                            KeysRequest application, boolean standIn) {
        super(connection, vendor);
        this.vendor = vendor;
        this.sql = sql;
        this.plan = plan;
        this.application = application;
        this.standIn = standIn;
        if (plan.kind() == StatementPlan.Kind.UNRELATED) {
            this.recorder = null;
            this.target = vendor;
        } else {
            this.recorder = new RecordingPreparedStatement(vendor, !standIn);
            this.target = recorder;
        }
    }

    /** A stand-in cannot run the application's own SQL: only translated runs (see {@link TandemConnection}). */
    private void requireOwnSql() throws SQLException {
        if (standIn) {
            throw new SQLException("Tandem: this statement was prepared while " + plan.migrations().get(0).from().sql()
                    + " was gone, and can only run on the new structure; prepare it again",
                    Routing.REFUSED_SQLSTATE);
        }
    }

    @Override
    public PreparedStatement delegate() {
        return target;
    }

    /** The plan made when this statement was prepared. */
    public StatementPlan plan() {
        return plan;
    }

    // ------------------------------------------------------------------------------------------- executions

    @Override
    public ResultSet executeQuery() throws SQLException {
        return wrap(route(vendor::executeQuery, PreparedStatement::executeQuery, result -> -1L, true));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return route(vendor::executeUpdate, PreparedStatement::executeUpdate, Integer::longValue, false);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return route(vendor::executeLargeUpdate, PreparedStatement::executeLargeUpdate, Long::longValue, false);
    }

    @Override
    public boolean execute() throws SQLException {
        return route(vendor::execute, PreparedStatement::execute,
                hasResultSet -> hasResultSet ? -1L : current().getUpdateCount(), false);
    }

    /** A no-argument execution of the real statement. */
    @FunctionalInterface
    interface Execution<R> {
        R run() throws SQLException;
    }

    /** The same execution on another real statement (a translation's). */
    @FunctionalInterface
    interface VariantExecution<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    private <R> R route(Execution<R> execution, VariantExecution<R> onVariant, Count<R> count, boolean query)
            throws SQLException {
        generatedKeys = null;
        current = null;
        if (recorder == null) {
            return execution.run();
        }
        PhaseSnapshot phases = connection.usePhases();
        try {
            return route(execution, onVariant, count, query, phases);
        } finally {
            connection.donePhases(phases);
        }
    }

    /** {@link #route(Execution, VariantExecution, Count, boolean)} with the phases it counts in use meanwhile. */
    private <R> R route(Execution<R> execution, VariantExecution<R> onVariant, Count<R> count, boolean query,
                        PhaseSnapshot phases) throws SQLException {
        Routing routing = Routing.of(plan, phases, connection.readDraw(), connection.statementDraw(), engine());
        BoundParameters parameters = recorder.parameters();
        switch (routing.action()) {
            case REFUSE:
                throw routing.refusal();
            case READ_NEW: {
                // (a stand-in runs here: the translation)
                PreparedStatement translated = variant(plan.translatedRead().sql(), KeysRequest.NONE);
                parameters.bindTo(translated, plan.translatedRead().sql().parameters());
                current = translated;
                return onVariant.run(translated);
            }
            case SHADOW:
                requireOwnSql();
                if (query) {
                    @SuppressWarnings("unchecked")
                    R shadowed = (R) Shadow.run(this, plan, routing, vendor::executeQuery,
                            text -> connection.delegate().prepareStatement(text), parameters, sql);
                    return shadowed;
                }
                Shadow.compare(this, plan, routing, vendor::executeQuery,
                        text -> connection.delegate().prepareStatement(text), parameters, sql);
                return execution.run();
            case WRITE_NEW: {
                NewStructureWrite write = plan.writeNew();
                KeysRequest request = WriteExecution.keysRequest(write.reverse(), application);
                PreparedStatement translated = variant(write.sql(), request);
                parameters.bindTo(translated, write.sql().parameters());
                current = translated;
                return connection.atomically(routing, () -> {
                    WriteExecution reverse = WriteExecution.onNewStructure(engine(), connection.delegate(), write);
                    reverse.beforeEach(parameters);
                    R result = onVariant.run(translated);
                    reverse.afterEach(parameters);
                    generatedKeys = reverse.afterAll(translated, count.of(result), application.any());
                    if (routing.keepOldFresh()) {
                        reverse.mirror();
                    }
                    return result;
                });
            }
            case MIRROR:
                if (InlineMirrors.usable(routing, engine().dialect().failedStatementAbortsTransaction(),
                        connection.inTransaction(), false)) {
                    // one statement writes the row and its new columns: atomic by itself, nothing to sync
                    PreparedStatement inline = variant(routing.inlineMirror(), application);
                    parameters.bindTo(inline, routing.inlineMirror().parameters());
                    current = inline;
                    Optional<R> done = runInline(routing, () -> onVariant.run(inline), count);
                    if (done.isPresent()) {
                        return done.get();
                    }
                    current = null; // best effort: the write as sent, then its sync
                }
                requireOwnSql();
                return connection.atomically(routing, () -> {
                    WriteExecution write = new WriteExecution(engine(), connection.delegate(), plan.write(),
                            routing.active(), routing.strict());
                    write.beforeEach(parameters);
                    R result = execution.run();
                    write.afterEach(parameters);
                    generatedKeys = write.afterAll(vendor, count.of(result), application.any());
                    write.mirror();
                    return result;
                });
            case AS_SENT:
            default:
                requireOwnSql();
                return execution.run();
        }
    }

    /**
     * The real statement for a translation, prepared on first use and kept for this statement's life; it takes the
     * application's settings (max rows, fetch size, query timeout) from the statement the application holds.
     */
    private PreparedStatement variant(ParameterizedSql translated, KeysRequest request) throws SQLException {
        String key = request + "|" + translated.sql();
        PreparedStatement ps = variants.get(key);
        if (ps == null) {
            ps = request.prepare(connection.delegate(), translated.sql());
            variants.put(key, ps);
        }
        int maxRows = vendor.getMaxRows();
        if (ps.getMaxRows() != maxRows) {
            ps.setMaxRows(maxRows);
        }
        // Only when it differs: on H2, setQueryTimeout runs SET QUERY_TIMEOUT, which also empties the session's
        // statement cache, so every later prepare parsed again (bench/: about 4 µs more per execution, and read-new
        // reads cost several times a plain read).
        int timeout = vendor.getQueryTimeout();
        if (ps.getQueryTimeout() != timeout) {
            ps.setQueryTimeout(timeout);
        }
        int fetchSize = vendor.getFetchSize();
        if (fetchSize > 0 && ps.getFetchSize() != fetchSize) {
            try {
                ps.setFetchSize(fetchSize);
            } catch (SQLException refused) {
                // only a hint, which H2 refuses above the max rows: the read runs without it rather than fail
            }
        }
        return ps;
    }

    // ------------------------------------------------------------------------------------------- batches

    @Override
    public void addBatch() throws SQLException {
        vendor.addBatch();
        if (recorder != null) {
            if (batch == null) {
                batch = new ArrayList<>();
            }
            batch.add(recorder.parameters().copy());
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        vendor.clearBatch();
        batch = null;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return routeBatch(vendor::executeBatch, PreparedStatement::executeBatch, counts -> sum(counts));
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return routeBatch(vendor::executeLargeBatch, PreparedStatement::executeLargeBatch, counts -> sum(counts));
    }

    private <R> R routeBatch(Execution<R> execution, VariantExecution<R> onVariant, Count<R> count)
            throws SQLException {
        generatedKeys = null;
        current = null;
        List<BoundParameters> entries = batch;
        batch = null;
        if (recorder == null || entries == null) {
            return execution.run();
        }
        PhaseSnapshot phases = connection.usePhases();
        try {
            return routeBatch(execution, onVariant, count, entries, phases);
        } finally {
            connection.donePhases(phases);
        }
    }

    /** {@link #routeBatch(Execution, VariantExecution, Count)} with the phases it counts in use meanwhile. */
    private <R> R routeBatch(Execution<R> execution, VariantExecution<R> onVariant, Count<R> count,
                             List<BoundParameters> entries, PhaseSnapshot phases) throws SQLException {
        Routing routing = Routing.of(plan, phases, connection.readDraw(), connection.statementDraw(), engine());
        switch (routing.action()) {
            case REFUSE:
                vendor.clearBatch();
                throw routing.refusal();
            case WRITE_NEW: {
                vendor.clearBatch();
                NewStructureWrite write = plan.writeNew();
                PreparedStatement translated = variant(write.sql(),
                        WriteExecution.keysRequest(write.reverse(), application));
                for (BoundParameters entry : entries) {
                    entry.bindTo(translated, write.sql().parameters());
                    translated.addBatch();
                }
                current = translated;
                return connection.atomically(routing, () -> {
                    WriteExecution reverse = WriteExecution.onNewStructure(engine(), connection.delegate(), write);
                    for (BoundParameters entry : entries) {
                        reverse.beforeEach(entry);
                    }
                    R counts = onVariant.run(translated);
                    for (BoundParameters entry : entries) {
                        reverse.afterEach(entry);
                    }
                    generatedKeys = reverse.afterAll(translated, count.of(counts), application.any());
                    if (routing.keepOldFresh()) {
                        reverse.mirror();
                    }
                    return counts;
                });
            }
            case MIRROR:
                if (InlineMirrors.usable(routing, engine().dialect().failedStatementAbortsTransaction(),
                        connection.inTransaction(), true)) {
                    vendor.clearBatch();
                    PreparedStatement inline = variant(routing.inlineMirror(), application);
                    for (BoundParameters entry : entries) {
                        entry.bindTo(inline, routing.inlineMirror().parameters());
                        inline.addBatch();
                    }
                    current = inline;
                    R counts = onVariant.run(inline);
                    mirroredInline(routing, count.of(counts));
                    return counts;
                }
                requireOwnSql();
                return connection.atomically(routing, () -> {
                    WriteExecution write = new WriteExecution(engine(), connection.delegate(), plan.write(),
                            routing.active(), routing.strict());
                    for (BoundParameters entry : entries) {
                        write.beforeEach(entry);
                    }
                    R counts;
                    try {
                        counts = execution.run();
                    } catch (BatchUpdateException e) {
                        if (engine().dialect().failedStatementAbortsTransaction()) {
                            throw e;
                        }
                        mirrorWhatRan(write, entries, e);
                        throw new TandemConnection.KeepWhatRan(e);
                    }
                    for (BoundParameters entry : entries) {
                        write.afterEach(entry);
                    }
                    generatedKeys = write.afterAll(vendor, count.of(counts), application.any());
                    write.mirror();
                    return counts;
                });
            default:
                requireOwnSql();
                return execution.run();
        }
    }

    /**
     * Some drivers (H2; MariaDB outside its bulk mode) go on after a failed batch entry, and the entries that ran
     * stay, even in autocommit mode: those are mirrored before the failure is reported (and the caller keeps them).
     */
    private static void mirrorWhatRan(WriteExecution write, List<BoundParameters> entries, BatchUpdateException e) {
        long[] counts = e.getLargeUpdateCounts();
        try {
            boolean ran = false;
            for (int i = 0; i < entries.size() && counts != null && i < counts.length; i++) {
                if (counts[i] != Statement.EXECUTE_FAILED) {
                    write.afterEach(entries.get(i));
                    ran = true;
                }
            }
            if (ran) {
                write.mirror();
            }
        } catch (SQLException mirrorFailure) {
            e.addSuppressed(mirrorFailure);
        }
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += Math.max(0, c);
        }
        return total;
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += Math.max(0, c);
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------- lifecycle

    @Override
    public void addBatch(String sql) throws SQLException {
        vendor.addBatch(sql);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement ps : variants.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        variants.clear();
        vendor.close();
        if (failure != null) {
            throw failure;
        }
    }
}
