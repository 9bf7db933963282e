package dev.tandem.contract;

import dev.tandem.state.InstanceReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet's instances report about one migration, summed for the contract gate: the old-structure usage by
 * caller, and Tandem's own writes into {@code from} through {@code down}.
 *
 * @param instances      instances whose heartbeat falls in the window (they may have run statements in it)
 * @param lastUse        the latest time any of them ran a statement naming {@code from}, by the database's clock
 *                       (heartbeat minus how long ago the instance last saw one); null when none did
 * @param callers        the callers that spoke the old structure, summed, most recent first
 * @param downRows       rows written into {@code from} through {@code down} at the current version, summed
 * @param downStatements statements that wrote them
 */
record UsageSummary(int instances, Instant lastUse, List<ContractGate.CallerUse> callers, long downRows,
                    long downStatements) {

    /**
     * Sums the instances whose last heartbeat is at or after {@code windowStart}; Tandem's writes through
     * {@code down} only of those that report the current {@code version} (their counters start with it).
     */
    static UsageSummary of(List<InstanceReport> all, String migration, long version, Instant windowStart) {
        int count = 0;
        Instant lastUse = null;
        long downRows = 0;
        long downStatements = 0;
        Map<String, long[]> statements = new HashMap<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        for (InstanceReport i : all) {
            if (i.heartbeatAt() == null || i.heartbeatAt().isBefore(windowStart)) {
                continue;
            }
            count++;
            InstanceReport.MigrationUsage u = i.usage().get(migration);
            if (u == null) {
                continue;
            }
            if (u.version() == version) {
                downRows += u.downRows();
                downStatements += u.downStatements();
            }
            if (u.legacyTotal() > 0) {
                // an instance too old to say when: as late as its heartbeat (the safe side)
                Instant last = u.legacyAgoMs() < 0 ? i.heartbeatAt()
                        : i.heartbeatAt().minus(Duration.ofMillis(u.legacyAgoMs()));
                lastUse = lastUse == null || last.isAfter(lastUse) ? last : lastUse;
            }
            for (Map.Entry<String, InstanceReport.CallerUsage> c : u.callers().entrySet()) {
                statements.computeIfAbsent(c.getKey(), k -> new long[1])[0] += c.getValue().count();
                Instant seen = i.heartbeatAt().minus(Duration.ofMillis(c.getValue().agoMs()));
                lastSeen.merge(c.getKey(), seen, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<ContractGate.CallerUse> callers = new ArrayList<>();
        statements.forEach((caller, n) -> callers.add(new ContractGate.CallerUse(caller, n[0], lastSeen.get(caller))));
        callers.sort(Comparator.comparing(ContractGate.CallerUse::lastSeen).reversed());
        return new UsageSummary(count, lastUse, List.copyOf(callers), downRows, downStatements);
    }
}
