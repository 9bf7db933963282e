package dev.tandem.cli;

import dev.tandem.demo.ParallelChangeDemo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code tandem demo}: a whole parallel change on an embedded H2 database under a live workload, no setup. */
final class DemoCommand implements Command {
    static final String ROWS = "--rows";
    static final String THREADS = "--threads";

    private final Environment env;

    DemoCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run a whole parallel change on an embedded H2 database under a live workload";
    }

    @Override
    public String usage() {
        return "usage: tandem demo [--rows N] [--threads N]\n"
                + "  Creates person (N rows) on an in-memory H2 database, starts an application writing and reading it\n"
                + "  through Tandem, and walks expand -> write-both -> backfill -> verify -> read-both -> read-new ->\n"
                + "  write-new -> verify -> new code deployed -> contract, printing a timeline. Exit 0 when every\n"
                + "  verify was clean, the application met no error and the contract went through.\n"
                + "  --rows N      rows in person to start with (default 100000)\n"
                + "  --threads N   application threads (default 2)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, Set.of(ROWS, THREADS), Set.of());
        if (!a.positionals().isEmpty()) {
            throw new UsageException("unexpected " + a.positionals() + " (usage: tandem demo [--rows N] [--threads N])");
        }
        int rows = a.intValue(ROWS, 100_000, 1, 10_000_000);
        int threads = a.intValue(THREADS, 2, 1, 64);
        ProgressLine progress = new ProgressLine(out, env.console() != null, Duration.ofSeconds(1), System::nanoTime);
        return new ParallelChangeDemo(out, p -> {
            progress.accept(p);
            if ("done".equals(p.state())) {
                progress.finish();
            }
        }).run(rows, threads);
    }
}
