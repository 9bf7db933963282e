package dev.tandem.lint;

import dev.tandem.cli.Cli;
import dev.tandem.rules.Phase;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem lint}: each class of statement with its reason, from a file and from the database's statistics, and
 * the exit codes. The migration is {@code from(id, name)} to {@code to(id, full_name)}, {@code full_name = UPPER(name)}.
 */
class LintCommandTest {
    private static final String PHASES = "write-both\\s+read-both\\s+read-new\\s+write-new\\s+contracted";

    /** The block of one statement: its origin and kind, text, then the row of outcomes. */
    private static void assertBlock(String out, String origin, String kind, String sqlStart, String... outcomes) {
        String row = String.join("\\s+", outcomes);
        Pattern p = Pattern.compile("(?m)^" + Pattern.quote(origin + " (" + kind + "): " + sqlStart) + ".*\\n  "
                + PHASES + "\\n  " + row + "\\s*$");
        assertTrue(p.matcher(out).find(), origin + " " + kind + " " + String.join(" ", outcomes) + " in:\n" + out);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFileOfEveryClassWithReasonsAndExitCodes(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "ln_f");
            String from = StateFixture.fromTable(m);
            Path dir = Files.createTempDirectory("ln-lint-");
            try {
                Path file = dir.resolve("app.sql");
                Files.writeString(file, "-- the application's statements\n"
                        + "SELECT id, name FROM " + from + " WHERE id = ?;\n"
                        + "INSERT INTO " + from + " (id, name)\n  VALUES (?, ?);\n"
                        + "UPDATE " + from + " SET name = ? WHERE id = ?;\n"
                        + "DELETE FROM " + from + " WHERE id = ?;\n"
                        + "SELECT name FROM " + from + " WHERE name = 'a;b' /* ; */;\n"
                        + "SELECT * FROM " + from + " NATURAL JOIN " + from + "_to;\n"
                        + "TRUNCATE TABLE " + from + ";\n"
                        + "SELECT 1;\n"
                        + "CREATE INDEX ln_idx ON ln_nothing (x);\n", StandardCharsets.UTF_8);

                Cli.Result r = f.cliWithRules("lint", m, "--sql", file.toString());
                assertEquals(1, r.code(), r.toString());
                String out = r.out();
                assertTrue(out.startsWith("lint of '" + m + "' (" + from + " -> " + from + "_to) on "), out);
                assertTrue(out.contains(": 7 statement(s) name " + from + "; 2 not affected"), out);
                assertBlock(out, "line 2", "read", "SELECT id, name FROM", "as sent", "shadowed", "translated",
                        "translated", "translated");
                assertBlock(out, "line 3", "write", "INSERT INTO " + from + " (id, name) VALUES (?, ?)", "mirrored",
                        "mirrored", "mirrored", "translated", "translated");
                assertBlock(out, "line 5", "write", "UPDATE", "mirrored", "mirrored", "mirrored", "translated",
                        "translated");
                assertBlock(out, "line 6", "write", "DELETE", "mirrored", "mirrored", "mirrored", "translated",
                        "translated");
                assertBlock(out, "line 7", "read", "SELECT name FROM " + from + " WHERE name = 'a;b'", "as sent",
                        "shadowed", "translated", "translated", "translated");
                assertBlock(out, "line 8", "read", "SELECT * FROM", "as sent", "as sent",
                        "served untranslated", "served untranslated", "refused");
                assertTrue(out.contains("  read-both: as sent: not shadowed: a NATURAL JOIN"), out);
                assertTrue(out.contains("  read-new, write-new: served untranslated: a NATURAL JOIN"), out);
                assertTrue(out.contains("  contracted: refused: a NATURAL JOIN"), out);
                assertBlock(out, "line 9", "write", "TRUNCATE", "passes through unmirrored",
                        "passes through unmirrored", "refused", "refused", "refused");
                assertTrue(out.contains("  write-both, read-both: passes through unmirrored: TRUNCATE is not"
                        + " mirrored"), out);
                assertTrue(out.contains("summary: 7 statement(s) naming " + from + ": 1 write(s) pass through"
                        + " unmirrored, 2 refused, 1 served untranslated, 0 cannot be told"), out);
                assertTrue(out.contains("FAILED: a write that passes through unmirrored"), out);

                Cli.Result late = f.cliWithRules("lint", m, "--sql", file.toString(), "--phase", "write-new");
                assertEquals(0, late.code(), "a refused write is not an unmirrored one: " + late);
                assertTrue(late.out().contains("  write-new\n  refused\n"), late.out());
                assertFalse(late.out().contains("read-both"), late.out());

                Path clean = dir.resolve("clean.sql");
                Files.writeString(clean, "SELECT name FROM " + from + " WHERE id = ?\n"
                        + "UPDATE " + from + " SET name = ? WHERE id = ?\n\n", StandardCharsets.UTF_8);
                Cli.Result ok = f.cliWithRules("lint", m, "--sql", clean.toString());
                assertEquals(0, ok.code(), ok.toString());
                assertBlock(ok.out(), "line 2", "write", "UPDATE", "mirrored", "mirrored", "mirrored", "translated",
                        "translated");
            } finally {
                dev.tandem.testing.TestFiles.deleteTree(dir);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badUsageIsExitCodeTwo(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "ln_b");
            assertUsage(f.cliWithRules("lint", m), "give either --sql FILE or --from-stats");
            assertUsage(f.cliWithRules("lint", m, "--sql", "x.sql", "--from-stats"), "give either --sql FILE or"
                    + " --from-stats");
            assertUsage(f.cliWithRules("lint", m, "--sql", "/nonexistent/ln.sql"), "cannot read /nonexistent/ln.sql");
            assertUsage(f.cliWithRules("lint", "nope", "--from-stats"), "unknown migration 'nope'");
            assertUsage(f.cliWithRules("lint", m, "--from-stats", "--phase", "sideways"), "sideways");
            assertUsage(f.cli("lint", m, "--from-stats"), "--rules is required");
            if (db == TestDatabase.H2) {
                assertUsage(f.cliWithRules("lint", m, "--from-stats"), "H2 keeps no statement statistics");
            }
        }
        assertUsage(Cli.run("lint", "m", "--from-stats", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--rules",
                "/nonexistent"), "invalid rules");
    }

