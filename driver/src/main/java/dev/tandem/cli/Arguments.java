package dev.tandem.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: options that take a value ({@code --name value} or {@code --name=value}), flags
 * ({@code --name}) and positional arguments, in any order. Anything else starting with {@code --} is bad usage.
 */
final class Arguments {
    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();

    private Arguments(String command) {
        this.command = command;
    }

    /**
     * @param valueOptions options that take a value, e.g. {@code --url}
     * @param flagOptions  options without a value, e.g. {@code --force}
     */
    static Arguments parse(String command, List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        Arguments a = new Arguments(command);
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("--") || arg.equals("-")) {
                a.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (valueOptions.contains(name)) {
                if (value == null) {
                    // "--wait --force": the option's value is missing (write --reason=--x for a value like that)
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(name + " needs a value (try: tandem help " + command + ")");
                    }
                    value = args.get(++i);
                }
                if (a.values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (flagOptions.contains(name) && value == null) {
                a.flags.add(name);
            } else if (name.equals("--password")) {
                throw new UsageException("a password is never taken on the command line: set TANDEM_PASSWORD, or"
                        + " give --user and type it at the prompt");
            } else {
                throw new UsageException("unknown option '" + name + "' (try: tandem help " + command + ")");
            }
        }
        return a;
    }

    String value(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positionals() {
        return positionals;
    }

    /** A whole number option within bounds, or the default when absent. */
    int intValue(String name, int defaultValue, int min, int max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(name + " must be from " + min + " to " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + v + "'");
        }
    }

    /** Whether the option was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }
}
