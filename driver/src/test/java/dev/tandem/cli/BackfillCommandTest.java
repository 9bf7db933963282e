package dev.tandem.cli;

import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem backfill}: what it prints, status afterwards, and the exit codes of bad usage. */
class BackfillCommandTest {

    /** A migration at {@code phase} over tables of its own with 250 rows in {@code from}. */
    private static String migration(StateFixture f, String phase) throws Exception {
        String from = TestTables.unique("bf");
        String id = "bfc-" + from.replace('_', '-');
        f.raw("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(50))",
                "CREATE TABLE " + from + "_to (id INT PRIMARY KEY, full_name VARCHAR(50))");
        try (Connection c = f.connect(); var ps = c.prepareStatement("INSERT INTO " + from + " VALUES (?, ?)")) {
            for (int i = 1; i <= 250; i++) {
                ps.setInt(1, i);
                ps.setString(2, "name-" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Files.writeString(f.rulesDir().resolve(id + ".yaml"), "migration: " + id + "\n"
                + "from: { table: " + from + ", key: [id] }\n"
                + "to:   { table: " + from + "_to, key: [id] }\n"
                + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n"
                + "phase: " + phase + "\n");
        f.track(id);
        return id;
    }

    private static void drop(StateFixture f, String id) throws Exception {
        String from = id.substring(4).replace('-', '_');
        try (Connection c = f.connect()) {
            TestTables.drop(c, from + "_to", from);
        }
    }

    private static long drift(StateFixture f, String id) throws Exception {
        String from = id.substring(4).replace('-', '_');
        try (Connection c = f.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from + " f LEFT JOIN " + from + "_to t ON t.id"
                     + " = f.id WHERE t.full_name IS NULL OR t.full_name <> UPPER(f.name)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertOneLine(String err) {
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void backfillsPrintsProgressAndASummaryAndStatusShowsIt(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = migration(f, "write-both");
            try {
                Cli.Result r = f.cliWithRules("backfill", m, "--batch", "100", "--by", "ops");
                assertEquals(0, r.code(), r.toString());
                assertEquals("", r.err());
                assertTrue(r.out().contains("backfill " + m + ": 100/250 rows (40.0%)"), r.out());
                assertTrue(r.out().contains("backfill of " + m + " done: 250 rows in "), r.out());
                assertTrue(r.out().contains("0 stale rows deleted, 3 batches, 0 retried"), r.out());
                assertFalse(r.out().contains("\r"), "no redrawing without a terminal");
                assertEquals(0, drift(f, m));

                Cli.Result status = f.cliWithRules("status", m);
                assertTrue(status.out().contains("  backfill: done, 250/250 rows (100.0%), updated "), status.out());
                Cli.Result json = f.cliWithRules("status", m, "--json");
                assertTrue(json.out().contains("\"backfill\": [") && json.out().contains("\"state\": \"done\"")
                        && json.out().contains("\"rowsDone\": 250"), json.out());

                Cli.Result again = f.cliWithRules("backfill", m, "--max-rate", "100000");
                assertEquals(0, again.code(), again.toString());
                assertTrue(again.out().contains("done: 250 rows"), again.out());
            } finally {
                drop(f, m);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badUsageIsOneLineAndExitTwo(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = migration(f, "off");
            try {
                Cli.Result unknown = f.cliWithRules("backfill", "no-such-migration");
                assertEquals(2, unknown.code(), unknown.toString());
                assertOneLine(unknown.err());
                assertTrue(unknown.err().contains("unknown migration 'no-such-migration'"), unknown.err());

                Cli.Result wrongPhase = f.cliWithRules("backfill", m);
                assertEquals(2, wrongPhase.code(), wrongPhase.toString());
                assertOneLine(wrongPhase.err());
                assertTrue(wrongPhase.err().contains("is at phase off") && wrongPhase.err().contains("--force"),
                        wrongPhase.err());

                Cli.Result noRules = f.cli("backfill", m);
                assertEquals(2, noRules.code(), noRules.toString());
                assertTrue(noRules.err().contains("needs the migration's rules"), noRules.err());

                Cli.Result pauseNothing = f.cli("backfill", m, "--pause");
                assertEquals(2, pauseNothing.code(), pauseNothing.toString());
                assertTrue(pauseNothing.err().contains("nothing to pause"), pauseNothing.err());

                Cli.Result badBatch = f.cliWithRules("backfill", m, "--batch", "0");
                assertEquals(2, badBatch.code(), badBatch.toString());
                assertTrue(badBatch.err().contains("--batch must be from 1"), badBatch.err());

                Cli.Result both = f.cliWithRules("backfill", m, "--pause", "--resume");
                assertEquals(2, both.code(), both.toString());

                Cli.Result forced = f.cliWithRules("backfill", m, "--force");
                assertEquals(0, forced.code(), forced.toString());
                assertEquals(0, drift(f, m));
            } finally {
                drop(f, m);
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsExitTwo() {
        Cli.Result r = Cli.run("backfill", "m", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--rules", "/nonexistent");
        assertEquals(2, r.code(), r.toString());
        assertOneLine(r.err());
        Cli.Result down = Cli.run("backfill", "m", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--pause");
        assertEquals(2, down.code(), down.toString());
        assertOneLine(down.err());
        assertTrue(down.err().contains("cannot connect"), down.err());
    }

    @Test
    void withoutControlTablesItSaysRunInit() throws Exception {
        try (StateFixture f = StateFixture.isolated(TestDatabase.H2)) {
            Cli.Result r = f.cli("backfill", "m", "--pause");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("run 'tandem init' first"), r.err());
        }
    }
}
