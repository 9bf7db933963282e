package dev.tandem.jdbc;

import dev.tandem.engine.TandemEngine;
import dev.tandem.execution.KeyHandover;
import dev.tandem.execution.KeysRequest;
import dev.tandem.execution.Routing;
import dev.tandem.jdbc.forward.ConnectionForwarder;
import dev.tandem.plan.StatementPlan;
import dev.tandem.state.PhaseSnapshot;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The application's connection: the real one, with statements wrapped so that writes to migrated tables are
 * mirrored. Everything else is forwarded untouched.
 *
 * <p>Also where a transaction's phases are pinned: the first statement of a transaction takes the current phase
 * snapshot, and every later statement of it sees the same, until commit or rollback.
 */
public final class TandemConnection implements ConnectionForwarder {
    private final Connection vendor;
    private final TandemEngine engine;
    private boolean autoCommit;
    /** The transaction's snapshot, counted in use until {@link #unpin()}; null: none yet (or autocommit mode). */
    private volatile PhaseSnapshot pinned;
    private static final AtomicReferenceFieldUpdater<TandemConnection, PhaseSnapshot> PINNED =
            AtomicReferenceFieldUpdater.newUpdater(TandemConnection.class, PhaseSnapshot.class, "pinned");
    /** The transaction's draw in [0, 100) for reads from the new structure at a percent; negative: none yet. */
    private double pinnedDraw = -1;
    /** Whether Tandem is inside a transaction of its own, begun for an autocommit statement and its mirror. */
    private boolean implicit;

    TandemConnection(Connection vendor, TandemEngine engine) throws SQLException {
        this.vendor = vendor;
        this.engine = engine;
        this.autoCommit = vendor.getAutoCommit();
    }

    @Override
    public Connection delegate() {
        return vendor;
    }

    /** The engine serving this connection. */
    public TandemEngine engine() {
        return engine;
    }

    /**
     * The phases for the statement about to run: the transaction's pinned snapshot, or the current one. The first
     * call of a transaction pins the snapshot and counts it in use (see {@link dev.tandem.state.PhaseSource#acquire()})
     * until the transaction ends. A statement that routes by them in autocommit mode takes them with
     * {@link #usePhases()} instead, so that its use is counted too.
     */
    public PhaseSnapshot phases() {
        if (autoCommit) {
            return engine.phases();
        }
        return pinned();
    }

    /**
     * As {@link #phases()}, counted in use until {@link #donePhases}, which the statement calls (in a finally) once
     * it and its mirror are done: so that the fleet can tell when nothing runs an old phase any more (the drain,
     * see {@code Fleet.awaitDrain}). In a transaction: its pinned snapshot, counted until the transaction ends.
     */
    public PhaseSnapshot usePhases() {
        if (autoCommit) {
            return engine.acquirePhases();
        }
        return pinned();
    }

    /**
     * Ends the use of {@code phases} taken by {@link #usePhases()} in autocommit mode; a transaction's snapshot stays
     * in use until the transaction ends (even when the connection is closed meanwhile: {@link #unpin()} releases it,
     * once).
     */
    public void donePhases(PhaseSnapshot phases) {
        if (phases != null && autoCommit && phases != pinned) {
            phases.release();
        }
    }

    private PhaseSnapshot pinned() {
        PhaseSnapshot p = pinned;
        if (p == null) {
            p = engine.acquirePhases();
            pinned = p;
        }
        return p;
    }

    /**
     * The draw that decides, for a migration in read-new at {@code percent}, whether this statement reads the new
     * structure ({@code draw < percent}): one per transaction, so a transaction never reads both; one per statement
     * in autocommit mode.
     */
    public double readDraw() {
        if (autoCommit) {
            return java.util.concurrent.ThreadLocalRandom.current().nextDouble(100);
        }
        if (pinnedDraw < 0) {
            pinnedDraw = java.util.concurrent.ThreadLocalRandom.current().nextDouble(100);
        }
        return pinnedDraw;
    }

    /** Whether a transaction is open (autocommit off, or Tandem's own around a statement and its mirror). */
    public boolean inTransaction() {
        return !autoCommit || implicit;
    }

    /** A fresh draw in [0, 100) per statement: the read-both shadow sample. */
    public double statementDraw() {
        return java.util.concurrent.ThreadLocalRandom.current().nextDouble(100);
    }

