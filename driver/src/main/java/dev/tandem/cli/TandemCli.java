package dev.tandem.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's command line: {@code java -jar tandem-cli.jar <command> [options]}. Exit codes: 0 done or holds,
 * 1 a gate or check failed, 2 bad usage or configuration.
 */
public final class TandemCli {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    TandemCli() {
        this(Environment.system());
    }

    /** A CLI that reads environment variables and the console through {@code env} (tests give their own). */
    TandemCli(Environment env) {
        add(new InitCommand(env));
        add(new PlanCommand(env));
        add(new LintCommand(env));
        add(new PhaseCommand(env));
        add(new BackfillCommand(env));
        add(new VerifyCommand(env));
        add(new StatusCommand(env));
        add(new ContractCommand(env));
        add(new DemoCommand(env));
    }

    private void add(Command c) {
        commands.put(c.name(), c);
    }

    public static void main(String[] args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        // The CLI reports for itself; the driver's informational log would only repeat it.
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO
                : java.util.logging.Level.WARNING);
        System.exit(new TandemCli().run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code. */
    int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean verbose = arguments.remove("--verbose");
        if (arguments.isEmpty() || arguments.get(0).equals("help") || arguments.get(0).equals("--help")
                || arguments.get(0).equals("-h")) {
            if (arguments.size() > 1 && commands.containsKey(arguments.get(1))) {
                out.println(commands.get(arguments.get(1)).usage());
                return Command.OK;
            }
            help(out);
            return arguments.isEmpty() ? Command.USAGE : Command.OK;
        }
        Command command = commands.get(arguments.get(0));
        if (command == null) {
            err.println("tandem: unknown command '" + arguments.get(0) + "' (try: tandem help)");
            return Command.USAGE;
        }
        try {
            return command.run(arguments.subList(1, arguments.size()), out, err);
        } catch (CheckFailedException e) {
            err.println("tandem " + command.name() + ": " + e.getMessage());
            return Command.CHECK_FAILED;
        } catch (UsageException e) {
            err.println("tandem " + command.name() + ": " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return Command.USAGE;
        } catch (Exception e) {
            err.println("tandem " + command.name() + ": " + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return Command.USAGE;
        }
    }

    private void help(PrintStream out) {
        out.println("Tandem: carries a live database through a parallel change (expand / contract).");
        out.println();
        out.println("usage: java -jar tandem-cli.jar <command> [options] [--verbose]");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("tandem help <command> shows a command's options. Exit codes: 0 done, 1 a check failed,"
                + " 2 bad usage.");
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
