package dev.tandem.state;

/** Where the current phases come from: the rules files, or the fleet-wide state in the database. */
public interface PhaseSource {
    /** The current state of every migration; cheap, called per statement outside transactions. */
    PhaseSnapshot current();

    /**
     * The current state, counted as in use until {@link PhaseSnapshot#release()}: what a transaction pins, or an
     * autocommit statement runs with. Sources whose snapshots never change count nothing (the default).
     */
    default PhaseSnapshot acquire() {
        return current();
    }

    /** Stops any background work. */
    default void close() {
    }

    /** Phases fixed by the rules files. */
    static PhaseSource fixed(PhaseSnapshot snapshot) {
        return () -> snapshot;
    }
}
