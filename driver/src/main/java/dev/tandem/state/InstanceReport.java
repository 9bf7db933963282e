package dev.tandem.state;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code tandem_instances}: a running driver engine and what it last reported.
 *
 * @param instanceId  a random id per engine
 * @param host        the host it runs on
 * @param pid         its process id
 * @param startedAt   its first heartbeat, by the database's clock
 * @param heartbeatAt its last heartbeat, by the database's clock
 * @param phases      for each migration it knows, the phase, percent and version it applies; empty when unreadable
 * @param usage       for each migration, its use of the old structure since the version it applies (see
 *                    {@link UsageJson}); empty when the instance reports none or it is unreadable
 */
public record InstanceReport(String instanceId, String host, Long pid, Instant startedAt, Instant heartbeatAt,
                             Map<String, Reported> phases, Map<String, MigrationUsage> usage) {

    public InstanceReport {
        usage = usage == null ? Map.of() : usage;
    }

    /** A report without usage (an instance of a version that does not send it). */
    public InstanceReport(String instanceId, String host, Long pid, Instant startedAt, Instant heartbeatAt,
                          Map<String, Reported> phases) {
        this(instanceId, host, pid, startedAt, heartbeatAt, phases, Map.of());
    }

    /**
     * What an instance applies to one migration.
     *
     * @param stateReadFailingMs how long the instance has been unable to read {@code tandem_state} (it keeps applying
     *                           the last phase it read), in milliseconds by its own clock; -1 while it reads it
     * @param oldestInUse        the oldest version of the migration's state that a transaction (or an autocommit
     *                           statement) of the instance still runs with, when older than {@code version}; -1 when
     *                           none is (or the instance is of a version that does not tell)
     * @param keyHandover        whether the instance applies a key handover of the migration (its inserts take the
     *                           key lock); false too from an instance of a version that knows none
     */
    public record Reported(String phase, int percent, long version, long stateReadFailingMs, long oldestInUse,
                           boolean keyHandover) {
        /** A report without the key handover flag (see {@code keyHandover}). */
        public Reported(String phase, int percent, long version, long stateReadFailingMs, long oldestInUse) {
            this(phase, percent, version, stateReadFailingMs, oldestInUse, false);
        }

        /** A report from an instance that reads {@code tandem_state}. */
        public Reported(String phase, int percent, long version) {
            this(phase, percent, version, -1);
        }

        /** A report without transactions on an older version. */
        public Reported(String phase, int percent, long version, long stateReadFailingMs) {
            this(phase, percent, version, stateReadFailingMs, -1);
        }

        /**
         * Whether nothing of the instance runs with a version of the migration older than {@code version} any more:
         * it applies {@code version} or a later one, and no transaction pinned before (nor autocommit statement
         * begun before) is still running with an older one.
         */
        public boolean drained(long version) {
            return this.version >= version && (oldestInUse < 0 || oldestInUse >= version);
        }

        /** Whether the instance could not read {@code tandem_state} at its last poll. */
        public boolean stateUnread() {
            return stateReadFailingMs >= 0;
        }

        @Override
        public String toString() {
            return phase + " " + percent + "%" + (stateUnread()
                    ? " (cannot read " + ControlSchema.STATE + " for " + (stateReadFailingMs / 1000) + " s)" : "")
                    + (oldestInUse >= 0 ? " (transactions still on version " + oldestInUse + ")" : "")
                    + (keyHandover ? " (key handover)" : "");
        }
    }

    /**
     * One migration's use by one instance, all counted since the instance started applying {@code version} of the
     * migration's state.
     *
     * @param version        the {@code tandem_state} version the counts are since (0: the rules file's phase)
     * @param legacyTotal    statements naming {@code from} (the old structure), exactly
     * @param callers        by caller ({@code class.method}), the estimated count and when it was last sampled
     * @param downStatements statements Tandem ran into {@code from} through {@code down} (write-new keeps it fresh)
     * @param downRows       rows those statements affected
     * @param shadow         read-both shadow comparisons by outcome
     * @param legacyAgoMs    milliseconds from the last heartbeat that saw {@code legacyTotal} grow to the heartbeat
     *                       that reported it (exact to a heartbeat: every statement counts, none is sampled); -1 when
     *                       unknown or none was seen
     */
    public record MigrationUsage(long version, long legacyTotal, Map<String, CallerUsage> callers,
                                 long downStatements, long downRows, Map<String, Long> shadow, long legacyAgoMs) {
        public MigrationUsage {
            callers = Map.copyOf(callers);
            shadow = Map.copyOf(shadow);
        }

        /** Usage without the time of the last old-structure statement. */
        public MigrationUsage(long version, long legacyTotal, Map<String, CallerUsage> callers, long downStatements,
                              long downRows, Map<String, Long> shadow) {
            this(version, legacyTotal, callers, downStatements, downRows, shadow, -1);
        }
    }

    /**
     * @param count estimated statements (sampled ones times the sampling interval)
     * @param agoMs milliseconds from the last sampled statement to the heartbeat that reported it
     */
    public record CallerUsage(long count, long agoMs) {
    }

    /** Whether the instance knows the migration (has it in its rules). */
    public boolean knows(String migration) {
        return phases.containsKey(migration);
    }

    /** "id on host (pid N)", for messages. */
    public String describe() {
        return instanceId + " on " + (host == null ? "?" : host) + " (pid " + (pid == null ? "?" : pid) + ")";
    }
}
