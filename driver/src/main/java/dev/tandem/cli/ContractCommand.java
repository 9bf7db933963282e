package dev.tandem.cli;

import dev.tandem.contract.Contract;
import dev.tandem.contract.ContractGate;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.schemachange.PlanException;
import dev.tandem.schemachange.SchemaChangePlanner;
import dev.tandem.sql.Dialect;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tandem contract MIGRATION [--execute]}: the contract gate, then (with {@code --execute}) the move to
 * {@code contracted} and the DDL that drops the old structure. A shell over {@link Contract}.
 */
final class ContractCommand implements Command {
    static final String EXECUTE = "--execute";
    static final String SOAK = "--soak";
    static final String WAIT = "--wait";
    static final String NO_ACTIVITY_CHECK = "--no-activity-check";
    static final String BY = CommonOptions.BY;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)?");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Environment env;

    ContractCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "contract";
    }

    @Override
    public String summary() {
        return "check the contract gate; with --execute move to contracted and drop the old structure";
    }

    @Override
    public String usage() {
        return "usage: tandem contract MIGRATION --url URL --rules PATH [--execute] [--soak DURATION] [--wait SECONDS]\n"
                + "                      [--no-activity-check] [--by NAME] [--user NAME]\n"
                + "  Checks the gate: write-new for at least the soak time, a clean verify since write-new, no\n"
                + "  statement naming the old structure from any instance during the last soak period (by caller),\n"
                + "  and nothing but Tandem reading or writing the old table since write-new (database statistics,\n"
                + "  table-level migrations on PostgreSQL and MariaDB). Exit 0 when it holds, 1 when it does not.\n"
                + "  --execute            then move to contracted, wait for the fleet, and run the contract DDL of\n"
                + "                       'tandem plan' (DROP COLUMN / DROP TABLE); recorded in tandem_history\n"
                + "  --soak DURATION      how long write-new must have held: 24h (default), 90m, 3600s, 2d, 0\n"
                + "  --wait SECONDS       how long to wait for every live instance to apply contracted (default 60)\n"
                + "  --no-activity-check  skip the table-statistics check (say why in your change record)\n"
                + "  --by NAME            who is contracting (recorded; default user@host)\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(SOAK, WAIT, BY),
                Set.of(EXECUTE, NO_ACTIVITY_CHECK));
        if (a.positionals().size() != 1) {
            throw new UsageException("expected one MIGRATION (usage: tandem contract MIGRATION --url URL --rules PATH"
                    + " [--execute])");
        }
        String id = a.positionals().get(0);
        Duration soak = a.has(SOAK) ? duration(a.value(SOAK)) : ContractGate.DEFAULT_SOAK;
        int wait = a.intValue(WAIT, 60, 0, 86_400);
        String actor = CommonOptions.actor(a);
        CommonOptions common = CommonOptions.from(a, env);
        if (!common.hasRules()) {
            throw new UsageException("--rules is required: the gate needs the migration's tables");
        }
        try (Connection c = common.connect(env)) {
            Dialect dialect = common.dialect(c);
            Fleet fleet = new Fleet(c, dialect, common.rules());
            Map<String, Boolean> tables = fleet.tables();
            if (tables.containsValue(false)) {
                throw new UsageException("the control tables do not exist on " + common.displayUrl()
                        + ": run 'tandem init' first");
            }
            Migration m = CommonOptions.migration(fleet.rules(), id);
            Contract contract = new Contract(fleet, new ContractGate(fleet, soak, !a.flag(NO_ACTIVITY_CHECK)));
            if (alreadyDone(fleet, id)) {
                out.println(id + ": already contracted, and the old structure was dropped");
                return OK;
            }
            if (!a.flag(EXECUTE)) {
                ContractGate.Report report = contract.check(id);
                print(report, out);
                if (!report.holds()) {
                    throw new CheckFailedException("the contract gate does not hold for '" + id + "'");
                }
                out.println("the gate holds: 'tandem contract " + id + " --execute' drops "
                        + (m.columnLevel() ? "the old column(s)" : m.from().sql()));
                return OK;
            }
            List<String> ddl = contractDdl(c, m, dialect);
            Contract.Outcome outcome = contract.execute(id, ddl, Duration.ofSeconds(wait), actor,
                    step -> out.println("  " + step));
            print(outcome.report(), out);
            if (!outcome.done()) {
                throw new CheckFailedException(outcome.stopped());
            }
            out.println(id + ": contracted; the old structure is gone (" + outcome.executed().size()
                    + " statement(s))");
            return OK;
        }
    }

    private static boolean alreadyDone(Fleet fleet, String id) throws java.sql.SQLException {
        if (fleet.standing(id).phase() != Phase.CONTRACTED) {
            return false;
        }
        return fleet.store().history(fleet.connection(), id, 50).stream()
                .filter(e -> HistoryEntry.CONTRACT.equals(e.event())).findFirst()
                .map(e -> HistoryEntry.OK.equals(e.outcome())).orElse(false);
    }

    private static void print(ContractGate.Report report, PrintStream out) {
        out.println("contract gate for '" + report.migration() + "' at " + TIME.format(report.now())
                + " UTC (database clock):");
        for (ContractGate.Check check : report.checks()) {
            out.println("  " + check);
        }
        if (!report.callers().isEmpty()) {
            out.println("  callers that spoke the old structure (estimated statements, last seen UTC):");
            for (ContractGate.CallerUse caller : report.callers()) {
                out.printf("    %-60s %10d  %s%n", caller.caller(), caller.statements(),
                        caller.lastSeen() == null ? "?" : TIME.format(caller.lastSeen()));
            }
        }
    }

    static Duration duration(String text) throws UsageException {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--soak takes a duration such as 24h, 90m, 3600s, 2d or 0, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static List<String> contractDdl(Connection c, Migration m, Dialect dialect) throws UsageException {
        try {
            return SchemaChangePlanner.plan(c, m, dialect).contract();
        } catch (PlanException e) {
            throw new UsageException("cannot make the contract DDL: " + e.getMessage(), e);
        }
    }
}
