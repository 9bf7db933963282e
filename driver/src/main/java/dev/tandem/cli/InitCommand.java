package dev.tandem.cli;

import dev.tandem.rules.RuleSet;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code tandem init}: creates the control tables (idempotent) and says what exists. */
final class InitCommand implements Command {
    private final Environment env;

    InitCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String summary() {
        return "create the control tables (tandem_state, tandem_history, tandem_backfill, tandem_instances)";
    }

    @Override
    public String usage() {
        return "usage: tandem init --url URL [--user NAME] [--rules PATH]\n"
                + "  Creates the control tables that do not exist yet, in the connection's default schema; running\n"
                + "  it again changes nothing. Needs the right to create tables (the driver itself never does).\n"
                + CommonOptions.USAGE + "  (optional here: checked when given)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(), Set.of());
        if (!a.positionals().isEmpty()) {
            throw new UsageException("init takes no arguments, not '" + a.positionals().get(0) + "'");
        }
        CommonOptions common = CommonOptions.from(a, env);
        RuleSet rules = common.rules();
        try (Connection c = common.connect(env)) {
            Fleet fleet = new Fleet(c, common.dialect(c), rules);
            Map<String, Boolean> created = fleet.init();
            out.println("control tables on " + fleet.dialect().displayName() + " (" + common.displayUrl() + "):");
            for (Map.Entry<String, Boolean> e : created.entrySet()) {
                out.printf("  %-18s %s%n", e.getKey(), e.getValue() ? "created" : "exists");
            }
            if (common.hasRules()) {
                out.println("rules: " + rules.migrations().size() + " migration(s)"
                        + (rules.isEmpty() ? "" : ": " + String.join(", ", ids(rules))));
            }
            boolean all = fleet.tables().values().stream().allMatch(Boolean::booleanValue);
            if (!all) {
                throw new CheckFailedException("some control tables are still missing after init");
            }
            out.println("ready: " + String.join(", ", ControlSchema.TABLES));
            return OK;
        }
    }

    private static List<String> ids(RuleSet rules) {
        return rules.migrations().stream().map(m -> m.id()).toList();
    }
}
