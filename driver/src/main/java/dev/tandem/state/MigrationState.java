package dev.tandem.state;

import dev.tandem.rules.Phase;

/**
 * Where one migration stands: its phase and the percent of reads the phase's read behaviour applies to.
 *
 * @param phase   the phase
 * @param percent 0 to 100
 * @param keyHandover whether a key handover is in progress: inserts into a table-level migration's table take the
 *                    migration's key lock around the insert and its mirror (see {@code KeyHandover})
 */
public record MigrationState(Phase phase, int percent, boolean keyHandover) {
    public MigrationState(Phase phase, int percent) {
        this(phase, percent, false);
    }

    public MigrationState {
        if (phase == null) {
            throw new IllegalArgumentException("phase");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be from 0 to 100: " + percent);
        }
    }

    @Override
    public String toString() {
        return phase + (percent == 100 ? "" : " " + percent + "%") + (keyHandover ? " (key handover)" : "");
    }
}
