package dev.tandem.state;

import java.time.Instant;

/**
 * One row of {@code tandem_history}, the append-only audit of a migration.
 *
 * @param id         increasing with every row (the order of events)
 * @param migration  the migration id
 * @param event      {@code phase}, {@code verify}, {@code verify-reverse}, {@code backfill}, {@code baseline} or
 *                   {@code contract}
 * @param fromPhase  the phase before (phase events); may be null
 * @param toPhase    the phase after (phase events); may be null
 * @param percent    the percent after (phase events); may be null
 * @param outcome    e.g. {@code ok} / {@code forced} (phase), {@code clean} / {@code drift} (verify); may be null
 * @param occurredAt when, by the database's clock
 * @param actor      who
 * @param reason     why, as given; may be null
 * @param details    free-form details (JSON for the commands that write them); may be null
 */
public record HistoryEntry(long id, String migration, String event, String fromPhase, String toPhase,
                           Integer percent, String outcome, Instant occurredAt, String actor, String reason,
                           String details) {
    public static final String PHASE = "phase";
    public static final String VERIFY = "verify";
    /**
     * A verify of {@code from} against {@code down(to)} ({@code verify --reverse}): recorded apart, so that the
     * read-new gate, which needs {@code to} to equal {@code up(from)}, never takes it for a forward verify.
     */
    public static final String VERIFY_REVERSE = "verify-reverse";
    public static final String BACKFILL = "backfill";
    public static final String CONTRACT = "contract";
    /** The activity counters of {@code from} noted on entering write-new (for the contract gate). */
    public static final String BASELINE = "baseline";
    /** A key handover started or finished around a flip into or out of write-new (outcome started / finished). */
    public static final String HANDOVER = "handover";

    public static final String OK = "ok";
    public static final String FORCED = "forced";
    public static final String CLEAN = "clean";
    public static final String DRIFT = "drift";
    /** A baseline that could not be measured (H2, statistics off, an error). */
    public static final String UNMEASURED = "unmeasured";
}
