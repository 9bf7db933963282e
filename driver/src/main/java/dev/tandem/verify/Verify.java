package dev.tandem.verify;

import dev.tandem.rules.Migration;
import dev.tandem.shadow.CapturedColumn;
import dev.tandem.shadow.CapturedResult;
import dev.tandem.shadow.ColumnEquality;
import dev.tandem.sql.Dialect;
import dev.tandem.state.HistoryEntry;
import dev.tandem.stats.TableActivity;
import dev.tandem.state.StateStore;
import dev.tandem.translate.WriteTranslator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares a migration's new structure with what its rules derive from the old one: {@code to} with {@code up(from)},
 * or, {@linkplain #reverse(boolean) reversed}, {@code from} with {@code down(to)}. The Java API of {@code tandem
 * verify}.
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", user, password)) {
 *     VerifyReport r = Verify.of(c, Dialect.POSTGRESQL, migration).chunkSize(5000).run();
 *     if (!r.clean()) { ... r.missing(), r.sampleMissing() ... }
 * }
 * }</pre>
 *
 * <p><b>How.</b> Key-range chunks by keyset pagination on the key (in {@code from.key} order; to's matching key
 * columns on the target side). Each chunk is one short read-only transaction (repeatable read where the database has
 * it, so both reads see one snapshot) of two queries: at most {@code chunk} rows of the source after the previous
 * chunk's last key, its values computed by the rules' expressions, ordered by key; and the target's rows in the same
 * key range (at most {@code chunk + 1}: when the target has more, the range is narrowed to the target's first
 * {@code chunk} rows and the source re-read over it). Rows are paired by key in Java and their values compared as the
 * shadow compare does ({@link ColumnEquality}). Memory stays bounded by the chunk; no read holds a lock.
 *
 * <p><b>Recheck.</b> A key found missing, extra or different is not counted at once: it is re-read on both sides
 * (in one read-only transaction) after a short pause ({@link #recheckDelay(Duration)}, default 500 ms), and counts only
 * if it still differs — a write in flight between the two reads is not drift. Keys wait for their recheck in batches of
 * at most {@value #RECHECK_QUEUE} keys.
 *
 * <p>Not thread-safe; one run at a time. Give it a connection in auto-commit mode (or with no transaction under way):
 * it ends a transaction after each chunk. The connection's auto-commit, read-only and isolation settings are restored
 * afterwards.
 */
public final class Verify {
    /** Default rows per chunk. */
    public static final int DEFAULT_CHUNK = 10_000;
    /** Largest chunk accepted. */
    public static final int MAX_CHUNK = 100_000;
    static final int RECHECK_QUEUE = 5_000;
    static final int RECHECK_BATCH = 100;

    private final Connection connection;
    private final Dialect dialect;
    private final Migration migration;
    private boolean reverse;
    private int chunkSize = DEFAULT_CHUNK;
    private Duration recheckDelay = Duration.ofMillis(500);
    private Duration progressEvery = Duration.ofSeconds(5);
    private Consumer<Progress> progress = p -> { };
    private Runnable beforeRecheck = () -> { };

    /** Where a running verify stands, for progress lines. */
    public record Progress(String migration, long rowsCompared, long chunks, long candidates, Duration elapsed) {
        public double rowsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : rowsCompared / s;
        }

        @Override
        public String toString() {
            return String.format("verify %s: %,d rows compared in %,d chunks (%,.0f rows/s), %,d to recheck so far",
                    migration, rowsCompared, chunks, rowsPerSecond(), candidates);
        }
    }

    private Verify(Connection connection, Dialect dialect, Migration migration) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.migration = Objects.requireNonNull(migration, "migration");
    }

    public static Verify of(Connection connection, Dialect dialect, Migration migration) {
        return new Verify(connection, dialect, migration);
    }

    /** Compare {@code from} with {@code down(to)} instead of {@code to} with {@code up(from)}. */
    public Verify reverse(boolean reverse) {
        this.reverse = reverse;
        return this;
    }

    /** Rows of the source per chunk (1 to {@value #MAX_CHUNK}; default {@value #DEFAULT_CHUNK}). */
    public Verify chunkSize(int rows) {
        if (rows < 1 || rows > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be from 1 to " + MAX_CHUNK + ", not " + rows);
        }
        this.chunkSize = rows;
        return this;
    }

    /** How long a differing key waits before it is re-read (default 500 ms). */
    public Verify recheckDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("recheck delay must be zero or positive");
        }
        this.recheckDelay = delay;
        return this;
    }

    /** Called with the progress at most once per {@code every} (default 5 s), after a chunk. */
    public Verify progress(Duration every, Consumer<Progress> listener) {
        this.progressEvery = Objects.requireNonNull(every, "every");
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** For tests: runs right before queued keys are re-read (after the pause), e.g. to repair a row meanwhile. */
    Verify beforeRecheck(Runnable hook) {
        this.beforeRecheck = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /**
     * Runs the comparison over the whole tables.
     *
     * @throws VerifyException when a table cannot be read (its message names the table, never a value)
     * @throws SQLException    when the connection fails otherwise
     */
    public VerifyReport run() throws VerifyException, SQLException, InterruptedException {
        Migration m = reverse ? WriteTranslator.reverse(migration) : migration;
        Map<String, String> derived = m.derivedUp();
        List<String> sourceValues = new ArrayList<>();
        for (String expression : derived.values()) {
            sourceValues.add("(" + expression + ")");
        }
        SideReader source = new SideReader(m.from().sql(), m.from().key(), sourceValues, dialect);
        SideReader target = new SideReader(m.to().sql(), m.toKeyByFromKey(), new ArrayList<>(derived.keySet()),
                dialect);
        Run run = new Run(source, target, derived.size());
        java.util.Optional<TableActivity> before = ownReads(null);
        VerifyReport report = compare(run);
        java.util.Optional<TableActivity> after = ownReads(before.orElse(null));
        return before.isPresent() && after.isPresent()
                ? report.withFromReads(after.get().since(before.get()).map(TableActivity::reads).orElse(-1L))
                : report;
    }

    /**
     * The activity counters of the migration's {@code from} table, read outside the verify's transaction (PostgreSQL
     * keeps one snapshot of them per transaction); after the verify, PostgreSQL is first asked to publish this
     * session's counts (version 15 on). Empty where the database keeps none or they cannot be read.
     */
    private java.util.Optional<TableActivity> ownReads(TableActivity before) {
        try {
            if (before != null && dialect == Dialect.POSTGRESQL) {
                trySet(() -> {
                    try (java.sql.Statement s = connection.createStatement()) {
                        s.execute("SELECT pg_stat_force_next_flush()");
                    }
                });
                trySet(() -> {
                    try (java.sql.Statement s = connection.createStatement()) {
                        s.execute("SELECT pg_stat_clear_snapshot()");
                    }
                });
            }
            return TableActivity.read(connection, dialect, migration.from());
        } catch (SQLException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private VerifyReport compare(Run run) throws VerifyException, SQLException, InterruptedException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        try {
            connection.setAutoCommit(false);
            trySet(() -> connection.setReadOnly(true));
            // one snapshot of both tables per chunk: REPEATABLE READ gives that on PostgreSQL and MariaDB, but H2 takes
            // its snapshot table by table there (a write committed between the two reads shows as drift); its
            // SERIALIZABLE is one snapshot, and a read-only transaction never conflicts
            int snapshot = dialect == Dialect.H2 ? Connection.TRANSACTION_SERIALIZABLE
                    : Connection.TRANSACTION_REPEATABLE_READ;
            trySet(() -> connection.setTransactionIsolation(snapshot));
            return run.all();
        } finally {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // restoring below is what matters
            }
            trySet(() -> connection.setTransactionIsolation(isolation));
            trySet(() -> connection.setReadOnly(readOnly));
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Appends the report to {@code tandem_history} (in auto-commit, or in the connection's transaction): event
     * {@code verify} ({@code verify-reverse} when reversed), outcome {@code clean} or {@code drift}, the counts as JSON
     * in {@code details}. The read-new gate reads the newest forward verify.
     */
    public static void record(Connection connection, Dialect dialect, VerifyReport report, String actor)
            throws SQLException {
        new StateStore(dialect).recordEvent(connection, report.migration(),
                report.reverse() ? HistoryEntry.VERIFY_REVERSE : HistoryEntry.VERIFY, null, null, null,
                report.clean() ? HistoryEntry.CLEAN : HistoryEntry.DRIFT, actor, null, report.detailsJson());
    }

    private interface Setting {
        void apply() throws SQLException;
    }

    /** A setting the database may not support: the verify is correct without it (the recheck covers the rest). */
    private static void trySet(Setting s) {
        try {
            s.apply();
        } catch (SQLException | RuntimeException ignored) {
            // not supported here
        }
    }

    /** A key waiting for its recheck: the values to look it up with, and the kind first found. */
    private record Candidate(List<Object> key, DriftKind kind) {
    }

    /** One run's counters. */
    private final class Run {
        private final SideReader source;
        private final SideReader target;
        private final int width;
        private final int keys;
        private final long started = System.nanoTime();
        private long lastProgress = started;
        private long rows;
        private long chunks;
        private long rechecked;
        private final long[] counts = new long[DriftKind.values().length];
        private final List<List<String>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        private final List<Candidate> queue = new ArrayList<>();
        private long queueLatest;

        Run(SideReader source, SideReader target, int values) {
            this.source = source;
            this.target = target;
            this.keys = source.keyWidth();
            this.width = keys + values;
        }

        VerifyReport all() throws VerifyException, SQLException, InterruptedException {
            List<Object> after = null;
            while (true) {
                CapturedResult from = source.chunk(connection, after, null, chunkSize);
                List<Object> upTo = from.rows().size() == chunkSize ? key(last(from)) : null;
                CapturedResult to = target.chunk(connection, after, upTo, chunkSize + 1);
                boolean narrowed = false;
                if (to.rows().size() > chunkSize) {
                    // more target rows than source rows in the range: narrow it to the target's first chunk rows
                    upTo = key(to.rows().get(chunkSize - 1));
                    to = truncated(to, chunkSize);
                    from = source.chunk(connection, after, upTo, chunkSize);
                    narrowed = true;
                }
                connection.commit();
                chunks++;
                compare(from, to);
                if (queue.size() >= RECHECK_QUEUE) {
                    recheck();
                }
                report();
                if (upTo == null && !narrowed) {
                    break;
                }
                after = upTo;
            }
            recheck();
            DriftKind[] kinds = DriftKind.values();
            return new VerifyReport(migration.id(), reverse, source.table(), target.table(),
                    counts[DriftKind.MISSING.ordinal()], counts[DriftKind.EXTRA.ordinal()],
                    counts[DriftKind.DIFFERENT.ordinal()], samples.get(kinds[0].ordinal()),
                    samples.get(kinds[1].ordinal()), samples.get(kinds[2].ordinal()), rows, chunks, rechecked,
                    Duration.ofNanos(System.nanoTime() - started), -1);
        }

        private void report() {
            long now = System.nanoTime();
            if (now - lastProgress >= progressEvery.toNanos()) {
                lastProgress = now;
                progress.accept(new Progress(migration.id(), rows, chunks, queue.size(),
                        Duration.ofNanos(now - started)));
            }
        }

        /** Pairs a chunk's rows by key; keys out of step wait for their recheck. */
        private void compare(CapturedResult from, CapturedResult to) {
            Pairing pairing = new Pairing(from, to);
            for (Map.Entry<List<Object>, Group> e : pairing.groups.entrySet()) {
                rows++;
                DriftKind kind = pairing.classify(e.getValue());
                if (kind != null) {
                    queueLatest = System.nanoTime();
                    queue.add(new Candidate(e.getValue().lookupKey(keys), kind));
                }
            }
        }

        /** Re-reads every queued key after the pause; counts those still out of step. */
        private void recheck() throws VerifyException, SQLException, InterruptedException {
            if (queue.isEmpty()) {
                return;
            }
            long waited = System.nanoTime() - queueLatest; // the newest key waits the whole pause too
            long pause = recheckDelay.toNanos() - waited;
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
            beforeRecheck.run();
            for (int i = 0; i < queue.size(); i += RECHECK_BATCH) {
                List<Candidate> batch = queue.subList(i, Math.min(queue.size(), i + RECHECK_BATCH));
                List<List<Object>> lookup = new ArrayList<>(batch.size());
                for (Candidate c : batch) {
                    lookup.add(c.key());
                }
                CapturedResult from = source.rowsOf(connection, lookup);
                CapturedResult to = target.rowsOf(connection, lookup);
                connection.commit();
                Pairing pairing = new Pairing(from, to);
                for (Candidate c : batch) {
                    rechecked++;
                    Group g = pairing.groups.get(pairing.canonicalKey(c.key()));
                    DriftKind kind = g == null ? null : pairing.classify(g);
                    if (kind != null) {
                        counts[kind.ordinal()]++;
                        List<String> sample = samples.get(kind.ordinal());
                        if (sample.size() < VerifyReport.MAX_SAMPLES) {
                            sample.add(KeyText.of(c.key()));
                        }
                    }
                }
            }
            queue.clear();
        }

        private List<Object> key(List<Object> row) {
            return new ArrayList<>(row.subList(0, keys));
        }

        private List<Object> last(CapturedResult r) {
            return r.rows().get(r.rows().size() - 1);
        }

        private CapturedResult truncated(CapturedResult r, int n) {
            return CapturedResult.of(r.columns(), r.rows().subList(0, n));
        }

        /** The rows of one key on each side. */
        private static final class Group {
            final List<List<Object>> from = new ArrayList<>(1);
            final List<List<Object>> to = new ArrayList<>(1);

            List<Object> lookupKey(int keys) {
                List<Object> row = from.isEmpty() ? to.get(0) : from.get(0);
                return new ArrayList<>(row.subList(0, keys));
            }
        }

        /** The rows of two results grouped by key, and the column equalities between them. */
        private final class Pairing {
            final ColumnEquality[] equality;
            final Map<List<Object>, Group> groups = new LinkedHashMap<>();

            Pairing(CapturedResult from, CapturedResult to) {
                equality = new ColumnEquality[width];
                List<CapturedColumn> fc = from.columns();
                List<CapturedColumn> tc = to.columns();
                for (int c = 0; c < width; c++) {
                    equality[c] = ColumnEquality.of(fc.get(c), tc.get(c));
                }
                for (List<Object> row : from.rows()) {
                    groups.computeIfAbsent(canonicalKey(row), k -> new Group()).from.add(row);
                }
                for (List<Object> row : to.rows()) {
                    groups.computeIfAbsent(canonicalKey(row), k -> new Group()).to.add(row);
                }
            }

            List<Object> canonicalKey(List<Object> row) {
                Object[] k = new Object[keys];
                for (int i = 0; i < keys; i++) {
                    k[i] = equality[i].canonicalKey(row.get(i));
                }
                return Arrays.asList(k);
            }

            /** How a key is out of step, or null when its rows agree. */
            DriftKind classify(Group g) {
                if (g.from.size() > g.to.size()) {
                    return DriftKind.MISSING;
                }
                if (g.to.size() > g.from.size()) {
                    return DriftKind.EXTRA;
                }
                for (int r = 0; r < g.from.size(); r++) {
                    List<Object> a = g.from.get(r);
                    List<Object> b = g.to.get(r);
                    for (int c = keys; c < width; c++) {
                        if (!equality[c].equal(a.get(c), b.get(c))) {
                            return DriftKind.DIFFERENT;
                        }
                    }
                }
                return null;
            }
        }
    }
}
