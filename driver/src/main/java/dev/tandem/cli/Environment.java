package dev.tandem.cli;

import java.io.Console;
import java.util.function.Function;

/** What the CLI takes from its surroundings: environment variables and the console (for a password prompt). */
final class Environment {
    private final Function<String, String> variables;
    private final Console console;

    Environment(Function<String, String> variables, Console console) {
        this.variables = variables;
        this.console = console;
    }

    static Environment system() {
        return new Environment(System::getenv, System.console());
    }

    String variable(String name) {
        return variables.apply(name);
    }

    /** The console, or null when there is none (a pipe, a test). */
    Console console() {
        return console;
    }
}
