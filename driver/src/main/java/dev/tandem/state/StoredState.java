package dev.tandem.state;

import dev.tandem.rules.Phase;

import java.time.Instant;

/**
 * One row of {@code tandem_state}: where the database says a migration stands.
 *
 * @param migration the migration id
 * @param phase     the phase, or null when the row holds a phase this version of Tandem does not know
 * @param phaseText the phase as stored
 * @param percent   0 to 100 (anything else makes the row {@linkplain #valid() invalid})
 * @param version   increases by one with every change; changes are compare-and-set on it
 * @param changedAt when it last changed, by the database's clock
 * @param changedBy who changed it
 * @param reason    why, as given; may be null
 * @param handover  the key handover in progress ({@code keys}), or null when none (see {@code KeyHandover})
 */
public record StoredState(String migration, Phase phase, String phaseText, int percent, long version,
                          Instant changedAt, String changedBy, String reason, String handover) {

    public StoredState(String migration, Phase phase, String phaseText, int percent, long version,
                       Instant changedAt, String changedBy, String reason) {
        this(migration, phase, phaseText, percent, version, changedAt, changedBy, reason, null);
    }

    /** Whether the row can be applied: a known phase and a percent from 0 to 100. */
    public boolean valid() {
        return phase != null && percent >= 0 && percent <= 100;
    }

    /** The state to apply; only for {@linkplain #valid() valid} rows. */
    public MigrationState state() {
        return new MigrationState(phase, percent, handover != null);
    }
}
