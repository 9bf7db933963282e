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
 */
public record InstanceReport(String instanceId, String host, Long pid, Instant startedAt, Instant heartbeatAt,
                             Map<String, Reported> phases) {

    /** What an instance applies to one migration. */
    public record Reported(String phase, int percent, long version) {
        @Override
        public String toString() {
            return phase + " " + percent + "%";
        }
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
