package dev.tandem.contract;

import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.state.ContractCheck;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.Json;
import dev.tandem.state.StateStore;
import dev.tandem.stats.TableActivity;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract gate: whether the old structure of a migration can be dropped. It holds when
 * <ol>
 *   <li>the migration is in {@code write-new} (or already {@code contracted}),</li>
 *   <li>it has been in {@code write-new} for at least the soak time (default {@link #DEFAULT_SOAK}),</li>
 *   <li>a verify recorded since it entered {@code write-new} is clean, and the latest verify is,</li>
 *   <li>no instance of the fleet ran a statement naming {@code from} during the last soak period (the
 *       old-structure usage by caller each instance reports with its heartbeat), and</li>
 *   <li>nothing but Tandem wrote or read {@code from} since it entered {@code write-new}, by the database's own
 *       table statistics ({@link TableActivity}), Tandem's own writes through {@code down} accounted for (table-level
 *       migrations on PostgreSQL and MariaDB; see {@link OutsideActivity}).</li>
 * </ol>
 * Each condition is reported as a {@link Check}, holding or not, with what was measured.
 */
public final class ContractGate implements ContractCheck {
    public static final Duration DEFAULT_SOAK = Duration.ofHours(24);

    private final Fleet fleet;
    private final Duration soak;
    private final boolean checkActivity;

    /**
     * @param soak          how long write-new must have held, and how long no caller may have used the old structure
     * @param checkActivity false to skip the outside-activity check (the report says it was skipped)
     */
    public ContractGate(Fleet fleet, Duration soak, boolean checkActivity) {
        if (soak == null || soak.isNegative()) {
            throw new IllegalArgumentException("the soak time must be zero or more");
        }
        this.fleet = fleet;
        this.soak = soak;
        this.checkActivity = checkActivity;
    }

    /** A gate with the default soak, checking outside activity. */
    public ContractGate(Fleet fleet) {
        this(fleet, DEFAULT_SOAK, true);
    }

    /** One condition of the gate. */
    public record Check(String name, boolean holds, String detail) {
        @Override
        public String toString() {
            return (holds ? "holds  " : "FAILS  ") + name + ": " + detail;
        }
    }

    /** A caller that used the old structure, fleet-wide: estimated statements and when it was last seen. */
    public record CallerUse(String caller, long statements, Instant lastSeen) {
    }

    /**
     * The gate's verdict.
     *
     * @param callers the callers that still spoke the old structure, most recent first (empty is the goal)
     */
    public record Report(String migration, Instant now, Phase phase, List<Check> checks, List<CallerUse> callers) {
        public boolean holds() {
            return checks.stream().allMatch(Check::holds);
        }

        /** The failing checks, as reasons. */
        public List<String> failures() {
            return checks.stream().filter(c -> !c.holds()).map(c -> c.name() + ": " + c.detail()).toList();
        }
    }

    @Override
    public List<String> refusals(Fleet.Standing current) throws SQLException {
        return evaluate(current).failures();
    }

    /** Evaluates the gate for a migration. */
    public Report evaluate(String migration) throws SQLException {
        return evaluate(fleet.standing(migration));
    }

    private Report evaluate(Fleet.Standing standing) throws SQLException {
        StateStore store = fleet.store();
        var connection = fleet.connection();
        String id = standing.id();
        Instant now = store.now(connection);
        List<Check> checks = new ArrayList<>();
        Phase phase = standing.phase();
        boolean contracted = phase == Phase.CONTRACTED;
        checks.add(new Check("phase", phase == Phase.WRITE_NEW || contracted,
                phase == Phase.WRITE_NEW ? "write-new" : contracted ? "already contracted"
                        : standing.phaseText() + " " + standing.percent() + "%: the old structure can only go once"
                        + " the fleet writes the new one (write-new)"));

        Optional<HistoryEntry> entered = store.lastEntered(connection, id, Phase.WRITE_NEW);
        if (entered.isEmpty()) {
            checks.add(new Check("soak", false, "no record of entering write-new in the history"));
            return new Report(id, now, phase, checks, List.of());
        }
        HistoryEntry enteredAt = entered.get();
        Duration soaked = Duration.between(enteredAt.occurredAt(), now);
        boolean soakHolds = contracted || !soaked.minus(soak).isNegative();
        checks.add(new Check("soak", soakHolds, "in write-new for " + Durations.human(soaked) + " (since "
                + enteredAt.occurredAt() + "), the soak is " + Durations.human(soak)
                + (soakHolds ? "" : ": " + Durations.human(soak.minus(soaked)) + " to go")));

        checks.add(verifyCheck(store, connection, id, enteredAt));

        Instant windowStart = now.minus(soak);
        List<InstanceReport> instances = store.instances(connection);
        UsageSummary usage = UsageSummary.of(instances, id, standing.version(), windowStart);
        checks.add(callersCheck(usage, windowStart));

        Migration m = standing.migration();
        if (m == null) {
            checks.add(new Check("outside activity", false, "the migration is not in the rules given (--rules):"
                    + " cannot tell which table is the old one"));
        } else if (!checkActivity) {
            checks.add(new Check("outside activity", true, "not checked (turned off by the operator)"));
        } else {
            checks.add(OutsideActivity.check(fleet, m, enteredAt, usage));
        }
        return new Report(id, now, phase, checks, usage.callers());
    }

    private static Check verifyCheck(StateStore store, java.sql.Connection connection, String id,
                                     HistoryEntry entered) throws SQLException {
        Optional<HistoryEntry> latest = store.latestVerify(connection, id);
        if (latest.isEmpty()) {
            return new Check("verify", false, "no verify recorded: run 'tandem verify " + id + "'");
        }
        HistoryEntry v = latest.get();
        if (!HistoryEntry.CLEAN.equals(v.outcome())) {
            return new Check("verify", false, "the latest verify (" + v.occurredAt() + ") found "
                    + (v.outcome() == null ? "no outcome" : v.outcome()));
        }
        if (v.id() < entered.id()) {
            return new Check("verify", false, "the latest clean verify (" + v.occurredAt() + ") is older than"
                    + " write-new (" + entered.occurredAt() + "): run 'tandem verify " + id + "' again");
        }
        return new Check("verify", true, "clean at " + v.occurredAt() + " by " + v.actor());
    }

    private Check callersCheck(UsageSummary usage, Instant windowStart) {
        if (usage.lastUse() == null) {
            return new Check("old-structure usage", true, "no statement naming the old structure from "
                    + usage.instances() + " instance(s) seen during the last " + Durations.human(soak));
        }
        boolean holds = usage.lastUse().isBefore(windowStart);
        return new Check("old-structure usage", holds, (holds ? "last statement naming the old structure at "
                : "statements naming the old structure as late as ") + usage.lastUse()
                + (holds ? ", before the last " + Durations.human(soak)
                : " (" + usage.callers().size() + " caller(s) below): change that code to the new structure,"
                + " deploy, and let it soak"));
    }

    /** Details of a report for {@code tandem_history}: the checks, no keys or values. */
    static String details(Report report) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        for (Check c : report.checks()) {
            Map<String, Object> one = new HashMap<>();
            one.put("holds", c.holds());
            one.put("detail", c.detail());
            doc.put(c.name(), one);
        }
        List<Object> callers = new ArrayList<>();
        report.callers().stream().sorted(Comparator.comparing(CallerUse::caller)).forEach(c -> {
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("caller", c.caller());
            one.put("statements", c.statements());
            one.put("lastSeen", c.lastSeen() == null ? null : c.lastSeen().toString());
            callers.add(one);
        });
        doc.put("callers", callers);
        return Json.write(doc);
    }
}
