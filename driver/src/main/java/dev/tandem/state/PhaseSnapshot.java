package dev.tandem.state;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state of every migration at one moment. Immutable: a transaction keeps the snapshot it started with, so it
 * never sees two phases.
 */
public final class PhaseSnapshot {
    private final Map<String, MigrationState> states;
    private final Map<String, Long> versions;
    private final long version;
    /**
     * The uses of this snapshot begun ({@link StatePoller#acquire()}) and ended ({@link #release()}): two counters
     * that only grow, so that {@link #inUse()} can read them without a lock and never miss a use that lasts across
     * the reading (see there). Null (nothing counted, nothing to pay) but for the snapshots of a
     * {@link StatePoller}: the rules files' phases never change, so nothing waits for their uses to end.
     */
    final LongAdder acquired;
    final LongAdder released;

    public PhaseSnapshot(Map<String, MigrationState> states, long version) {
        this(states, Map.of(), version);
    }

    /**
     * @param versions for each migration whose state comes from {@code tandem_state}, that row's version (the others
     *                 are at version 0: their rules file's phase)
     * @param version  this snapshot's own version, see {@link #version()}
     */
    public PhaseSnapshot(Map<String, MigrationState> states, Map<String, Long> versions, long version) {
        this(states, versions, version, false);
    }

    /** @param counted whether its uses are counted (see {@link #inUse()}) */
    PhaseSnapshot(Map<String, MigrationState> states, Map<String, Long> versions, long version, boolean counted) {
        this.states = Map.copyOf(states);
        this.versions = Map.copyOf(versions);
        this.version = version;
        this.acquired = counted ? new LongAdder() : null;
        this.released = counted ? new LongAdder() : null;
    }

    /** The same state, with its uses counted. */
    PhaseSnapshot counted() {
        return new PhaseSnapshot(states, versions, version, true);
    }

    /** Every migration at the phase and percent its rules file gives. */
    public static PhaseSnapshot fromRules(RuleSet rules) {
        Map<String, MigrationState> states = new HashMap<>();
        for (Migration m : rules.migrations()) {
            states.put(m.id(), new MigrationState(m.phase(), m.percent()));
        }
        return new PhaseSnapshot(states, 0);
    }

    /** The migration's state; its rules file's when the snapshot does not know it. */
    public MigrationState of(Migration migration) {
        MigrationState s = states.get(migration.id());
        return s != null ? s : new MigrationState(migration.phase(), migration.percent());
    }

    /** Increases whenever the state changes: a cheap way to tell two snapshots apart. */
    public long version() {
        return version;
    }

    /**
     * The version of a migration's row in {@code tandem_state} this snapshot applies; 0 when it applies the rules
     * file's phase.
     */
    public long versionOf(String migration) {
        Long v = versions.get(migration);
        return v == null ? 0 : v;
    }

    /**
     * Ends a use of this snapshot begun by {@link PhaseSource#acquire()}: once per acquire, when the transaction that
     * pinned it ends, or when the autocommit statement (and its mirror) that took it is done.
     */
    public void release() {
        LongAdder r = released;
        if (r != null) {
            r.increment();
        }
    }

    /**
     * Whether a use begun by {@link PhaseSource#acquire()} may still be running. Reads the ends before the begins:
     * every end counted was preceded by its begin, which is then counted too, so the difference is never below the
     * number of uses that last across the reading (it may count a use that ends meanwhile: one heartbeat late).
     */
    boolean inUse() {
        if (acquired == null) {
            return false;
        }
        long ended = released.sum();
        return acquired.sum() - ended > 0;
    }

    public Map<String, MigrationState> states() {
        return states;
    }

    @Override
    public String toString() {
        return "PhaseSnapshot" + states;
    }
}
