package dev.tandem.lint;

import dev.tandem.rules.Phase;

import java.util.Map;

/**
 * One statement naming the migration's {@code from}, and how it fares in each phase examined.
 *
 * @param kind     {@code read}, {@code write}, {@code other} (DDL and the like) or {@code unknown} (truncated)
 * @param verdicts by phase, in phase order
 */
public record StatementLint(SourceStatement source, String kind, Map<Phase, Verdict> verdicts) {
    /** How it fares in one phase, and why when it is not handled. */
    public record Verdict(Outcome outcome, String reason) {
        @Override
        public String toString() {
            return outcome.label() + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /** Whether it is a write that passes through unmirrored in some phase examined. */
    public boolean unmirroredWrite() {
        return verdicts.values().stream().anyMatch(v -> v.outcome() == Outcome.UNMIRRORED);
    }

    /** Whether some phase examined does not handle it. */
    public boolean problem() {
        return verdicts.values().stream().anyMatch(v -> v.outcome().problem());
    }
}
