package dev.tandem.rules;

import java.util.List;

/**
 * Rules that cannot be used, with every problem found: each names the file, the line and what is wrong. Thrown
 * before any statement runs; nothing is half-loaded.
 */
public final class RulesException extends Exception {
    private final List<Problem> problems;

    public RulesException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RulesException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public RulesException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return "invalid Tandem rules: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("invalid Tandem rules (" + problems.size() + " problems):");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }

    /**
     * One thing wrong in a rules file.
     *
     * @param source the file's path or classpath location
     * @param line   1-based line, or 0 when the problem concerns the whole file
     * @param message what is wrong, naming the key ({@code up.full_name: ...})
     */
    public record Problem(String source, int line, String message) {
        @Override
        public String toString() {
            return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
        }
    }
}
