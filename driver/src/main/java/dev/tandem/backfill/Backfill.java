package dev.tandem.backfill;

import dev.tandem.engine.MirrorSql;
import dev.tandem.execution.KeySync;
import dev.tandem.mirror.SyncStatements;
import dev.tandem.plan.SyncMode;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import dev.tandem.sql.Dialect;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.Json;
import dev.tandem.state.StateStore;
import dev.tandem.translate.WriteTranslator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backfill: makes {@code to} equal {@code up(from)} for every row that existed when it started (or, reversed,
 * {@code from} equal {@code down(to)}), in keyset batches, beside the application's live writes. The CLI's
 * {@code tandem backfill} is a thin shell over it.
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection(realUrl, user, password)) {
 *     BackfillResult r = Backfill.of(c, migration, BackfillOptions.defaults().maxRate(20_000))
 *             .listener(p -> log.info(p.rowsDone() + " rows"))
 *             .run();
 * }
 * }</pre>
 *
 * <p>Each batch is one short transaction: it reads the next keys of the source in key order, up to the high-water
 * mark taken when the run started, with a shared lock on those rows; syncs exactly those keys with the mirror's own
 * statements ({@link SyncStatements}: {@code to} derived from {@code from} as it is now, idempotent); deletes target
 * rows in the batch's key range whose source row is gone; and moves the checkpoint in {@code tandem_backfill}. The
 * lock makes it race-free: an application write to one of those rows either committed before the lock (and the batch
 * reads it) or waits for the batch to commit and then mirrors itself, after it. Rows past the high-water mark are the
 * mirror's job. See src/docs/backfill.md.
 *
 * <p>On MariaDB the batches run under {@code READ COMMITTED}: the sync statement is an {@code INSERT ... SELECT},
 * which under {@code REPEATABLE READ} share-locks the rows it reads (and the record past them) while holding the
 * table's AUTO-INC lock; when one of those rows was the application's, the application's own mirror then waited for
 * the AUTO-INC lock, and InnoDB rolled back the application's transaction as a deadlock victim. Under
 * {@code READ COMMITTED} the SELECT is a consistent read, which is exact here because the batch locked its rows
 * first.
 */
public final class Backfill {
    /** Time and sleeping, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        void sleep(Duration d) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                if (!d.isNegative() && !d.isZero()) {
                    Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
                }
            }
        };
    }

    /** MariaDB's and MySQL's deadlock (1213) and lock wait timeout (1205). */
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    /** PostgreSQL's {@code NOWAIT} failure (MariaDB's is 1205, H2's HYT00). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** How long a batch keeps retrying while the rows it must lock are held by others, before it fails. */
    static final Duration BUSY_LIMIT = Duration.ofSeconds(60);

    private final Connection connection;
    private final Dialect dialect;
    private final Migration migration;
    private final BackfillOptions options;
    private final CheckpointStore checkpoints;
    private Consumer<BackfillProgress> listener = p -> { };
    private ReplicaLag replicaLag;
    private Clock clock = Clock.SYSTEM;
    private TandemMetrics metrics = TandemMetrics.create();
    /** The rate of the running backfill (rows/s), for the gauge {@code tandem.backfill.rate}; set by report. */
    private dev.tandem.metrics.Level rate;

