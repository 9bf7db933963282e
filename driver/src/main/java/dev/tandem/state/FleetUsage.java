package dev.tandem.state;

import dev.tandem.state.InstanceReport.CallerUsage;
import dev.tandem.state.InstanceReport.MigrationUsage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One migration's use of its old structure across the fleet: the sum over the live instances that report usage
 * for the migration's current state version (an instance still on another version is counted in
 * {@link #otherVersions()} only, since its counts mean something else).
 *
 * @param version        the state version the counts are since
 * @param instances      how many live instances' reports were summed
 * @param otherVersions  how many live instances report usage for another version
 * @param legacyTotal    statements naming {@code from}, exactly
 * @param callers        by caller, most statements first: estimated count and when last seen
 * @param downStatements statements Tandem ran into {@code from} through {@code down}
 * @param downRows       rows they affected
 * @param shadow         shadow comparisons by outcome
 */
public record FleetUsage(long version, int instances, int otherVersions, long legacyTotal, List<CallerSeen> callers,
                         long downStatements, long downRows, Map<String, Long> shadow) {

    /**
     * One caller across the fleet.
     *
     * @param lastSeen the latest of (heartbeat - agoMs) over the instances, by the database's clock
     */
    public record CallerSeen(String caller, long count, Instant lastSeen) {
    }

    /** The usage of {@code migration} since {@code version}, summed over {@code live}. */
    public static FleetUsage of(String migration, long version, List<InstanceReport> live) {
        int instances = 0;
        int other = 0;
        long total = 0;
        long downStatements = 0;
        long downRows = 0;
        Map<String, Long> counts = new HashMap<>();
        Map<String, Instant> seen = new HashMap<>();
        Map<String, Long> shadow = new TreeMap<>();
        for (InstanceReport i : live) {
            MigrationUsage u = i.usage().get(migration);
            if (u == null) {
                continue;
            }
            if (u.version() != version) {
                other++;
                continue;
            }
            instances++;
            total += u.legacyTotal();
            downStatements += u.downStatements();
            downRows += u.downRows();
            u.shadow().forEach((k, v) -> shadow.merge(k, v, Long::sum));
            for (Map.Entry<String, CallerUsage> e : u.callers().entrySet()) {
                counts.merge(e.getKey(), e.getValue().count(), Long::sum);
                if (i.heartbeatAt() != null) {
                    Instant at = i.heartbeatAt().minusMillis(e.getValue().agoMs());
                    seen.merge(e.getKey(), at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        List<CallerSeen> callers = new ArrayList<>();
        counts.forEach((c, n) -> callers.add(new CallerSeen(c, n, seen.get(c))));
        callers.sort(Comparator.comparingLong(CallerSeen::count).reversed().thenComparing(CallerSeen::caller));
        return new FleetUsage(version, instances, other, total, List.copyOf(callers), downStatements, downRows,
                new LinkedHashMap<>(shadow));
    }
}
