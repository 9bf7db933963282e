package dev.tandem.cli;

import dev.tandem.backfill.Checkpoint;
import dev.tandem.backfill.CheckpointStore;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;
import dev.tandem.state.FleetUsage;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.Json;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tandem status [MIGRATION] [--json]}: per migration, its phase, percent and version, when, by whom and why it
 * changed, which live instances apply it and which lag, its backfill's progress, its last verify, and which callers
 * still use the old structure (summed over the live instances).
 */
final class StatusCommand implements Command {
    static final String JSON = "--json";
    static final String STALE_AFTER = "--stale-after";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Environment env;

    StatusCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show each migration's phase, who changed it, and whether every instance applies it";
    }

    @Override
    public String usage() {
        return "usage: tandem status [MIGRATION] --url URL [--json] [--stale-after SECONDS] [--user NAME]"
                + " [--rules PATH]\n"
                + "  Every migration of the rules and of tandem_state (or only MIGRATION): phase, percent, version,\n"
                + "  when, by whom and why it last changed, the live instances and whether each applies it, the\n"
                + "  number of stale instances, the backfill's progress, the last verify, and the statements naming\n"
                + "  the old structure by caller (top " + TOP_CALLERS + "), with the read-both shadow outcomes, summed\n"
                + "  over the live instances since the current version. Times are UTC, by the database's clock.\n"
                + "  --json               a JSON document instead of the table\n"
                + "  --stale-after SECS   an instance whose heartbeat is older is stale (default 10)\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(STALE_AFTER), Set.of(JSON));
        if (a.positionals().size() > 1) {
            throw new UsageException("expected at most one MIGRATION, not " + a.positionals());
        }
        String only = a.positionals().isEmpty() ? null : a.positionals().get(0);
        int staleAfter = a.intValue(STALE_AFTER, (int) Fleet.DEFAULT_STALE_AFTER.toSeconds(), 1, 86_400);
        CommonOptions common = CommonOptions.from(a, env);
        try (Connection c = common.connect(env)) {
            Fleet fleet = new Fleet(c, common.dialect(c), common.rules()).staleAfter(Duration.ofSeconds(staleAfter));
            Fleet.Status status;
            try {
                status = fleet.status(only);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Map<String, List<Checkpoint>> backfills = backfills(c, fleet, status);
            if (a.flag(JSON)) {
                out.println(Json.pretty(json(status, fleet, common, backfills)));
            } else {
                text(status, fleet, common, backfills, out);
            }
            return OK;
        }
    }

    // ------------------------------------------------------------------------------------------------ text

    /** Each migration's backfill checkpoints (forward, then reverse); empty when there is no tandem_backfill. */
    private static Map<String, List<Checkpoint>> backfills(Connection c, Fleet fleet, Fleet.Status status)
            throws java.sql.SQLException {
        Map<String, List<Checkpoint>> out = new LinkedHashMap<>();
        if (!Boolean.TRUE.equals(status.tables().get(ControlSchema.BACKFILL))) {
            return out;
        }
        for (Checkpoint cp : new CheckpointStore(fleet.dialect()).all(c)) {
            out.computeIfAbsent(cp.migration(), k -> new ArrayList<>()).add(cp);
        }
        return out;
    }

    private static void text(Fleet.Status status, Fleet fleet, CommonOptions common,
                             Map<String, List<Checkpoint>> backfills, PrintStream out) {
        out.println("Tandem on " + fleet.dialect().displayName() + " (" + common.displayUrl() + "), "
                + TIME.format(status.now()) + " UTC by the database's clock");
        List<String> missing = new ArrayList<>();
        status.tables().forEach((t, exists) -> {
            if (!exists) {
                missing.add(t);
            }
        });
        if (!missing.isEmpty()) {
            out.println("control tables missing: " + String.join(", ", missing) + " (run 'tandem init')"
                    + (status.tables().get(ControlSchema.STATE) ? "" : ": every migration is at its rules file's phase"));
        }
        out.println("instances: " + status.live().size() + " live, " + status.staleInstances()
                + " stale (no heartbeat for " + status.staleAfter().toSeconds() + " s)");
        out.println();
        if (status.migrations().isEmpty()) {
            out.println("no migrations (give --rules, or flip one with 'tandem phase')");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"MIGRATION", "PHASE", "PERCENT", "VERSION", "SOURCE", "CHANGED (UTC)", "BY", "FLEET"});
        for (Fleet.MigrationStatus m : status.migrations()) {
            Fleet.Standing s = m.standing();
            rows.add(new String[]{s.id(), s.phaseText(), s.percent() + "%", String.valueOf(s.version()),
                    s.fromDatabase() ? "database" : "rules",
                    s.fromDatabase() ? TIME.format(s.row().changedAt()) : "-",
                    s.fromDatabase() ? s.row().changedBy() : "-",
                    fleetSummary(m.convergence())});
        }
        table(rows, out);
        for (Fleet.MigrationStatus m : status.migrations()) {
            List<String> notes = new ArrayList<>();
            Fleet.Standing s = m.standing();
            if (s.fromDatabase() && s.row().reason() != null && !s.row().reason().isBlank()) {
                notes.add("reason: " + oneLine(s.row().reason()));
            }
            if (s.fromDatabase() && s.row().handover() != null) {
                notes.add("key handover in progress: inserts into " + (s.migration() == null ? "the old table"
                        : s.migration().from().sql()) + " take the migration's key lock; 'tandem phase' ends it once"
                        + " no instance runs an earlier phase");
            }
            if (s.phase() == null) {
                notes.add("phase '" + s.phaseText() + "' is unknown to this version of Tandem");
            }
            if (s.migration() == null) {
                notes.add("not in the rules given");
            }
            for (InstanceReport i : m.convergence().lagging()) {
                notes.add("lagging: " + i.describe() + " reports " + i.phases().get(s.id()));
            }
            for (InstanceReport i : m.convergence().converged()) {
                InstanceReport.Reported r = i.phases().get(s.id());
                if (r.stateUnread()) {
                    notes.add("cannot read " + ControlSchema.STATE + ": " + i.describe() + " for "
                            + (r.stateReadFailingMs() / 1000) + " s, keeps " + r.phase() + " " + r.percent() + "%");
                }
            }
            for (InstanceReport i : m.convergence().converged()) {
                InstanceReport.Reported r = i.phases().get(s.id());
                if (r.oldestInUse() >= 0) {
                    notes.add(drainNote(i, r));
                }
            }
            for (InstanceReport i : m.convergence().lagging()) {
                InstanceReport.Reported r = i.phases().get(s.id());
                if (r.oldestInUse() >= 0) {
                    notes.add(drainNote(i, r));
                }
            }
            if (!m.convergence().unaware().isEmpty()) {
                notes.add(m.convergence().unaware().size() + " live instance(s) do not know this migration");
            }
            for (Checkpoint cp : backfills.getOrDefault(s.id(), List.of())) {
                notes.add(backfillNote(cp));
            }
            HistoryEntry v = m.lastVerify();
            notes.add("last verify: " + (v == null ? "none"
                    : v.outcome() + " at " + TIME.format(v.occurredAt()) + " UTC by " + v.actor()));
            notes.addAll(usageNotes(m.usage(), status.now()));
            out.println();
            out.println(s.id() + ":");
            for (String n : notes) {
                out.println("  " + n);
            }
        }
    }

    /**
     * e.g. {@code draining: i-1 on host (pid 7) still runs transaction(s) on version 3 (it applies version 4)}: what a
     * flip that needs the old phase gone (Fleet.awaitDrain) still waits for.
     */
    private static String drainNote(InstanceReport i, InstanceReport.Reported r) {
        return "draining: " + i.describe() + " still runs transaction(s) on version " + r.oldestInUse()
                + " (it applies version " + r.version() + ")";
    }

    /** e.g. {@code backfill: running, 4500/10000 rows (45.0%), updated 2026-01-02 10:00:00 UTC}. */
    private static String backfillNote(Checkpoint cp) {
        Double pct = cp.percent();
        return "backfill" + (cp.direction().equals(Checkpoint.REVERSE) ? " (reverse)" : "") + ": " + cp.state()
                + (cp.paused() && !cp.state().equals(Checkpoint.PAUSED) ? " (pause requested)" : "") + ", "
                + cp.rowsDone() + (cp.rowsTotal() == null ? "" : "/" + cp.rowsTotal()) + " rows"
                + (pct == null ? "" : String.format(java.util.Locale.ROOT, " (%.1f%%)", pct))
                + (cp.updatedAt() == null ? "" : ", updated " + TIME.format(cp.updatedAt()) + " UTC");
    }

    /** How many callers the table shows per migration. */
    static final int TOP_CALLERS = 10;

    /** The old structure's use by caller, the down syncs and the shadow outcomes, summed over the live fleet. */
    private static List<String> usageNotes(FleetUsage u, Instant now) {
        List<String> notes = new ArrayList<>();
        if (u.instances() == 0) {
            notes.add("old-structure usage: no live instance reports it for version " + u.version()
                    + (u.otherVersions() == 0 ? "" : " (" + u.otherVersions() + " report another version)"));
            return notes;
        }
        notes.add("old-structure usage since version " + u.version() + " (" + u.instances() + " live instance(s)"
                + (u.otherVersions() == 0 ? "" : ", " + u.otherVersions() + " on another version") + "): "
                + u.legacyTotal() + " statement(s) naming the old structure"
                + (u.callers().isEmpty() ? "" : ", by caller (estimated):"));
        int shown = 0;
        for (FleetUsage.CallerSeen c : u.callers()) {
            if (shown++ == TOP_CALLERS) {
                notes.add("  ... " + (u.callers().size() - TOP_CALLERS) + " more caller(s) (--json lists them all)");
                break;
            }
            notes.add("  " + c.caller() + "  ~" + c.count() + (c.lastSeen() == null ? ""
                    : "  last seen " + Math.max(0, Duration.between(c.lastSeen(), now).toSeconds()) + " s ago"));
        }
        if (u.downStatements() > 0) {
            notes.add("kept fresh through down: " + u.downStatements() + " statement(s), " + u.downRows()
                    + " row(s)");
        }
        if (!u.shadow().isEmpty()) {
            StringBuilder sb = new StringBuilder("shadow reads:");
            u.shadow().forEach((k, n) -> sb.append(' ').append(k).append(' ').append(n).append(','));
            notes.add(sb.substring(0, sb.length() - 1));
        }
        return notes;
    }

    private static Map<String, Object> usageJson(FleetUsage u, Instant now) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("version", u.version());
        j.put("instances", u.instances());
        j.put("otherVersions", u.otherVersions());
        j.put("legacyStatements", u.legacyTotal());
        List<Object> callers = new ArrayList<>();
        for (FleetUsage.CallerSeen c : u.callers()) {
            Map<String, Object> cj = new LinkedHashMap<>();
            cj.put("caller", c.caller());
            cj.put("count", c.count());
            cj.put("lastSeen", time(c.lastSeen()));
            cj.put("lastSeenSecondsAgo", c.lastSeen() == null ? null
                    : Math.max(0, Duration.between(c.lastSeen(), now).toSeconds()));
            callers.add(cj);
        }
        j.put("callers", callers);
        Map<String, Object> down = new LinkedHashMap<>();
        down.put("statements", u.downStatements());
        down.put("rows", u.downRows());
        j.put("down", down);
        j.put("shadow", u.shadow());
        return j;
    }

    private static String fleetSummary(Fleet.Convergence c) {
        int aware = c.converged().size() + c.lagging().size();
        if (aware == 0) {
            return "no live instance";
        }
        return c.converged().size() + "/" + aware + " converged" + (c.lagging().isEmpty() ? ""
                : ", " + c.lagging().size() + " lagging");
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i == 2 || i == 3;
                String cell = r[i];
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(right ? pad + cell : cell + (i == r.length - 1 ? "" : pad));
                if (i < r.length - 1) {
                    sb.append("  ");
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    // ------------------------------------------------------------------------------------------------ JSON

    private static Map<String, Object> json(Fleet.Status status, Fleet fleet, CommonOptions common,
                                            Map<String, List<Checkpoint>> backfills) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", fleet.dialect().displayName());
        doc.put("url", common.displayUrl());
        doc.put("now", time(status.now()));
        doc.put("staleAfterSeconds", status.staleAfter().toSeconds());
        doc.put("controlTables", status.tables());
        List<Object> migrations = new ArrayList<>();
        for (Fleet.MigrationStatus m : status.migrations()) {
            Fleet.Standing s = m.standing();
            Map<String, Object> mj = new LinkedHashMap<>();
            mj.put("migration", s.id());
            mj.put("phase", s.phaseText());
            mj.put("percent", s.percent());
            mj.put("version", s.version());
            mj.put("handover", s.fromDatabase() ? s.row().handover() : null);
            mj.put("source", s.fromDatabase() ? "database" : "rules");
            mj.put("inRules", s.migration() != null);
            mj.put("changedAt", s.fromDatabase() ? time(s.row().changedAt()) : null);
            mj.put("changedBy", s.fromDatabase() ? s.row().changedBy() : null);
            mj.put("reason", s.fromDatabase() ? s.row().reason() : null);
            Fleet.Convergence c = m.convergence();
            Map<String, Object> fj = new LinkedHashMap<>();
            fj.put("converged", c.done());
            List<Object> instances = new ArrayList<>();
            for (InstanceReport i : c.converged()) {
                instances.add(instance(i, s.id(), true));
            }
            for (InstanceReport i : c.lagging()) {
                instances.add(instance(i, s.id(), false));
            }
            fj.put("instances", instances);
            List<Object> draining = new ArrayList<>();
            for (List<InstanceReport> group : List.of(c.converged(), c.lagging())) {
                for (InstanceReport i : group) {
                    InstanceReport.Reported r = i.phases().get(s.id());
                    if (r.oldestInUse() >= 0) {
                        Map<String, Object> dj = new LinkedHashMap<>();
                        dj.put("id", i.instanceId());
                        dj.put("version", r.version());
                        dj.put("oldestInUse", r.oldestInUse());
                        dj.put("note", drainNote(i, r));
                        draining.add(dj);
                    }
                }
            }
            fj.put("draining", draining);
            fj.put("unaware", c.unaware().stream().map(InstanceReport::instanceId).toList());
            fj.put("stale", c.stale());
            mj.put("fleet", fj);
            List<Object> bj = new ArrayList<>();
            for (Checkpoint cp : backfills.getOrDefault(s.id(), List.of())) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("direction", cp.direction());
                one.put("state", cp.state());
                one.put("paused", cp.paused());
                one.put("rowsDone", cp.rowsDone());
                one.put("rowsTotal", cp.rowsTotal());
                one.put("percent", cp.percent() == null ? null : Math.round(cp.percent() * 10) / 10.0);
                one.put("startedAt", time(cp.startedAt()));
                one.put("updatedAt", time(cp.updatedAt()));
                one.put("finishedAt", time(cp.finishedAt()));
                bj.add(one);
            }
            mj.put("backfill", bj);
            HistoryEntry v = m.lastVerify();
            if (v == null) {
                mj.put("lastVerify", null);
            } else {
                Map<String, Object> vj = new LinkedHashMap<>();
                vj.put("at", time(v.occurredAt()));
                vj.put("outcome", v.outcome());
                vj.put("actor", v.actor());
                vj.put("details", v.details());
                mj.put("lastVerify", vj);
            }
            mj.put("usage", usageJson(m.usage(), status.now()));
            migrations.add(mj);
        }
        doc.put("migrations", migrations);
        Map<String, Object> ij = new LinkedHashMap<>();
        List<Object> live = new ArrayList<>();
        for (InstanceReport i : status.live()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", i.instanceId());
            one.put("host", i.host());
            one.put("pid", i.pid());
            one.put("startedAt", time(i.startedAt()));
            one.put("heartbeatAt", time(i.heartbeatAt()));
            live.add(one);
        }
        ij.put("live", live);
        ij.put("stale", status.staleInstances());
        doc.put("instances", ij);
        return doc;
    }

    private static Map<String, Object> instance(InstanceReport i, String migration, boolean converged) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("id", i.instanceId());
        one.put("host", i.host());
        one.put("pid", i.pid());
        InstanceReport.Reported r = i.phases().get(migration);
        Map<String, Object> reports = new LinkedHashMap<>();
        reports.put("phase", r.phase());
        reports.put("percent", r.percent());
        reports.put("version", r.version());
        if (r.stateUnread()) {
            reports.put("stateReadFailingMs", r.stateReadFailingMs());
        }
        if (r.oldestInUse() >= 0) {
            reports.put("oldestInUse", r.oldestInUse());
        }
        one.put("reports", reports);
        one.put("converged", converged);
        one.put("heartbeatAt", time(i.heartbeatAt()));
        return one;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
