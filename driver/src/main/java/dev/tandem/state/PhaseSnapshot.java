package dev.tandem.state;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of every migration at one moment. Immutable: a transaction keeps the snapshot it started with, so it
 * never sees two phases.
 */
public final class PhaseSnapshot {
    private final Map<String, MigrationState> states;
    private final Map<String, Long> versions;
    private final long version;

    public PhaseSnapshot(Map<String, MigrationState> states, long version) {
        this(states, Map.of(), version);
    }

    /**
     * @param versions for each migration whose state comes from {@code tandem_state}, that row's version (the others
     *                 are at version 0: their rules file's phase)
     * @param version  this snapshot's own version, see {@link #version()}
     */
    public PhaseSnapshot(Map<String, MigrationState> states, Map<String, Long> versions, long version) {
        this.states = Map.copyOf(states);
        this.versions = Map.copyOf(versions);
        this.version = version;
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

    public Map<String, MigrationState> states() {
        return states;
    }

    @Override
    public String toString() {
        return "PhaseSnapshot" + states;
    }
}
