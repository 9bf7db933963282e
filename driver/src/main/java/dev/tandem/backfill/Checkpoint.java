package dev.tandem.backfill;

import java.time.Instant;

/**
 * One row of {@code tandem_backfill}: a backfill's checkpoint, per migration and direction.
 *
 * @param direction  {@code forward} ({@code to} from {@code from} through {@code up}) or {@code reverse}
 * @param state      {@code running}, {@code paused}, {@code done} or {@code failed} ({@code running} also after a
 *                   crash: the next run resumes it)
 * @param lastKey    the last key done, encoded ({@link KeyCodec}); null before the first batch
 * @param highWater  the greatest key this run covers, encoded; null when the table was empty
 * @param rowsDone   source rows synced so far in this run (exact: counted in each batch's own transaction)
 * @param rowsTotal  source rows up to the high-water mark, counted when the run started; may be null
 * @param paused     whether an operator asked the backfill to pause
 */
public record Checkpoint(String migration, String direction, String state, String lastKey, String highWater,
                         long rowsDone, Long rowsTotal, boolean paused, Instant startedAt, Instant updatedAt,
                         Instant finishedAt) {
    public static final String FORWARD = "forward";
    public static final String REVERSE = "reverse";

    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    /** Stopped because the phase moved out of the backfill's range: the next run starts over. */
    public static final String STOPPED = "stopped";

    public static String direction(boolean reverse) {
        return reverse ? REVERSE : FORWARD;
    }

    public boolean done() {
        return DONE.equals(state);
    }

    /** Whether the next run may resume from here: not finished, and not stopped by a phase change. */
    public boolean resumable() {
        return !done() && !STOPPED.equals(state);
    }

    /** Rows done as a percentage of the total (0 to 100), or null when the total is unknown or zero. */
    public Double percent() {
        if (rowsTotal == null || rowsTotal <= 0) {
            return done() ? 100.0 : null;
        }
        return Math.min(100.0, 100.0 * rowsDone / rowsTotal);
    }
}