    /**
     * Runs {@code work} so that everything it does commits or fails together: in the application's transaction
     * when there is one, else in a transaction of its own, committed at the end (autocommit mode).
     */
    public <R> R atomically(SqlWork<R> work) throws SQLException {
        if (!autoCommit || implicit) {
            try {
                return work.run();
            } catch (KeepWhatRan partial) {
                throw partial.failure();
            }
        }
        vendor.setAutoCommit(false);
        implicit = true;
        boolean done = false;
        try {
            R result = work.run();
            vendor.commit();
            done = true;
            return result;
        } catch (KeepWhatRan partial) {
            vendor.commit();
            done = true;
            throw partial.failure();
        } finally {
            implicit = false;
            if (done) {
                vendor.setAutoCommit(true);
            } else {
                // a failure is on its way to the application: on a lost connection these fail too ("connection
                // closed"), and must not replace the failure that says why (the server ended the session, say)
                try {
                    vendor.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                try {
                    vendor.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is gone; the original failure says so
                }
            }
        }
    }

    /**
     * As {@link #atomically(SqlWork)}, holding the routing's key lock ({@link Routing#keyLock()}), if it has one, from
     * before the work to its end (not to the commit: see {@link KeyHandover}).
     */
    public <R> R atomically(Routing routing, SqlWork<R> work) throws SQLException {
        String lock = routing.keyLock();
        if (lock == null) {
            return atomically(work);
        }
        return atomically(() -> {
            boolean held = KeyHandover.acquire(vendor, lock);
            try {
                return work.run();
            } finally {
                if (held) {
                    KeyHandover.release(vendor, lock);
                }
            }
        });
    }

    /**
     * Thrown by work done {@link #atomically} when part of it ran and must stay, as it would without Tandem (a batch
     * whose driver goes on after a failed entry): the transaction Tandem opened is committed, then the failure is
     * reported to the application.
     */
    public static final class KeepWhatRan extends RuntimeException {
        private final SQLException failure;

        public KeepWhatRan(SQLException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }

        public SQLException failure() {
            return failure;
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<R> {
        R run() throws SQLException;
    }

    // ---------------------------------------------------------------------------------------------- statements

    @Override
    public Statement createStatement() throws SQLException {
        return new TandemStatement(this, vendor.createStatement());
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return new TandemStatement(this, vendor.createStatement(type, concurrency));
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return new TandemStatement(this, vendor.createStatement(type, concurrency, holdability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, KeysRequest.NONE, () -> vendor.prepareStatement(sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, KeysRequest.of(autoGeneratedKeys), () -> vendor.prepareStatement(sql, autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepare(sql, KeysRequest.columns(columnIndexes), () -> vendor.prepareStatement(sql, columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepare(sql, KeysRequest.columns(columnNames), () -> vendor.prepareStatement(sql, columnNames));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return prepare(sql, KeysRequest.NONE, () -> vendor.prepareStatement(sql, type, concurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepare(sql, KeysRequest.NONE, () -> vendor.prepareStatement(sql, type, concurrency, holdability));
    }

    private PreparedStatement prepare(String sql, KeysRequest application, SqlWork<PreparedStatement> asAsked)
            throws SQLException {
        StatementPlan plan = engine.plan(sql, true, vendor);
        if (plan.kind() == StatementPlan.Kind.UNRELATED) {
            return new TandemPreparedStatement(this, asAsked.run(), sql, plan, application, false);
        }
        KeysRequest request = plan.kind() == StatementPlan.Kind.WRITE
                ? dev.tandem.execution.WriteExecution.keysRequest(plan.write(), application) : application;
        PreparedStatement ps;
        try {
            ps = request == application ? asAsked.run() : request.prepare(vendor, sql);
        } catch (SQLException e) {
            PreparedStatement standIn = standIn(plan, e);
            return new TandemPreparedStatement(this, standIn, sql, plan, application, true);
        }
        return new TandemPreparedStatement(this, ps, sql, plan, application, false);
    }

    /**
     * Some databases (H2) check tables when a statement is prepared: once a migration has moved past its old
     * structure (write-new, contracted: {@code from} may be gone), a statement naming {@code from} is prepared as
     * its translation instead, and always runs translated. Otherwise the failure stands.
     */
    private PreparedStatement standIn(StatementPlan plan, SQLException failure) throws SQLException {
        boolean moved = false;
        for (dev.tandem.rules.Migration m : plan.migrations()) {
            moved |= engine.phases().of(m).phase().compareTo(dev.tandem.rules.Phase.WRITE_NEW) >= 0;
        }
        dev.tandem.sql.ParameterizedSql translated = plan.translatedRead() != null ? plan.translatedRead().sql()
                : plan.writeNew() != null ? plan.writeNew().sql() : null;
        if (!moved || translated == null) {
            throw failure;
        }
        return vendor.prepareStatement(translated.sql());
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return call(sql, vendor.prepareCall(sql));
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        return call(sql, vendor.prepareCall(sql, type, concurrency));
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return call(sql, vendor.prepareCall(sql, type, concurrency, holdability));
    }

    private CallableStatement call(String sql, CallableStatement vendorCall) {
        StatementPlan plan = engine.plan(sql, true, vendor);
        if (plan.kind() == StatementPlan.Kind.WRITE) {
            plan = StatementPlan.unsupported(plan.migrations(), true,
                    "a write prepared with prepareCall: prepare it with prepareStatement to have it mirrored");
        }
        return new TandemCallableStatement(this, vendorCall, plan);
    }

    // ---------------------------------------------------------------------------------------------- transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        vendor.setAutoCommit(autoCommit);
        this.autoCommit = autoCommit;
        if (autoCommit) {
            unpin();
        }
    }

    @Override
    public void commit() throws SQLException {
        try {
            vendor.commit();
        } finally {
            unpin();
        }
    }

    @Override
    public void rollback() throws SQLException {
        try {
            vendor.rollback();
        } finally {
            unpin();
        }
    }

    /**
     * Closes the real connection; a transaction still open ends with it (the database rolls it back), and so does
     * the use of its pinned phases, even when closing fails.
     */
    @Override
    public void close() throws SQLException {
        try {
            vendor.close();
        } finally {
            unpin();
        }
    }

    /**
     * The transaction ended: the next statement takes the phases (and the read draw) in force then, and the pinned
     * snapshot is no longer in use. Safe to call twice (a pool closing the connection from another thread, say).
     */
    void unpin() {
        PhaseSnapshot p = PINNED.getAndSet(this, null);
        pinnedDraw = -1;
        if (p != null) {
            p.release();
        }
    }

    // ---------------------------------------------------------------------------------------------- identity

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return new TandemDatabaseMetaData(this, vendor.getMetaData());
    }


    @Override
    public String toString() {
        return "Tandem[" + vendor + "]";
    }
}