    private Backfill(Connection connection, Dialect dialect, Migration migration, BackfillOptions options) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = dialect;
        this.migration = Objects.requireNonNull(migration, "migration");
        this.options = Objects.requireNonNull(options, "options");
        this.checkpoints = new CheckpointStore(dialect);
        this.replicaLag = ReplicaLag.of(dialect);
    }

    /**
     * A backfill of {@code migration} on {@code connection} (a plain connection to the real database, not a Tandem
     * one: the backfill writes both structures itself). The connection is used by this backfill alone while it runs.
     */
    public static Backfill of(Connection connection, Migration migration, BackfillOptions options)
            throws SQLException {
        Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
        if (!ControlSchema.supports(dialect)) {
            throw new SQLException("the backfill runs on H2, PostgreSQL, MariaDB and MySQL, not on "
                    + dialect.displayName());
        }
        return new Backfill(connection, dialect, migration, options);
    }

    /** Called after every batch and while waiting (on the backfill's thread). */
    public Backfill listener(Consumer<BackfillProgress> listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /** Where replica lag comes from (default: {@code pg_stat_replication} on PostgreSQL, none elsewhere). */
    public Backfill replicaLag(ReplicaLag replicaLag) {
        this.replicaLag = Objects.requireNonNull(replicaLag);
        return this;
    }

    /**
     * Where the meters go: {@code tandem.backfill.rows{migration,direction}} (rows synced) and
     * {@code tandem.backfill.rate{migration,direction}} (rows/s of the running backfill). Default: Micrometer's
     * registry when Micrometer is present (see {@link TandemMetrics#create()}).
     */
    public Backfill metrics(TandemMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics);
        return this;
    }

    public Backfill clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /**
     * Sets or clears the pause flag of a migration's backfill (in one direction); a running backfill finishes its batch
     * and waits until it is cleared.
     *
     * @return false when no backfill of it was ever started (there is no checkpoint to pause)
     */
    public static boolean setPaused(Connection c, String migration, boolean reverse, boolean paused)
            throws SQLException {
        Dialect dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
        return new CheckpointStore(dialect).setPaused(c, migration, Checkpoint.direction(reverse), paused);
    }

    // ------------------------------------------------------------------------------------------------ run

    /**
     * Runs the backfill to its end: resumes an unfinished run of the same direction from its checkpoint (unless
     * {@link BackfillOptions#restart()}), else starts over (running it again changes nothing).
     *
     * @throws BackfillRefusedException when it cannot start (nothing written)
     * @throws SQLException             when a batch failed for good (its checkpoint is intact: run again to resume)
     * @throws InterruptedException     when the thread was interrupted (the checkpoint is intact)
     */
    public BackfillResult run() throws BackfillRefusedException, SQLException, InterruptedException {
        String direction = options.direction();
        String id = migration.id();
        StateStore store = new StateStore(dialect);
        if (!store.exists(connection, ControlSchema.BACKFILL)) {
            throw new BackfillRefusedException("the control tables do not exist: run 'tandem init' first", false);
        }
        checkPhase();
        Migration effective;
        SyncStatements sql;
        try {
            effective = options.reverse() ? WriteTranslator.reverse(migration) : migration;
            sql = MirrorSql.of(migration, options.reverse(), dialect, connection);
        } catch (RuntimeException e) {
            throw new BackfillRefusedException("migration '" + id + "' cannot be backfilled"
                    + (options.reverse() ? " in reverse" : "") + ": " + e.getMessage(), false);
        }
        String lockName = lockName(id, direction);
        if (!tryLock(lockName)) {
            throw new BackfillRefusedException("another backfill of '" + id + "' (" + direction + ") is running",
                    false);
        }
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        try {
            connection.setAutoCommit(false);
            if (dialect == Dialect.MARIADB && isolation != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            return runLocked(store, effective, sql, direction);
        } finally {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                }
                if (connection.getTransactionIsolation() != isolation) {
                    connection.setTransactionIsolation(isolation);
                }
                unlock(lockName);
            } catch (SQLException ignored) {
                // the connection may be broken: the lock goes with it
            }
        }
    }

    /**
     * Whether the migration went to {@code off} since the unfinished run began: rows behind its checkpoint may then
     * have changed with no mirror, and resuming would skip them, so the run starts over. (A reverse run needs no such
     * care: its range is write-new, and below it {@code from} is written directly.)
     */
    private boolean offSince(StateStore store, Checkpoint unfinished) throws SQLException {
        if (options.reverse() || unfinished.startedAt() == null || !store.exists(connection, ControlSchema.HISTORY)) {
            return false;
        }
        Optional<dev.tandem.state.HistoryEntry> off = store.lastEntered(connection, migration.id(), Phase.OFF);
        return off.isPresent() && off.get().occurredAt() != null
                && !off.get().occurredAt().isBefore(unfinished.startedAt());
    }

    private BackfillResult runLocked(StateStore store, Migration effective, SyncStatements sql, String direction)
            throws SQLException, InterruptedException {
        String id = migration.id();
        KeysetSql keyset = new KeysetSql(dialect, effective);
        KeySync sync = new KeySync(connection, dialect);
        long started = clock.nanoTime();

        Optional<Checkpoint> previous = checkpoints.read(connection, id, direction);
        boolean resumed = previous.isPresent() && previous.get().resumable() && !options.restart()
                && !offSince(store, previous.get());
        Object[] after;
        Object[] highWater;
        long rowsDone;
        long rowsTotal;
        if (resumed) {
            Checkpoint cp = previous.get();
            after = KeyCodec.decode(cp.lastKey());
            highWater = KeyCodec.decode(cp.highWater());
            rowsDone = cp.rowsDone();
            rowsTotal = cp.rowsTotal() == null ? 0 : cp.rowsTotal();
            checkpoints.state(connection, id, direction, Checkpoint.RUNNING);
        } else {
            after = null;
            highWater = keyset.highWater(connection);
            rowsDone = 0;
            rowsTotal = highWater == null ? 0 : keyset.count(connection, highWater);
            checkpoints.start(connection, id, direction, highWater == null ? null : KeyCodec.encode(highWater),
                    rowsTotal);
        }
        connection.commit();

        Throttle throttle = new Throttle(options.batchSize(), options.maxRate(), options.latencyBudget(),
                options.maxReplicaLag(), options.pollInterval());
        Counters n = new Counters(started, rowsDone, rowsTotal);
        dev.tandem.metrics.Counter rowsMeter = metrics.counter("tandem.backfill.rows", "Rows the backfill synced",
                "migration", migration.id(), "direction", direction);
        rate = metrics.level("tandem.backfill.rate", "Rows per second of the running backfill",
                "migration", migration.id(), "direction", direction);
        try {
            while (highWater != null) {
                waitWhilePausedOrLagging(throttle, n, direction);
                stopIfThePhaseMoved(store);
                int[] limit = {throttle.batchSize()};
                long t0 = clock.nanoTime();
                Object[] from = after;
                Batch batch = withRetries(n, () -> batch(keyset, sync, sql, from, highWater, limit[0], direction),
                        () -> limit[0] = Math.max(1, limit[0] / 2));
                Duration latency = Duration.ofNanos(clock.nanoTime() - t0);
                n.batches++;
                n.rowsDone += batch.rows;
                n.rowsThisRun += batch.rows;
                rowsMeter.increment(batch.rows);
                n.orphans += batch.orphans;
                after = batch.upper;
                if (batch.last) {
                    break;
                }
                Throttle.Decision d = throttle.afterBatch(batch.rows, latency);
                report(n, direction, d.pause().isZero() ? Checkpoint.RUNNING : "throttled", throttle.batchSize(),
                        d.reason());
                clock.sleep(d.pause());
            }
            checkpoints.state(connection, id, direction, Checkpoint.DONE);
            Duration elapsed = Duration.ofNanos(clock.nanoTime() - started);
            BackfillResult result = new BackfillResult(id, direction, resumed, n.rowsDone, n.rowsThisRun, n.orphans,
                    n.batches, n.retries, elapsed);
            record(store, HistoryEntry.OK, result, null);
            connection.commit();
            report(n, direction, Checkpoint.DONE, throttle.batchSize(), null);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                checkpoints.state(connection, id, direction,
                        e instanceof BackfillStoppedException ? Checkpoint.STOPPED : Checkpoint.FAILED);
                record(store, "failed", new BackfillResult(id, direction, resumed, n.rowsDone, n.rowsThisRun,
                        n.orphans, n.batches, n.retries, Duration.ofNanos(clock.nanoTime() - started)),
                        e.getClass().getSimpleName() + (e instanceof SQLException s ? " " + s.getSQLState() : ""));
                connection.commit();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            rate.set(0); // done, failed or interrupted: not running
        }
    }

    /** One batch, in its own transaction (committed here). */
    private Batch batch(KeysetSql keyset, KeySync sync, SyncStatements sql, Object[] after, Object[] highWater,
                        int limit, String direction) throws SQLException {
        List<Object[]> keys = keyset.lockNextKeys(connection, after, highWater, limit);
        boolean last = keys.size() < limit;
        Object[] upper = last ? highWater : keys.get(keys.size() - 1);
        if (!keys.isEmpty()) {
            sync.syncValues(sql, SyncMode.UPSERT, keys);
        }
        long orphans = 0;
        if (sql.deletes()) {
            List<Object[]> gone = keyset.orphans(connection, after, upper);
            for (int i = 0; i < gone.size(); i += SyncStatements.MAX_KEYS_PER_STATEMENT) {
                List<Object[]> chunk = gone.subList(i, Math.min(gone.size(), i + SyncStatements.MAX_KEYS_PER_STATEMENT));
                // lock the target rows first, then delete in a statement of its own: it sees every write that
                // committed before the lock (PostgreSQL re-checks a blocked DELETE's subquery with its old snapshot)
                keyset.lockTargetRows(connection, chunk);
                sync.syncValues(sql, SyncMode.DELETE, chunk);
            }
            orphans = gone.size();
        }
        checkpoints.advance(connection, migration.id(), direction, KeyCodec.encode(upper), keys.size());
        connection.commit();
        return new Batch(keys.size(), orphans, upper, last);
    }

    private record Batch(int rows, long orphans, Object[] upper, boolean last) {
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a batch until it commits. A deadlock or serialization failure is retried with back-off, at most
     * {@code maxRetries} times. A row found locked by the batch's {@code NOWAIT} read (an application transaction
     * holds it) is retried with a smaller batch ({@code onBusy}) and a short pause, for as long as
     * {@link #BUSY_LIMIT}: the backfill waits for the application as a lock wait would, but holding nothing.
     */
    private <T> T withRetries(Counters n, Work<T> work, Runnable onBusy) throws SQLException, InterruptedException {
        long busySince = -1;
        for (int attempt = 0, busy = 0; ; ) {
            try {
                return work.run();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    throw e;
                }
                if (busy(e)) {
                    long now = clock.nanoTime();
                    busySince = busySince < 0 ? now : busySince;
                    if (now - busySince > BUSY_LIMIT.toNanos()) {
                        throw e;
                    }
                    n.retries++;
                    onBusy.run();
                    clock.sleep(Duration.ofMillis(Math.min(200, 5L << Math.min(busy++, 6))));
                    continue;
                }
                if (!retryable(e) || attempt >= options.maxRetries()) {
                    throw e;
                }
                attempt++;
                n.retries++;
                clock.sleep(Duration.ofMillis(Math.min(2000, 20L << Math.min(attempt - 1, 10))));
            }
        }
    }

    /** A row the {@code NOWAIT} read found locked: PostgreSQL 55P03, MariaDB 1205, H2 HYT00. */
    static boolean busy(SQLException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s && (LOCK_NOT_AVAILABLE.equals(s.getSQLState())
                    || "HYT00".equals(s.getSQLState()) || s.getErrorCode() == LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deadlock or serialization failure (SQLState class 40, MariaDB 1213/1205, H2's lock timeout), or a row the
     * batch's {@code NOWAIT} read found locked (PostgreSQL 55P03).
     */
    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ((state != null && (state.startsWith("40") || state.equals("HYT00")
                        || state.equals(LOCK_NOT_AVAILABLE)))
                        || s.getErrorCode() == DEADLOCK || s.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void waitWhilePausedOrLagging(Throttle throttle, Counters n, String direction)
            throws SQLException, InterruptedException {
        boolean wasPaused = false;
        while (true) {
            boolean paused = checkpoints.paused(connection, migration.id(), direction);
            if (paused) {
                if (!wasPaused) {
                    checkpoints.state(connection, migration.id(), direction, Checkpoint.PAUSED);
                    wasPaused = true;
                }
                connection.commit();
                report(n, direction, Checkpoint.PAUSED, throttle.batchSize(), "paused by an operator");
                clock.sleep(options.pollInterval());
                continue;
            }
            if (wasPaused) {
                checkpoints.state(connection, migration.id(), direction, Checkpoint.RUNNING);
            }
            Throttle.Decision d = throttle.beforeBatch(replicaLag.worst(connection));
            connection.commit();
            if (d.pause().isZero()) {
                return;
            }
            report(n, direction, "throttled", throttle.batchSize(), d.reason());
            clock.sleep(d.pause());
        }
    }

    private final class Counters {
        final long started;
        final long rowsTotal;
        long rowsDone;
        long rowsThisRun;
        long orphans;
        long batches;
        long retries;

        Counters(long started, long rowsDone, long rowsTotal) {
            this.started = started;
            this.rowsDone = rowsDone;
            this.rowsTotal = rowsTotal;
        }
    }

    private void report(Counters n, String direction, String state, int batchSize, String note) {
        Duration elapsed = Duration.ofNanos(Math.max(0, clock.nanoTime() - n.started));
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds <= 0 ? 0 : n.rowsThisRun / seconds;
        if (this.rate != null) {
            this.rate.set(Checkpoint.DONE.equals(state) ? 0 : rate);
        }
        Duration eta = null;
        if (Checkpoint.DONE.equals(state)) {
            eta = Duration.ZERO;
        } else if (rate > 0 && n.rowsTotal > 0) {
            eta = Duration.ofMillis((long) (Math.max(0, n.rowsTotal - n.rowsDone) / rate * 1000));
        }
        listener.accept(new BackfillProgress(migration.id(), direction, state, n.rowsDone, n.rowsTotal,
                n.rowsThisRun, n.orphans, n.batches, batchSize, elapsed, rate, eta, note));
    }

    private void record(StateStore store, String outcome, BackfillResult r, String reason) throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("direction", r.direction());
        details.put("resumed", r.resumed());
        details.put("rowsDone", r.rowsDone());
        details.put("rowsThisRun", r.rowsThisRun());
        details.put("orphansDeleted", r.orphansDeleted());
        details.put("batches", r.batches());
        details.put("retries", r.retries());
        details.put("seconds", Math.round(r.elapsed().toMillis() / 100.0) / 10.0);
        details.put("rowsPerSecond", Math.round(r.rowsPerSecond()));
        store.recordEvent(connection, migration.id(), HistoryEntry.BACKFILL, null, null, null, outcome,
                options.actor() == null ? Fleet.defaultActor() : options.actor(), reason, Json.write(details));
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Forward needs a phase that mirrors writes (write-both to read-new); reverse needs write-new. */
    private void checkPhase() throws BackfillRefusedException, SQLException {
        if (options.force()) {
            return;
        }
        Fleet fleet;
        try {
            fleet = new Fleet(connection, dialect, RuleSet.of(List.of(migration)));
        } catch (RulesException e) {
            throw new BackfillRefusedException(e.getMessage(), false);
        }
        Fleet.Standing standing = fleet.standing(migration.id());
        String wanted = options.reverse() ? "write-new" : "write-both, read-both or read-new";
        if (!fits(standing.phase())) {
            throw new BackfillRefusedException("migration '" + migration.id() + "' is at phase " + standing.phaseText()
                    + ": a " + (options.reverse() ? "reverse " : "") + "backfill needs " + wanted
                    + ", when the driver mirrors every write (otherwise writes after the backfill are not carried over)",
                    true);
        }
        Fleet.Convergence c = fleet.convergence(migration.id(), standing.phase(), standing.percent());
        List<String> behind = new ArrayList<>();
        for (InstanceReport i : c.lagging()) {
            InstanceReport.Reported r = i.phases().get(migration.id());
            Phase p;
            try {
                p = r == null ? null : Phase.parse(r.phase());
            } catch (IllegalArgumentException e) {
                p = null;
            }
            if (!fits(p)) {
                behind.add(i.describe() + " reports " + (r == null ? "nothing" : r.phase()));
            }
        }
        if (!behind.isEmpty()) {
            throw new BackfillRefusedException(behind.size() + " live instance(s) do not apply " + standing.phaseText()
                    + " yet, so their writes are not mirrored: " + String.join("; ", behind), true);
        }
    }

    /**
     * Before each batch: the operator may have flipped the migration out of the backfill's phases while it ran (into
     * or out of write-new, where the application's writes lock the two structures in the other order and a running
     * backfill deadlocks them). The run stops there; its checkpoint is marked stopped, so the next run starts over
     * (while the phase was elsewhere, off say, writes may have gone unmirrored behind the checkpoint).
     */
    private void stopIfThePhaseMoved(StateStore store) throws SQLException {
        if (options.force()) {
            return;
        }
        Optional<dev.tandem.state.StoredState> row = store.readState(connection, migration.id());
        connection.commit();
        if (row.isPresent() && !fits(row.get().phase())) {
            throw new BackfillStoppedException("migration '" + migration.id() + "' moved to phase "
                    + row.get().phaseText() + " while the " + (options.reverse() ? "reverse " : "")
                    + "backfill ran, which needs " + (options.reverse() ? "write-new" : "write-both, read-both or"
                    + " read-new") + ": stopped before its next batch; run it again once the phase fits (it starts"
                    + " over: writes made meanwhile may not have been mirrored)");
        }
    }

    private boolean fits(Phase p) {
        if (p == null) {
            return false;
        }
        return options.reverse() ? p == Phase.WRITE_NEW : p.mirrorsWrites();
    }

    // ------------------------------------------------------------------------------------------------ one at a time

    private static String lockName(String migration, String direction) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((migration + "\u0000" + direction).getBytes(StandardCharsets.UTF_8));
            return "tandem_backfill_" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A session lock (PostgreSQL advisory lock, MariaDB {@code GET_LOCK}) so that two backfills of the same migration
     * and direction never run at once; it goes with the session when the process dies. None on H2 (embedded).
     */
    private boolean tryLock(String name) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT pg_try_advisory_lock(?)";
            case MARIADB, MYSQL -> "SELECT GET_LOCK(?, 0)";
            default -> null;
        };
        if (sql == null) {
            return true;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindLock(ps, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void unlock(String name) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT pg_advisory_unlock(?)";
            case MARIADB, MYSQL -> "SELECT RELEASE_LOCK(?)";
            default -> null;
        };
        if (sql == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindLock(ps, name);
            ps.executeQuery().close();
        }
    }

    private void bindLock(PreparedStatement ps, String name) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            ps.setLong(1, Long.parseUnsignedLong(name.substring(name.length() - 15), 16));
        } else {
            ps.setString(1, name);
        }
    }
}
