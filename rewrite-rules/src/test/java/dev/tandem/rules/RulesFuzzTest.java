package dev.tandem.rules;

import dev.tandem.mirror.SyncStatements;
import dev.tandem.sql.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile rules files: valid files mutated at random (lines dropped, doubled, swapped, cut short, re-indented; values
 * replaced by other types, by SQL that tries to smuggle a second statement or a comment, by odd identifiers). Each
 * mutant must either be refused with problems that name the file and say what is wrong, or load with a meaning that
 * holds up: every expression is one SQL expression, every name a plain identifier, and nothing smuggled into a value
 * reaches the SQL Tandem generates from the rules.
 */
class RulesFuzzTest {
    private static final int MUTANTS = 3000;
    private static final String SOURCE = "fuzz/rules.yaml";
    /** A marker that the smuggling values carry: it must never reach generated SQL. */
    private static final String MARKER = "victim_table";

    private static final List<String> VALID = List.of(
            RulesParseTest.PERSON_TO_PEOPLE,
            RulesParseTest.USERS_RENAME,
            String.join("\n",
                    "migration: orders-split",
                    "from: { table: shop.orders, key: [tenant, id] }",
                    "to:   { table: shop.orders_v2, key: [tenant, id] }",
                    "up:",
                    "  tenant: tenant",
                    "  id: id",
                    "  total_cents: \"CAST(total * 100 AS BIGINT)\"",
                    "  note: \"COALESCE(note, '')\"",
                    "down:",
                    "  tenant: tenant",
                    "  id: id",
                    "  total: \"total_cents / 100.0\"",
                    "  note: \"NULLIF(note, '')\"",
                    "phase: read-both",
                    "percent: 10",
                    ""));

