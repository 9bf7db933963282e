package dev.tandem.cli;

import java.io.PrintStream;
import java.util.List;

/** One CLI command: {@code tandem <name> [arguments]}. */
interface Command {
    /** Exit codes every command uses. */
    int OK = 0;
    int CHECK_FAILED = 1;
    int USAGE = 2;

    String name();

    /** One line for {@code tandem help}. */
    String summary();

    /** The usage text for {@code tandem help <name>}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return {@link #OK} when done or holding, {@link #CHECK_FAILED} when a gate or check failed, {@link #USAGE}
     *         for bad usage or configuration
     * @param out the report
     * @param err warnings
     * @throws UsageException       for bad arguments or configuration (reported in one line, exit 2)
     * @throws CheckFailedException for a gate or check that failed (reported in one line, exit 1)
     */
    int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception;
}
