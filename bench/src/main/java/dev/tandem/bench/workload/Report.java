package dev.tandem.bench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one harness run: a Markdown table per database, the targets checked, and a chart. */
public final class Report {
    private final WorkloadOptions options;
    private final String machine;
    private final Map<Target.Kind, String> versions;
    private final Map<Target.Kind, List<Summary>> summaries = new LinkedHashMap<>();
    private final String started;
    private final String loadBefore;
    private final String loadAfter;
    private final List<RunResult> runs;

    Report(WorkloadOptions options, String machine, Map<Target.Kind, String> versions, List<RunResult> runs,
           String started, String loadBefore, String loadAfter) {
        this.options = options;
        this.machine = machine;
        this.versions = versions;
        this.started = started;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.runs = List.copyOf(runs);
        for (Target.Kind db : versions.keySet()) {
            summaries.put(db, Summary.of(db, options.configurations(), runs));
        }
    }

    public Map<Target.Kind, List<Summary>> summaries() {
        return summaries;
    }

    public List<RunResult> runs() {
        return runs;
    }

    /** A target of the issue: {@code measured ≥ bound}. */
    record Check(String what, double measured, double bound) {
        boolean met() {
            return measured >= bound;
        }
    }

    /** The ratio targets that this run's configurations allow checking, for one database. */
    List<Check> checks(Target.Kind db) {
        List<Check> checks = new ArrayList<>();
        for (Summary s : summaries.get(db)) {
            switch (s.configuration()) {
                case UNRELATED -> add(checks, "(2) ≥ 0.98 × (1)", s.toRaw(), 0.98);
                case WRITE_BOTH_COLUMN -> add(checks, "(3) ≥ 0.95 × (1)", s.toRaw(), 0.95);
                case WRITE_BOTH_TABLE -> {
                    add(checks, "(4) ≥ 0.95 × (5t)", s.toHand(), 0.95);
                    add(checks, "(4) within 10 % of (6t): ≥ 0.90 × (6t)", s.toTrigger(), 0.90);
                }
                case READ_BOTH_1 -> add(checks, "read-both 1 % (7a) ≥ 0.97 × (1)", s.toRaw(), 0.97);
                case READ_BOTH_100 -> add(checks, "read-both 100 % (7b) ≥ 0.45 × (1)", s.toRaw(), 0.45);
                default -> {
                }
            }
        }
        return checks;
    }

    private static void add(List<Check> checks, String what, double measured, double bound) {
        if (!Double.isNaN(measured)) {
            checks.add(new Check(what, measured, bound));
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Workload: what Tandem costs against the raw driver\n\n");
        if (options.note() != null) {
            md.append("> **").append(options.note()).append("**\n\n");
        }
        md.append("- Run: ").append(started).append(options.smoke() ? " (smoke mode: too short to mean anything)" : "")
                .append("\n");
        md.append("- Machine: ").append(machine).append("; load average ").append(loadBefore).append(" at start, ")
                .append(loadAfter).append(" at end\n");
        for (Map.Entry<Target.Kind, String> v : versions.entrySet()) {
            md.append("- ").append(v.getKey().displayName()).append(": ").append(v.getValue()).append("\n");
        }
        md.append("- Workload: ").append(Operation.mix()).append("; Hibernate-style SQL through HikariCP, ")
                .append(options.threads()).append(" threads = pool size, autocommit; ")
                .append(String.format(Locale.ROOT, "%,d", options.operations())).append(" measured operations per run after ")
                .append(String.format(Locale.ROOT, "%,d", options.warmUpOperations())).append(" unmeasured; ")
                .append(String.format(Locale.ROOT, "%,d", options.rows())).append(" seed rows reloaded before every run; seed ")
                .append(options.seed()).append("\n");
        md.append("- Rounds: ").append(options.rounds()).append(" (after ").append(options.warmUpRounds())
                .append(" unmeasured); each round runs every configuration once, the order rotated by one each round;"
                        + " ratios are the median of per-round ratios\n");
        md.append("- Command: `bench/run workload").append(options.smoke() ? " --smoke" : "").append(" --db ")
                .append(String.join(",", versions.keySet().stream().map(Target.Kind::id).toList()))
                .append(" --ops ").append(options.operations()).append(" --warmup-ops ")
                .append(options.warmUpOperations()).append(" --warmup-rounds ").append(options.warmUpRounds())
                .append(" --rounds ").append(options.rounds()).append(" --threads ").append(options.threads())
                .append(" --rows ").append(options.rows()).append(" --seed ").append(options.seed())
                .append("` (see bench/README.md)\n\n");
        md.append("Columns: ops/s is the median over rounds (min–max beside it); p50/p99 pool every operation of every"
                + " round; × (1), × hand, × trigger are throughput ratios to the raw driver, to the same dual-write"
                + " written by hand (5c/5t) and by a trigger (6c/6t); × (4) compares a read phase with write-both,"
                + " whose writes it also does; CPU µs/op is the CPU time of the harness's whole process per operation"
                + " (median over rounds): the client side — HikariCP, Tandem, the JDBC driver — on PostgreSQL and"
                + " MariaDB, and the database too on H2 (in process); it is far less disturbed by other load on the"
                + " machine than throughput; drift is the number of rows the new structure got wrong after the run"
                + " (must be 0 for every configuration that dual-writes; (1) and (2) do not).\n\n");
        for (Map.Entry<Target.Kind, List<Summary>> e : summaries.entrySet()) {
            md.append("## ").append(e.getKey().displayName()).append("\n\n");
            md.append("| configuration | ops/s | min–max | p50 µs | p99 µs | CPU µs/op | × (1) | × hand | × trigger"
                    + " | × (4) | drift | retries | errors |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Summary s : e.getValue()) {
                md.append("| ").append(s.configuration().label())
                        .append(" | ").append(number(s.throughput()))
                        .append(" | ").append(number(s.minThroughput())).append("–").append(number(s.maxThroughput()))
                        .append(" | ").append(micros(s.p50Micros()))
                        .append(" | ").append(micros(s.p99Micros()))
                        .append(" | ").append(micros(s.cpuMicros()))
                        .append(" | ").append(ratio(s.toRaw()))
                        .append(" | ").append(ratio(s.toHand()))
                        .append(" | ").append(ratio(s.toTrigger()))
                        .append(" | ").append(ratio(s.toWriteBoth()))
                        .append(" | ").append(s.dualWrites() ? Long.toString(s.drift()) : "(" + s.drift() + ")")
                        .append(" | ").append(s.retries())
                        .append(" | ").append(s.errors())
                        .append(" |\n");
            }
            md.append("\n");
            for (Summary s : e.getValue()) {
                if (s.firstError() != null) {
                    md.append("First error in ").append(s.configuration().label()).append(": `")
                            .append(s.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n\n");
                }
            }
            List<Check> checks = checks(e.getKey());
            if (!checks.isEmpty()) {
                md.append("Targets (issue 5):\n\n");
                for (Check c : checks) {
                    md.append("- ").append(c.what()).append(": ").append(ratio(c.measured())).append(" — ")
                            .append(c.met() ? "met" : "**missed**").append("\n");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }

    public String svg() {
        return SvgChart.render(this, options.note());
    }

    static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String micros(double v) {
        return Double.isNaN(v) ? "–" : v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    String machine() {
        return machine;
    }

    String started() {
        return started;
    }
}