    /** Values that replace a value of the file: other types, smuggling attempts, odd names. */
    private static final List<String> HOSTILE = List.of(
            "\"x; DROP TABLE " + MARKER + "\"",
            "\"x -- DROP TABLE " + MARKER + "\"",
            "\"x /* DROP TABLE " + MARKER + " */\"",
            "\"x /* ; */ ; DELETE FROM " + MARKER + "\"",
            "\"(SELECT 1); DROP TABLE " + MARKER + "\"",
            "\"'a'; DROP TABLE " + MARKER + "; --\"",
            "\"x' OR '1'='1\"",
            "\"(SELECT * FROM " + MARKER + ")\"",
            "\"nextval('" + MARKER + "')\"",
            "\"1); DROP TABLE " + MARKER + " --\"",
            "\"$$; DROP TABLE " + MARKER + "; $$\"",
            "\"x\\\\'; DROP TABLE " + MARKER + "; --\"",
            "\"" + MARKER + "\"",
            "'single ''quoted'' yaml'",
            "[a, b]", "{a: 1}", "null", "~", "''", "\"\"", "123", "-1", "1.5", "true", "no", "yes",
            "\"\\u0000\"", "\"\\t\"", "\"名前\"", "\"a b\"", "\"`x`\"", "\"\\\"x\\\"\"", "select", "\"select\"",
            "&anchor x", "*alias", "!!binary aGVsbG8=", "!!python/object:os.system x", "|\n  multi\n  line",
            "\"" + "x".repeat(5000) + "\"", "\"" + "(".repeat(300) + "x" + ")".repeat(300) + "\"");

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*|\"[^\"]+\"|`[^`]+`");

    @Test
    void mutantsAreRefusedWithTheFileAndLineOrLoadWithASoundMeaning() {
        Random random = new Random(20261121L);
        int refused = 0;
        int loaded = 0;
        int smugglingTried = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String original = VALID.get(random.nextInt(VALID.size()));
            Mutant mutant = mutate(original, random);
            Migration m;
            try {
                m = RulesLoader.parse(SOURCE, mutant.text);
            } catch (RulesException e) {
                refused++;
                assertWellFormed(e, mutant);
                continue;
            } catch (Throwable t) {
                throw new AssertionError("mutant " + i + " (" + mutant.how + ") crashed the loader instead of being"
                        + " refused:\n" + mutant.text, t);
            }
            loaded++;
            if (mutant.text.contains(MARKER)) {
                smugglingTried++;
            }
            assertSound(m, mutant);
        }
        System.out.printf(Locale.ROOT, "rules fuzz: %d mutants, %d refused, %d loaded (%d of those carried a"
                + " smuggling value, none reached generated SQL)%n", MUTANTS, refused, loaded, smugglingTried);
        assertTrue(refused > MUTANTS / 3, "most mutants are broken and must be refused: " + refused);
        assertTrue(loaded > 0, "some mutants are harmless (whitespace, reordering) and must load");
    }

    /** Every problem names this file, says something, and points at a line within the file (or the whole file). */
    private static void assertWellFormed(RulesException e, Mutant mutant) {
        assertFalse(e.problems().isEmpty());
        int lines = (int) mutant.text.lines().count() + 1;
        for (RulesException.Problem p : e.problems()) {
            assertEquals(SOURCE, p.source(), () -> "the problem must name the file: " + p + "\n" + mutant);
            assertTrue(p.line() >= 0 && p.line() <= lines, () -> "line out of the file: " + p + "\n" + mutant);
            assertTrue(p.message() != null && p.message().strip().length() > 5,
                    () -> "the problem must say what is wrong: " + p + "\n" + mutant);
        }
        assertTrue(e.getMessage().startsWith("invalid Tandem rules"), e.getMessage());
        if (mutant.line > 0 && mutant.localToALine) {
            // a value made wrong on one line: the problem points at a line (not only "the file")
            assertTrue(e.problems().stream().anyMatch(p -> p.line() > 0),
                    () -> "a problem on line " + mutant.line + " must carry a line number: " + e.getMessage() + "\n"
                            + mutant);
        }
    }

    /** A loaded migration: names are identifiers, expressions single expressions, nothing smuggled into SQL. */
    private static void assertSound(Migration m, Mutant mutant) {
        for (String name : List.of(m.from().name(), m.to().name())) {
            assertTrue(IDENTIFIER.matcher(name).matches(), () -> "table name " + name + "\n" + mutant);
        }
        Map<String, String> all = new LinkedHashMap<>();
        m.up().forEach((k, v) -> all.put("up." + k, v));
        m.down().forEach((k, v) -> all.put("down." + k, v));
        for (Map.Entry<String, String> e : all.entrySet()) {
            String column = e.getKey().substring(e.getKey().indexOf('.') + 1);
            assertTrue(IDENTIFIER.matcher(column).matches(), () -> "column " + e.getKey() + "\n" + mutant);
            String select = "SELECT " + e.getValue() + " FROM t";
            Statements parsed;
            try {
                parsed = CCJSqlParserUtil.parseStatements(select);
            } catch (Exception ex) {
                throw new AssertionError(e.getKey() + " = " + e.getValue() + " loaded but is not one expression\n"
                        + mutant, ex);
            }
            assertEquals(1, parsed.size(), () -> e.getKey() + " smuggles a statement: " + e.getValue() + "\n" + mutant);
            assertFalse(e.getValue().contains("--") || e.getValue().contains("/*"),
                    () -> e.getKey() + " keeps a comment: " + e.getValue() + "\n" + mutant);
        }
        for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2)) {
            SyncStatements sync = SyncStatements.of(m, d);
            List<String> sql = new ArrayList<>(List.of(sync.upsert(1), sync.upsert(256)));
            if (sync.deletes()) {
                sql.add(sync.delete(1));
            }
            for (String s : sql) {
                Statements parsed;
                try {
                    parsed = CCJSqlParserUtil.parseStatements(s);
                } catch (Exception ex) {
                    continue; // a dialect JSqlParser does not read (e.g. ON DUPLICATE KEY forms): checked below
                }
                assertEquals(1, parsed.size(), () -> "generated SQL holds more than one statement: " + s + "\n"
                        + mutant);
            }
            for (String s : sql) {
                String lower = s.toLowerCase(Locale.ROOT);
                assertFalse(lower.contains("drop table") || lower.contains("delete from " + MARKER)
                        || lower.contains("--") || lower.contains("/*"),
                        () -> "something smuggled reached generated SQL: " + s + "\n" + mutant);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // mutations

    /** A mutated file: its text, what was done, and the (1-based) line changed, 0 when not one line. */
    record Mutant(String text, String how, int line, boolean localToALine) {
        @Override
        public String toString() {
            return "mutant (" + how + "):\n" + text;
        }
    }

    private static Mutant mutate(String original, Random random) {
        List<String> lines = new ArrayList<>(original.lines().toList());
        int n = lines.size();
        int at = random.nextInt(n);
        switch (random.nextInt(9)) {
            case 0 -> {
                lines.remove(at);
                return new Mutant(join(lines), "line " + (at + 1) + " removed", 0, false);
            }
            case 1 -> {
                lines.add(at, lines.get(at));
                return new Mutant(join(lines), "line " + (at + 1) + " doubled", 0, false);
            }
            case 2 -> {
                int other = random.nextInt(n);
                String a = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, a);
                return new Mutant(join(lines), "lines " + (at + 1) + " and " + (other + 1) + " swapped", 0, false);
            }
            case 3 -> {
                String text = original.substring(0, random.nextInt(original.length()));
                return new Mutant(text, "cut after " + text.length() + " characters", 0, false);
            }
            case 4 -> {
                String line = lines.get(at);
                lines.set(at, (random.nextBoolean() ? "  " : "\t") + line);
                return new Mutant(join(lines), "line " + (at + 1) + " re-indented", 0, false);
            }
            case 5 -> {
                lines.add(random.nextInt(n + 1), "---");
                return new Mutant(join(lines), "a second YAML document", 0, false);
            }
            case 6 -> {
                lines.add(random.nextInt(n + 1), random.nextBoolean() ? "migration: another" : "unknown_key: 1");
                return new Mutant(join(lines), "a key added", 0, false);
            }
            default -> {
                String line = lines.get(at);
                int colon = line.indexOf(": ");
                if (colon < 0 || line.trim().startsWith("#")) {
                    return mutate(original, random);
                }
                String hostile = HOSTILE.get(random.nextInt(HOSTILE.size()));
                lines.set(at, line.substring(0, colon + 2) + hostile);
                return new Mutant(join(lines), "value of line " + (at + 1) + " replaced by " + abbreviate(hostile),
                        at + 1, !hostile.contains("\n") && !hostile.startsWith("&") && !hostile.startsWith("*"));
            }
        }
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Test
    void theSeedFilesLoad() {
        for (String text : VALID) {
            try {
                RulesLoader.parse(SOURCE, text);
            } catch (RulesException e) {
                fail(e.getMessage());
            }
        }
    }
}
