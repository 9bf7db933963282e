package dev.tandem.backfill;

import java.time.Duration;

/**
 * Where a running backfill stands, reported after every batch and while it waits.
 *
 * @param state         {@code running}, {@code paused}, {@code throttled} (waiting for a replica or the rate
 *                      limit) or {@code done}
 * @param rowsDone      source rows synced, this run and the runs it resumed
 * @param rowsTotal     source rows up to the high-water mark when the run started (an estimate once writes go on)
 * @param rowsThisRun   rows synced by this process (the rate's numerator)
 * @param elapsed       time since this process started the backfill
 * @param rowsPerSecond rows synced per second by this process
 * @param eta           time left at this rate; null when unknown
 * @param note          why it waits, when it does; null otherwise
 */
public record BackfillProgress(String migration, String direction, String state, long rowsDone, long rowsTotal,
                               long rowsThisRun, long orphansDeleted, long batches, int batchSize, Duration elapsed,
                               double rowsPerSecond, Duration eta, String note) {
    /** Percent done (0-100), or -1 when the total is unknown. */
    public double percent() {
        if (rowsTotal <= 0) {
            return "done".equals(state) ? 100 : -1;
        }
        return Math.min(100.0, 100.0 * rowsDone / rowsTotal);
    }
}
