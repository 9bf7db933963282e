package dev.tandem.cli;

import dev.tandem.ddl.SchemaChangePlan;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.schemachange.PlanException;
import dev.tandem.schemachange.SchemaChangePlanner;
import dev.tandem.state.Json;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tandem plan MIGRATION}: prints the DDL that creates the new structure (expand) and removes the old one
 * (contract) for the connected database, for the operator to review and run. Runs nothing. A thin shell over
 * {@link SchemaChangePlanner}.
 */
final class PlanCommand implements Command {
    static final String JSON = "--json";
    static final String LOCK_TIMEOUT = "--lock-timeout";

    private final Environment env;

    PlanCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String summary() {
        return "print the DDL to expand (create the new column/table) and to contract (drop the old)";
    }

    @Override
    public String usage() {
        return "usage: tandem plan MIGRATION --url URL [--json] [--lock-timeout SECONDS] [--user NAME] [--rules PATH]\n"
                + "  Prints, for the connected database (H2, PostgreSQL, MariaDB), the statements that create the new\n"
                + "  structure (nullable columns, in each database's lock-free form) and those that remove the old one.\n"
                + "  Runs nothing: review the statements and run the expand before write-both; the contract runs after\n"
                + "  the contract gate (tandem contract --execute).\n"
                + "  --json               the statements as JSON (expand, contract, notes)\n"
                + "  --lock-timeout SECS  how long an ALTER or DROP may wait for its lock (default 5)\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(LOCK_TIMEOUT), Set.of(JSON));
        if (a.positionals().size() != 1) {
            throw new UsageException("expected one MIGRATION (usage: tandem plan MIGRATION --url URL)");
        }
        String id = a.positionals().get(0);
        int timeout = a.intValue(LOCK_TIMEOUT, 5, 1, 3600);
        CommonOptions common = CommonOptions.from(a, env);
        RuleSet rules = common.rules();
        Migration migration = CommonOptions.migration(rules, id);
        try (Connection c = common.connect(env)) {
            SchemaChangePlan plan;
            try {
                plan = SchemaChangePlanner.plan(c, migration, common.dialect(c), Duration.ofSeconds(timeout));
            } catch (PlanException e) {
                throw new UsageException(e.getMessage(), e);
            }
            if (a.flag(JSON)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("migration", plan.migration());
                m.put("database", plan.dialect().displayName());
                m.put("expand", plan.expand());
                m.put("contract", plan.contract());
                m.put("notes", plan.notes());
                out.println(Json.pretty(m));
            } else {
                out.print(plan.text());
            }
            return OK;
        }
    }
}
