package dev.tandem.backfill;

import java.time.Duration;

/**
 * A finished backfill.
 *
 * @param resumed        whether it continued an unfinished run (from its checkpoint)
 * @param rowsDone       source rows synced in the whole run (including the runs it resumed)
 * @param rowsThisRun    rows synced by this call
 * @param orphansDeleted target rows deleted because their source row no longer exists
 * @param retries        batches retried after a deadlock or serialization failure
 */
public record BackfillResult(String migration, String direction, boolean resumed, long rowsDone, long rowsThisRun,
                             long orphansDeleted, long batches, long retries, Duration elapsed) {
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rowsThisRun / s;
    }
}
