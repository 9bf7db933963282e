package dev.tandem.lint;

import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesLoader;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.Dialect;
import dev.tandem.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API behind {@code tandem lint}, without a database (no table shapes). */
class LinterTest {
    private static RuleSet rules() throws Exception {
        Path dir = Files.createTempDirectory("ln-linter-");
        try {
            Files.writeString(dir.resolve("m.yaml"), "migration: ln-m\n"
                    + "from: { table: ln_person, key: [id] }\nto: { table: ln_people, key: [id] }\n"
                    + "up:\n  id: id\n  full_name: \"UPPER(name)\"\ndown:\n  id: id\n  name: \"LOWER(full_name)\"\n");
            return RulesLoader.load(dir.toString(), null);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    @Test
    void anUpsertIsMirroredThenRefused() throws Exception {
        Linter linter = new Linter(rules(), Dialect.POSTGRESQL, TableShapes.UNKNOWN);
        LintReport r = linter.lint("ln-m", List.of(
                SourceStatement.ofFile("INSERT INTO ln_person (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", 1),
                SourceStatement.ofFile("SELECT 1", 2)), Linter.DEFAULT_PHASES);
        assertEquals(1, r.notAffected());
        StatementLint s = r.statements().get(0);
        assertEquals("write", s.kind());
        assertEquals(Outcome.MIRRORED, s.verdicts().get(Phase.WRITE_BOTH).outcome());
        assertEquals(Outcome.MIRRORED, s.verdicts().get(Phase.READ_NEW).outcome());
        assertEquals(new StatementLint.Verdict(Outcome.REFUSED,
                "an upsert of the old structure is not translated onto the new one yet"),
                s.verdicts().get(Phase.WRITE_NEW));
        assertEquals(Outcome.REFUSED, s.verdicts().get(Phase.CONTRACTED).outcome());
        assertFalse(r.unmirroredWrites(), "refused, not unmirrored");
        assertTrue(s.problem());
    }

    @Test
    void badArguments() throws Exception {
        Linter linter = new Linter(rules(), Dialect.H2, TableShapes.UNKNOWN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> linter.lint("nope", List.of(),
                Linter.DEFAULT_PHASES)).getMessage().contains("unknown migration 'nope'"));
        assertThrows(IllegalArgumentException.class, () -> linter.lint("ln-m", List.of(), List.of()));
    }
}
