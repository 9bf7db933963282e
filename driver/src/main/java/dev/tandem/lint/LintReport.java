package dev.tandem.lint;

import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;

import java.util.List;

/**
 * What {@link Linter} found for one migration.
 *
 * @param phases      the phases examined, in order
 * @param statements  the statements naming {@code from}, in the order given
 * @param notAffected how many statements did not name {@code from}
 */
public record LintReport(Migration migration, List<Phase> phases, List<StatementLint> statements, int notAffected) {
    public LintReport {
        phases = List.copyOf(phases);
        statements = List.copyOf(statements);
    }

    /** Whether some write would pass through unmirrored in a phase examined (the lint fails). */
    public boolean unmirroredWrites() {
        return statements.stream().anyMatch(StatementLint::unmirroredWrite);
    }
}
