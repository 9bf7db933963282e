package dev.tandem.shadow;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * read-both on the real databases: sampled reads also run translated onto the new structure and are compared; the
 * application always gets the original result. A planted defect in {@code up} is found and reported (differing
 * column and hashed keys, never values); the A/A mode reports nothing on a quiet database.
 */
class ReadBothShadowTest {
    private static final String[][] NAMES = {{"Ada", "Lovelace"}, {"Alan", "Turing"}, {"Grace", "Hopper"},
            {"Edsger", "Dijkstra"}, {"Barbara", "Liskov"}, {"Donald", "Knuth"}, {"Ken", "Thompson"},
            {"Radia", "Perlman"}, {"Niklaus", "Wirth"}, {"Margaret", "Hamilton"}};

    @TempDir
    Path rules;

    private TestDatabase db;
    private String from;
    private String to;

    @AfterEach
    void drop() throws Exception {
        if (db != null && from != null) {
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, from, to);
            }
        }
    }

    /** Creates the tables and connects through Tandem in read-both; rows are written through Tandem (mirrored). */
    private Connection setUp(TestDatabase database, String up, Properties extra) throws Exception {
        return setUp(database, up, "SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)", 100, extra);
    }

    /** As above, with {@code first_name}'s down expression and the percentage of reads shadowed. */
    private Connection setUp(TestDatabase database, String up, String firstNameDown, int percent, Properties extra)
            throws Exception {
        database.assumeAvailable();
        db = database;
        from = TestTables.unique("sperson");
        to = TestTables.unique("speople");
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name VARCHAR(101))");
        }
        Files.writeString(rules.resolve("m.yaml"), String.join("\n",
                "migration: shadowed",
                "from: { table: " + from + ", key: [id] }",
                "to: { table: " + to + ", key: [id] }",
                "up: { id: id, full_name: \"" + up + "\" }",
                "down:",
                "  id: id",
                "  first_name: \"" + firstNameDown + "\"",
                "  last_name: \"SUBSTRING(full_name, POSITION(' ' IN full_name) + 1)\"",
                "phase: read-both",
                "percent: " + percent, ""));
        Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        props.putAll(extra);
        Connection app = DriverManager.getConnection(db.tandemUrl(), props);
        try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " VALUES (?, ?, ?)")) {
            for (int i = 0; i < NAMES.length; i++) {
                ps.setLong(1, i + 1);
                ps.setString(2, NAMES[i][0]);
                ps.setString(3, NAMES[i][1]);
                ps.executeUpdate();
            }
        }
        return app;
    }

    private static MigrationMeters meters(Connection app) throws Exception {
        TandemEngine engine = app.unwrap(TandemConnection.class).engine();
        return engine.meters(engine.rules().migration("shadowed").orElseThrow());
    }

    private List<String> readNames(Connection app) throws Exception {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = app.prepareStatement("SELECT id, first_name, last_name FROM " + from
                + " WHERE id <= ? ORDER BY id")) {
            ps.setLong(1, 100);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        try (Statement s = app.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from + " WHERE first_name LIKE 'A%'")) {
            rs.next();
            names.add("A* " + rs.getLong(1));
        }
        return names;
    }

    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            names.add((i + 1) + " " + NAMES[i][0] + " " + NAMES[i][1]);
        }
        names.add("A* 2");
        return names;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCorrectMigrationShadowsEveryReadAndMatches(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", new Properties())) {
            for (int round = 0; round < 3; round++) {
                assertEquals(expectedNames(), readNames(app), "the application gets the original result");
            }
            MigrationMeters m = meters(app);
            assertEquals(6, m.shadowCount("match"), "every read shadowed and matching");
            assertEquals(0, m.shadowCount("mismatch") + m.shadowCount("error") + m.shadowCount("transient"));
        }
    }

    /**
     * A read run with {@code execute()} and {@code getResultSet()} (MyBatis reads so) is shadowed like one run with
     * {@code executeQuery()}; it was once counted {@code shadowed} without being compared.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReadRunWithExecuteIsShadowedToo(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", new Properties())) {
            try (PreparedStatement ps = app.prepareStatement("SELECT first_name FROM " + from + " WHERE id = ?")) {
                ps.setLong(1, 3);
                assertTrue(ps.execute(), "a query");
                try (ResultSet rs = ps.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("Grace", rs.getString(1));
                    assertFalse(rs.next());
                }
            }
            try (Statement s = app.createStatement()) {
                assertTrue(s.execute("SELECT last_name FROM " + from + " WHERE id = 1"), "a query");
                try (ResultSet rs = s.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("Lovelace", rs.getString(1));
                }
            }
            assertEquals(2, meters(app).shadowCount("match"), "both reads were compared");
        }
    }

    /**
     * The application gets the database's own result set, not a copy: columns found by label (a CachedRowSet finds
     * them by name), {@code getStatement()} is the application's statement, vendor classes reachable.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theApplicationGetsTheDatabasesOwnResultSet(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", new Properties());
             PreparedStatement ps = app.prepareStatement("SELECT p.id AS person_id, p.first_name AS fn FROM " + from
                     + " p WHERE p.id = ?")) {
            ps.setLong(1, 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong("person_id"));
                assertEquals("Grace", rs.getString("fn"));
                assertEquals("fn", rs.getMetaData().getColumnLabel(2).toLowerCase(java.util.Locale.ROOT));
                assertSame(ps, rs.getStatement(), "getStatement() is the application's statement");
                assertFalse(rs.isWrapperFor(javax.sql.rowset.CachedRowSet.class), "not a copy");
                assertFalse(rs.next());
            }
            assertEquals(1, meters(app).shadowCount("match"), "the read was shadowed");
        }
    }

    /**
     * A difference that is gone when checked again (a write between the two runs) is counted transient, not mismatch.
     * Made deterministic with a sequence in {@code down}: its first value spoils exactly one row of the first shadow.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDifferenceGoneOnTheRecheckIsTransient(TestDatabase database) throws Exception {
        database.assumeAvailable();
        String sequence = TestTables.unique("sseq");
        try (Connection raw = database.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE SEQUENCE " + sequence + " START WITH 1");
        }
        String next = switch (database) {
            case POSTGRESQL -> "nextval('" + sequence + "')";
            default -> "NEXT VALUE FOR " + sequence;
        };
        String spoiledOnce = "CASE WHEN " + next + " = 1 THEN 'spoiled' ELSE SUBSTRING(full_name, 1, POSITION(' ' IN"
                + " full_name) - 1) END";
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", spoiledOnce, 100,
                new Properties())) {
            assertEquals(expectedNames(), readNames(app));
            MigrationMeters m = meters(app);
            assertEquals(1, m.shadowCount("transient"), "the first read differed once, then matched");
            assertEquals(1, m.shadowCount("match"), "the second read matched");
            assertEquals(0, m.shadowCount("mismatch"));
        } finally {
            try (Connection raw = database.connect(); Statement s = raw.createStatement()) {
                s.execute("DROP SEQUENCE IF EXISTS " + sequence);
            }
        }
    }

    /** {@code percent} samples statements: about that share of the reads is shadowed, the rest only run as sent. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void percentSamplesTheReads(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)",
                "SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)", 25, new Properties());
             PreparedStatement ps = app.prepareStatement("SELECT first_name FROM " + from + " WHERE id = ?")) {
            int reads = 400;
            for (int i = 0; i < reads; i++) {
                ps.setLong(1, 1 + i % NAMES.length);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(NAMES[i % NAMES.length][0], rs.getString(1));
                }
            }
            TandemEngine engine = app.unwrap(TandemConnection.class).engine();
            long shadowed = engine.metrics().count("tandem.statements", "migration", "shadowed", "kind", "read",
                    "path", "shadowed");
            long asSent = engine.metrics().count("tandem.statements", "migration", "shadowed", "kind", "read",
                    "path", "as-sent");
            assertEquals(reads, shadowed + asSent);
            // 25 % of 400 is 100, with a standard deviation under 9: 60..140 fails by chance about once in 10^5 runs
            assertTrue(shadowed >= 60 && shadowed <= 140, "about a quarter shadowed: " + shadowed);
            assertEquals(shadowed, meters(app).shadowCount("match"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPlantedDefectInUpIsFoundAndReportedWithoutValues(TestDatabase database) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // The defect: up writes "last first", while down reads "first last".
        try (Connection app = setUp(database, "CONCAT(last_name, ' ', first_name)", new Properties())) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            for (int round = 0; round < 2; round++) {
                assertEquals(expectedNames(), readNames(app), "the application still gets the original result");
            }
            MigrationMeters m = meters(app);
            assertEquals(4, m.shadowCount("mismatch"), "both reads mismatch, each time");
            assertEquals(0, m.shadowCount("match"));
        } finally {
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("shadow read #"), "the mismatch is logged: " + text);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("first_name") && lower.contains("last_name"), "naming the differing columns: " + text);
        assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("key"), "with hashed keys: " + text);
        for (String[] n : NAMES) {
            assertFalse(text.contains(n[0]) || text.contains(n[1]), "no row value in the log: " + text);
        }
        assertEquals(2, text.split("shadow read #", -1).length - 1, "logged once per statement shape (two shapes): "
                + text);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theAaModeReportsNothingOnAQuietDatabase(TestDatabase database) throws Exception {
        Properties aa = new Properties();
        aa.setProperty("tandem.shadow", "aa");
        // Even with a broken up: A/A compares the old structure with itself.
        try (Connection app = setUp(database, "CONCAT(last_name, ' ', first_name)", aa)) {
            for (int round = 0; round < 5; round++) {
                assertEquals(expectedNames(), readNames(app));
            }
            MigrationMeters m = meters(app);
            assertEquals(10, m.shadowCount("match"));
            assertEquals(0, m.shadowCount("mismatch") + m.shadowCount("transient") + m.shadowCount("error"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aResultAboveTheRowCapIsSkippedAndStillComplete(TestDatabase database) throws Exception {
        Properties small = new Properties();
        small.setProperty("tandem.shadowRowCap", "4");
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", small)) {
            assertEquals(expectedNames(), readNames(app), "all ten rows reach the application");
            MigrationMeters m = meters(app);
            assertEquals(1, m.shadowCount("skipped"));
            assertEquals(1, m.shadowCount("match"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aShadowThatFailsNeverTouchesTheApplicationOrItsTransaction(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "CONCAT(first_name, ' ', last_name)", new Properties())) {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.execute("DROP TABLE " + to);
            }
            app.setAutoCommit(false);
            assertEquals(expectedNames(), readNames(app), "the original result, although the shadow failed");
            try (Statement s = app.createStatement()) {
                s.executeUpdate("UPDATE " + from + " SET last_name = 'King' WHERE id = 1");
            }
            app.commit();
            app.setAutoCommit(true);
            assertTrue(meters(app).shadowCount("error") >= 2, "counted as errors");
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name VARCHAR(101))");
                try (ResultSet rs = s.executeQuery("SELECT last_name FROM " + from + " WHERE id = 1")) {
                    rs.next();
                    assertEquals("King", rs.getString(1), "the transaction went on and committed");
                }
            }
        }
    }
}
