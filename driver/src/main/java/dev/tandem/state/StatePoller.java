package dev.tandem.state;

import dev.tandem.logging.Log;
import dev.tandem.metrics.Counter;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.sql.Dialect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The fleet-wide phases for one engine: what {@code tandem_state} says for each of the engine's migrations, and the
 * rules file's phase for a migration that has no row there (or while the table does not exist).
 *
 * <p>The state is read once when the poller starts, in the calling thread (so that the application's first
 * statement already sees the fleet's state), then every poll interval ({@code tandem.poll}) on a daemon thread, over
 * a connection of Tandem's own to the same database (never one of the application's; see {@link StateChannel}).
 * After every poll the engine's heartbeat goes into {@code tandem_instances}, with the phase, percent and version it
 * applies to each migration, under a random {@linkplain #instanceId() instance id}, and the oldest version still in
 * use by a transaction or autocommit statement when older ({@code oldestInUse}; see {@link #acquire()} and
 * {@link #oldestInUse()}): what {@link Fleet#awaitDrain} waits on.
 *
 * <p>When the database cannot be read, the last known state stays in force and the poller tries again at the next
 * poll; recovery needs nothing. Meanwhile each failed poll (read or heartbeat) counts in {@value #READ_FAILURES}, and the heartbeat (while
 * it can be written) says for how long the state has not been read ({@code stateReadFailingMs}, see
 * {@link StateStore#phasesJson(PhaseSnapshot, long)}). The poller needs only SELECT on {@code tandem_state}, and INSERT, UPDATE (and SELECT
 * on {@code instance_id}, which the databases require for the update's WHERE) on {@code tandem_instances}; it never
 * runs DDL.
 */
public final class StatePoller implements PhaseSource {
    private static final Log LOG = Log.get("state");
    /**
     * The meter of polls that failed, tagged {@code migration}: {@code tandem_state} could not be read, or the
     * heartbeat could not be written into {@code tandem_instances}.
     */
    public static final String READ_FAILURES = "tandem.state.failures";

    private final RuleSet rules;
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<String, StoredState> invalidSeen = new HashMap<>();
    /**
     * The snapshots that were current once and may still be in use (by a transaction that pinned one, or an
     * autocommit statement still running): guarded by this, pruned by {@link #oldestInUse()}.
     */
    private final List<PhaseSnapshot> retired = new ArrayList<>();
    private volatile PhaseSnapshot current;
    private volatile StateChannel channel;
    private volatile boolean closed;
    /** The {@code usage} column's JSON for the phases applied; null: the heartbeat leaves the column alone. */
    private final Function<PhaseSnapshot, String> usage;

    /** {@code tandem.state.failures}, one per migration; empty without metrics. */
    private final List<Counter> readFailures = new ArrayList<>();

    /** A poller fed by nothing until a channel {@linkplain #apply applies} rows to it (see {@link #start}). */
    StatePoller(RuleSet rules, Function<PhaseSnapshot, String> usage, TandemMetrics metrics) {
        this.rules = rules;
        this.current = PhaseSnapshot.fromRules(rules).counted();
        this.usage = usage;
        if (metrics != null) {
            for (Migration m : rules.migrations()) {
                readFailures.add(metrics.counter(READ_FAILURES, "Polls that could not read the fleet state"
                        + " (tandem_state) or write the heartbeat; the last known phase stays in force", "migration",
                        m.id()));
            }
        }
    }

    /**
     * Starts polling for an engine's migrations: reads the state now, then every {@code pollMillis}.
     *
     * @param dialect the database (H2, PostgreSQL, MariaDB or MySQL)
     */
    public static StatePoller start(RuleSet rules, Dialect dialect, ControlConnections connections,
                                    long pollMillis) {
        return start(rules, dialect, connections, pollMillis, null);
    }

    /**
     * As {@link #start(RuleSet, Dialect, ControlConnections, long)}; each heartbeat also writes
     * {@code usage.apply(phases applied)} into the {@code usage} column (see {@link UsageJson}).
     */
    public static StatePoller start(RuleSet rules, Dialect dialect, ControlConnections connections,
                                    long pollMillis, Function<PhaseSnapshot, String> usage) {
        return start(rules, dialect, connections, pollMillis, usage, null);
    }

    /**
     * As {@link #start(RuleSet, Dialect, ControlConnections, long, Function)}; each poll that cannot read
     * {@code tandem_state} or write the heartbeat also counts in {@value #READ_FAILURES} of {@code metrics} (null:
     * none), once per migration.
     */
    public static StatePoller start(RuleSet rules, Dialect dialect, ControlConnections connections,
                                    long pollMillis, Function<PhaseSnapshot, String> usage, TandemMetrics metrics) {
        Objects.requireNonNull(connections, "connections");
        if (!ControlSchema.supports(dialect)) {
            throw new IllegalArgumentException("no control tables on " + dialect.displayName());
        }
        if (pollMillis <= 0) {
            throw new IllegalArgumentException("the poll interval must be positive: " + pollMillis);
        }
        StatePoller poller = new StatePoller(rules, usage, metrics);
        poller.channel = StateChannel.join(poller, connections, dialect, pollMillis);
        return poller;
    }

    /** The host name this process reports in {@code tandem_instances}. */
    public static String host() {
        return StateChannel.Host.NAME;
    }

    /** The process id this process reports in {@code tandem_instances}. */
    public static long pid() {
        return StateChannel.Host.PID;
    }

    @Override
    public PhaseSnapshot current() {
        return current;
    }

    /**
     * The current snapshot, counted as in use until its {@link PhaseSnapshot#release()}. Counts, then checks that
     * it is still current: once {@link #apply} has replaced a snapshot, no new use of it can start unseen by
     * {@link #oldestInUse()} (a use that lost the race is undone at once and takes the new one).
     */
    @Override
    public PhaseSnapshot acquire() {
        while (true) {
            PhaseSnapshot s = current;
            s.acquired.increment();
            if (current == s) {
                return s;
            }
            s.released.increment();
        }
    }

    /**
     * For each migration, the oldest version among the snapshots still in use that is older than the one the
     * current snapshot applies: what transactions (or autocommit statements) of this engine still run with. Empty
     * when none does. Forgets the snapshots no longer in use; called at every heartbeat.
     */
    synchronized Map<String, Long> oldestInUse() {
        PhaseSnapshot now = current;
        Map<String, Long> oldest = new HashMap<>();
        for (var it = retired.iterator(); it.hasNext(); ) {
            PhaseSnapshot s = it.next();
            if (s == now) {
                continue;
            }
            if (!s.inUse()) {
                it.remove(); // no longer current: no use of it can start again
                continue;
            }
            for (Migration m : rules.migrations()) {
                long v = s.versionOf(m.id());
                if (v < now.versionOf(m.id())) {
                    oldest.merge(m.id(), v, Math::min);
                }
            }
        }
        return oldest;
    }

    /** How many replaced snapshots this poller still watches (for tests). */
    synchronized int watched() {
        return retired.size();
    }

    /** Whether a use of {@code snapshot} would be seen by {@link #oldestInUse()}: it is current, or watched. */
    synchronized boolean watches(PhaseSnapshot snapshot) {
        return snapshot == current || retired.contains(snapshot);
    }

    /** The id under which this engine reports in {@code tandem_instances}: random, one per engine. */
    public String instanceId() {
        return instanceId;
    }

    /** Called by the channel for each poll that could not read {@code tandem_state} or write the heartbeat. */
    void pollFailed() {
        for (Counter c : readFailures) {
            c.increment();
        }
    }

    /** The {@code usage} column for the next heartbeat; null when this poller reports none. */
    String usageJson() {
        return usage == null ? null : usage.apply(current);
    }

    /** Polls now, in the calling thread, rather than waiting for the next poll. */
    public void pollNow() {
        StateChannel c = channel;
        if (c != null && !closed) {
            c.poll();
        }
    }

    /** Stops polling; the thread and the connection stop with the last poller of their database. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StateChannel c = channel;
        if (c != null) {
            c.leave(this);
        }
    }

    /**
     * Applies the rows of {@code tandem_state} last read (called by the channel, one poll at a time): each migration
     * takes its row's phase and percent; a migration without a row takes its rules file's; a row this version cannot
     * apply (an unknown phase, say) leaves the migration where it was.
     */
    void apply(Map<String, StoredState> rows) {
        PhaseSnapshot before = current;
        Map<String, MigrationState> states = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        for (Migration m : rules.migrations()) {
            StoredState row = rows.get(m.id());
            if (row == null) {
                states.put(m.id(), new MigrationState(m.phase(), m.percent()));
                continue;
            }
            if (!row.valid()) {
                if (!row.equals(invalidSeen.put(m.id(), row))) {
                    LOG.warn("migration '" + m.id() + "': " + ControlSchema.STATE + " holds phase '"
                            + row.phaseText() + "' at " + row.percent() + "% (version " + row.version()
                            + "), which this version of Tandem cannot apply; staying at " + before.of(m));
                }
                states.put(m.id(), before.of(m));
                long v = before.versionOf(m.id());
                if (v != 0) {
                    versions.put(m.id(), v);
                }
                continue;
            }
            invalidSeen.remove(m.id());
            states.put(m.id(), row.state());
            versions.put(m.id(), row.version());
        }
        if (states.equals(before.states()) && versionsEqual(before, versions)) {
            return;
        }
        PhaseSnapshot next = new PhaseSnapshot(states, versions, before.version() + 1, true);
        for (Migration m : rules.migrations()) {
            MigrationState was = before.of(m);
            MigrationState is = next.of(m);
            if (!was.equals(is)) {
                long v = next.versionOf(m.id());
                LOG.info("migration '" + m.id() + "': " + was + " -> " + is
                        + (v == 0 ? " (its rules file's phase)" : " (version " + v + ")"));
            }
        }
        synchronized (this) {
            retired.add(before); // watched before replaced: never a moment when a use of it could go unseen
            current = next;
        }
    }

    private boolean versionsEqual(PhaseSnapshot before, Map<String, Long> versions) {
        for (Migration m : rules.migrations()) {
            long v = versions.getOrDefault(m.id(), 0L);
            if (before.versionOf(m.id()) != v) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "StatePoller[" + instanceId + ", " + current + "]";
    }
}
