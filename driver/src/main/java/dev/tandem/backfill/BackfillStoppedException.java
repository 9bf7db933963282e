package dev.tandem.backfill;

import java.sql.SQLException;

/**
 * The migration's phase moved out of the backfill's range while it ran (for example into write-new during a forward
 * backfill): it stopped before its next batch. Its checkpoint is marked {@code stopped}, so the next run starts over
 * rather than resume — writes made while the phase was elsewhere (off, say) may not have been mirrored.
 */
public final class BackfillStoppedException extends SQLException {
    public BackfillStoppedException(String message) {
        super(message, "55000");
    }
}
