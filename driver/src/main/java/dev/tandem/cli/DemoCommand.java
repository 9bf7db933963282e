package dev.tandem.cli;

import dev.tandem.demo.WriteBothDemo;

import java.io.PrintStream;
import java.util.List;

/** {@code tandem demo}: a parallel change on an embedded H2 database, no setup. */
final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run a migration on an embedded H2 database under a workload, and check the result";
    }

    @Override
    public String usage() {
        return "usage: tandem demo [--rows N]\n"
                + "  Creates person and people on an in-memory H2 database, writes to person through Tandem in\n"
                + "  phase write-both, and checks on the raw database that people equals up(person) row for row.\n"
                + "  --rows N   rows to insert (default 5000)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        int rows = 5000;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--rows") && i + 1 < arguments.size()) {
                try {
                    rows = Integer.parseInt(arguments.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException("--rows needs a whole number, not '" + arguments.get(i) + "'");
                }
                if (rows < 1) {
                    throw new UsageException("--rows must be at least 1");
                }
            } else {
                throw new UsageException("unknown option '" + a + "' (usage: tandem demo [--rows N])");
            }
        }
        return new WriteBothDemo(out).run(rows);
    }
}