    @Test
    void fromPgStatStatements() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "ln_pg");
            String from = StateFixture.fromTable(m);
            try (Connection c = f.connect()) {
                runStatistics(c, from);
                try (Statement s = c.createStatement()) {
                    s.execute("TRUNCATE " + from);
                }
            }
            Cli.Result r = f.cliWithRules("lint", m, "--from-stats");
            assertEquals(1, r.code(), r.toString());
            String out = r.out();
            assertBlock(out, "5 calls", "read", "SELECT id, name FROM " + from + " WHERE id = ?", "as sent",
                    "shadowed", "translated", "translated", "translated");
            assertBlock(out, "3 calls", "write", "UPDATE " + from + " SET name = ? WHERE id = ?", "mirrored",
                    "mirrored", "mirrored", "translated", "translated");
            assertBlock(out, "1 calls", "write", "TRUNCATE " + from, "passes through unmirrored",
                    "passes through unmirrored", "refused", "refused", "refused");
            assertTrue(out.indexOf("5 calls (read)") < out.indexOf("3 calls (write)"), "most called first: " + out);
        }
        try (StateFixture iso = StateFixture.isolated(db)) {
            String m = iso.migration(Phase.OFF, "ln_pgiso");
            assertUsage(iso.cliWithRules("lint", m, "--from-stats"), "CREATE EXTENSION pg_stat_statements");
        }
    }

    @Test
    void fromMariadbDigestsWithATruncatedOne() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        try (StateFixture f = StateFixture.shared(db)) {
            // The digest table holds performance_schema_digests_size digests (5000 here) and then stops recording
            // new ones: a long-lived test server fills it (every test table has a name of its own). Empty it first;
            // no other test reads it.
            try (Connection c = f.connect(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
            }
            String m = f.migration(Phase.OFF, "ln_my");
            String from = StateFixture.fromTable(m);
            try (Connection c = f.connect()) {
                runStatistics(c, from);
                StringBuilder longSelect = new StringBuilder("SELECT id FROM " + from + " WHERE ");
                for (int i = 0; i < 200; i++) {
                    longSelect.append(i == 0 ? "" : " OR ").append("name = 'ln").append(i).append("'");
                }
                try (Statement s = c.createStatement()) {
                    s.executeQuery(longSelect.toString()).close();
                }
            }
            Cli.Result r = f.cliWithRules("lint", m, "--from-stats");
            assertEquals(0, r.code(), r.toString());
            String out = r.out();
            assertBlock(out, "5 calls", "read", "SELECT ID , NAME FROM `" + from + "` WHERE ID = ?",
                    "as sent", "shadowed", "translated", "translated", "translated");
            assertBlock(out, "3 calls", "write", "UPDATE `" + from + "` SET NAME = ? WHERE ID = ?", "mirrored",
                    "mirrored", "mirrored", "translated", "translated");
            assertBlock(out, "1 calls", "unknown", "SELECT ID FROM `" + from + "` WHERE NAME = ? OR", "cannot tell", "cannot tell",
                    "cannot tell", "cannot tell", "cannot tell");
            assertTrue(out.contains("cannot tell: the statistics truncated the statement's text"), out);
            assertTrue(out.indexOf("5 calls (read)") < out.indexOf("3 calls (write)"), "most called first: " + out);
            assertTrue(out.contains("1 calls (other): CREATE TABLE `" + from + "`"), "the fixture's DDL, whose"
                    + " digest does not parse, is no write: " + out);
        }
    }

    /** Runs a read 5 times and an update 3 times, prepared, through the real driver. */
    private static void runStatistics(Connection c, String from) throws Exception {
        try (PreparedStatement read = c.prepareStatement("SELECT id, name FROM " + from + " WHERE id = ?");
             PreparedStatement update = c.prepareStatement("UPDATE " + from + " SET name = ? WHERE id = ?")) {
            for (int i = 0; i < 5; i++) {
                read.setInt(1, i);
                read.executeQuery().close();
            }
            for (int i = 0; i < 3; i++) {
                update.setString(1, "n" + i);
                update.setInt(2, i);
                update.executeUpdate();
            }
        }
    }

    private static void assertUsage(Cli.Result r, String message) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        assertTrue(r.out().isEmpty(), r.toString());
    }
}
