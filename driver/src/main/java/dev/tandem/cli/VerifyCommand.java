package dev.tandem.cli;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.sql.Dialect;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Json;
import dev.tandem.state.StateStore;
import dev.tandem.verify.Verify;
import dev.tandem.verify.VerifyException;
import dev.tandem.verify.VerifyReport;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tandem verify MIGRATION [--reverse] [--chunk N]}: counts the keys missing, extra and different between
 * {@code to} and {@code up(from)} (or {@code from} and {@code down(to)}), records the outcome in {@code tandem_history}
 * and exits 1 on any drift. A thin shell over {@link Verify}.
 */
final class VerifyCommand implements Command {
    static final String REVERSE = "--reverse";
    static final String CHUNK = "--chunk";
    static final String JSON = "--json";
    static final String BY = CommonOptions.BY;
    static final String RECHECK_DELAY = "--recheck-delay";

    private final Environment env;

    VerifyCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "count rows missing, extra and different between the new structure and up(old); exit 1 on drift";
    }

    @Override
    public String usage() {
        return "usage: tandem verify MIGRATION --url URL [--reverse] [--chunk N] [--json] [--by NAME]\n"
                + "                    [--recheck-delay MS] [--user NAME] [--rules PATH]\n"
                + "  Compares to with up(from) in key-range chunks, each a short read-only transaction; a key found\n"
                + "  missing, extra or different is re-read after a short pause and counts only if it still differs.\n"
                + "  Prints the counts and up to " + VerifyReport.MAX_SAMPLES + " sample keys of each kind (keys only,"
                + " never column values), records the\n"
                + "  outcome in tandem_history (the read-new gate needs a clean one). Exit 0 clean, 1 drift, 2 bad usage.\n"
                + "  --reverse            compare from with down(to) instead (recorded as verify-reverse)\n"
                + "  --chunk N            source rows per chunk, 1 to " + Verify.MAX_CHUNK + " (default "
                + Verify.DEFAULT_CHUNK + ")\n"
                + "  --json               the report as JSON\n"
                + "  --by NAME            who, recorded in tandem_history (default: user@host)\n"
                + "  --recheck-delay MS   the pause before differing keys are re-read (default 500)\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(CHUNK, BY, RECHECK_DELAY),
                Set.of(REVERSE, JSON));
        if (a.positionals().size() != 1) {
            throw new UsageException("expected one MIGRATION (usage: tandem verify MIGRATION --url URL [--reverse]"
                    + " [--chunk N])");
        }
        String id = a.positionals().get(0);
        int chunk = a.intValue(CHUNK, Verify.DEFAULT_CHUNK, 1, Verify.MAX_CHUNK);
        int delay = a.intValue(RECHECK_DELAY, 500, 0, 600_000);
        String actor = CommonOptions.actor(a);
        CommonOptions common = CommonOptions.from(a, env);
        RuleSet rules = common.rules();
        Migration migration = CommonOptions.migration(rules, id);
        boolean reverse = a.flag(REVERSE);
        boolean json = a.flag(JSON);

        try (Connection c = common.connect(env)) {
            Dialect dialect = common.dialect(c);
            if (!new StateStore(dialect).exists(c, ControlSchema.HISTORY)) {
                throw new UsageException("the control tables do not exist on " + common.displayUrl()
                        + ": run 'tandem init' first");
            }
            VerifyReport report;
            try {
                report = Verify.of(c, dialect, migration).reverse(reverse).chunkSize(chunk)
                        .recheckDelay(Duration.ofMillis(delay))
                        .progress(Duration.ofSeconds(5), p -> err.println(p))
                        .run();
            } catch (VerifyException e) {
                throw new UsageException(e.getMessage(), e);
            }
            Verify.record(c, dialect, report, actor);
            if (json) {
                Map<String, Object> m = report.toMap();
                out.println(Json.pretty(m));
            } else {
                text(report, out);
            }
            return report.clean() ? OK : CHECK_FAILED;
        }
    }

    private static void text(VerifyReport r, PrintStream out) {
        out.printf("verify %s: %s against %s(%s), %,d rows in %,d chunks, %.1f s (%,.0f rows/s)%n", r.migration(),
                r.target(), r.reverse() ? "down" : "up", r.source(), r.rowsCompared(), r.chunks(),
                r.duration().toNanos() / 1e9, r.rowsPerSecond());
        line(out, "missing", r.missing(), r.sampleMissing());
        line(out, "extra", r.extra(), r.sampleExtra());
        line(out, "different", r.different(), r.sampleDifferent());
        if (r.clean()) {
            out.println("clean" + (r.rechecked() > 0 ? " (" + r.rechecked() + " keys differed at first and agreed"
                    + " when re-read)" : "") + "; recorded in " + ControlSchema.HISTORY);
        } else {
            out.println("drift: " + r.drift() + " keys out of step; recorded in " + ControlSchema.HISTORY);
        }
    }

    private static void line(PrintStream out, String kind, long count, List<String> samples) {
        String label = String.format("  %-10s %,d", kind + ":", count);
        if (samples.isEmpty()) {
            out.println(label);
        } else {
            out.println(label + "  keys: " + String.join(", ", samples)
                    + (count > samples.size() ? ", ..." : ""));
        }
    }
}
