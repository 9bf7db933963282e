package dev.tandem.jdbc;

import dev.tandem.execution.KeysRequest;
import dev.tandem.execution.Routing;
import dev.tandem.execution.WriteExecution;
import dev.tandem.jdbc.forward.PreparedStatementForwarder;
import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.jdbc.params.RecordingPreparedStatement;
import dev.tandem.plan.StatementPlan;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's {@link PreparedStatement}. Its plan is made once, when it is prepared. A statement naming no
 * migrated table forwards every call to the real one; otherwise the parameters are also recorded (the mirror binds
 * the keys again), and executions are routed by the phase in force. Batches are mirrored at
 * {@code executeBatch}, with the real driver's update counts.
 */
public class TandemPreparedStatement extends TandemStatement implements PreparedStatementForwarder {
    private final PreparedStatement vendor;
    /** The statement setters go to: a recorder in front of the real one when the plan may need the values. */
    private final PreparedStatement target;
    private final RecordingPreparedStatement recorder;
    private final StatementPlan plan;
    private final KeysRequest application;
    private List<BoundParameters> batch;

    TandemPreparedStatement(TandemConnection connection, PreparedStatement vendor, StatementPlan plan,
                            KeysRequest application, KeysRequest prepared) {
        super(connection, vendor);
        this.vendor = vendor;
        this.plan = plan;
        this.application = application;
        if (plan.kind() == StatementPlan.Kind.UNRELATED) {
            this.recorder = null;
            this.target = vendor;
        } else {
            this.recorder = new RecordingPreparedStatement(vendor);
            this.target = recorder;
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
        return wrap(route(vendor::executeQuery, result -> -1L));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return route(vendor::executeUpdate, Integer::longValue);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return route(vendor::executeLargeUpdate, Long::longValue);
    }

    @Override
    public boolean execute() throws SQLException {
        return route(vendor::execute, hasResultSet -> hasResultSet ? -1L : vendor.getUpdateCount());
    }

    /** A no-argument execution of the real statement. */
    @FunctionalInterface
    interface Execution<R> {
        R run() throws SQLException;
    }

    private <R> R route(Execution<R> execution, Count<R> count) throws SQLException {
        generatedKeys = null;
        if (recorder == null) {
            return execution.run();
        }
        Routing routing = Routing.of(plan, connection.phases(), engine());
        switch (routing.action()) {
            case REFUSE:
                throw routing.refusal();
            case AS_SENT:
                return execution.run();
            case MIRROR:
            default:
                BoundParameters parameters = recorder.parameters();
                return connection.atomically(() -> {
                    WriteExecution write = new WriteExecution(engine(), connection.delegate(), plan.write(),
                            routing.active(), routing.strict());
                    write.beforeEach(parameters);
                    R result = execution.run();
                    write.afterEach(parameters);
                    generatedKeys = write.afterAll(vendor, count.of(result), application.any());
                    write.mirror();
                    return result;
                });
        }
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
        return routeBatch(vendor::executeBatch, counts -> sum(counts));
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return routeBatch(vendor::executeLargeBatch, counts -> sum(counts));
    }

    private <R> R routeBatch(Execution<R> execution, Count<R> count) throws SQLException {
        generatedKeys = null;
        List<BoundParameters> entries = batch;
        batch = null;
        if (recorder == null || entries == null) {
            return execution.run();
        }
        Routing routing = Routing.of(plan, connection.phases(), engine());
        switch (routing.action()) {
            case REFUSE:
                vendor.clearBatch();
                throw routing.refusal();
            case AS_SENT:
                return execution.run();
            case MIRROR:
            default:
                return connection.atomically(() -> {
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

    // ------------------------------------------------------------------------------------------- SQL-taking calls

    @Override
    public void addBatch(String sql) throws SQLException {
        vendor.addBatch(sql);
    }

}
