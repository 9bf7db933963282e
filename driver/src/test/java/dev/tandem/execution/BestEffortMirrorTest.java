package dev.tandem.execution;

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
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-both is best effort: a mirror that fails (a constraint on {@code to}, a missing column) never fails the
 * application's statement or poisons its transaction; it is counted and logged once per statement shape, without
 * row values. A write that cannot be mirrored passes through, counted.
 */
class BestEffortMirrorTest {
    @TempDir
    Path rules;

    private TestDatabase db;
    private String from;
    private String to;

    @AfterEach
    void dropTables() throws Exception {
        if (db != null && from != null) {
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, from, to);
            }
        }
    }

    private Connection setUp(TestDatabase database, String upFullName, boolean uniqueFullName) throws Exception {
        database.assumeAvailable();
        this.db = database;
        from = TestTables.unique("person");
        to = TestTables.unique("people");
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name VARCHAR(120)"
                    + (uniqueFullName ? " UNIQUE" : "") + ")");
        }
        Files.writeString(rules.resolve("m.yaml"), String.join("\n",
                "migration: best-effort",
                "from: { table: " + from + ", key: [id] }",
                "to: { table: " + to + ", key: [id] }",
                "up: { id: id, " + upFullName + " }",
                "down: { first_name: first_name }",
                "phase: write-both", ""));
        Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        return DriverManager.getConnection(db.tandemUrl(), props);
    }

    private static MigrationMeters meters(Connection app) throws Exception {
        TandemEngine engine = app.unwrap(TandemConnection.class).engine();
        return engine.meters(engine.rules().migration("best-effort").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedMirrorNeitherFailsTheStatementNorPoisonsTheTransaction(TestDatabase database) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        double failuresBefore = published("tandem.mirror.failures");
        try (Connection app = setUp(database, "full_name: \"CONCAT(first_name, ' ', last_name)\"", true)) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            app.setAutoCommit(false);
            try (PreparedStatement ps = app.prepareStatement(
                    "INSERT INTO " + from + " (id, first_name, last_name) VALUES (?, ?, ?)")) {
                insert(ps, 1, "Ada", "Lovelace");
                insert(ps, 2, "Ada", "Lovelace"); // `to` refuses a second 'Ada Lovelace': the mirror fails
                insert(ps, 3, "Alan", "Turing");  // the transaction goes on
                insert(ps, 4, "Ada", "Lovelace"); // fails again: logged only once for this shape
            }
            app.commit();
            app.setAutoCommit(true);
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, first_name, last_name) VALUES (5, 'Ada', 'Lovelace')");
            }
            MigrationMeters meters = meters(app);
            assertEquals(3, meters.mirrorFailures(), "three mirrors failed");
            assertEquals(3.0, published("tandem.mirror.failures") - failuresBefore,
                    "published to Micrometer's global registry");
        } finally {
            System.setErr(err);
        }
        try (Connection raw = db.connect()) {
            assertEquals(5, count(raw, from), "every application write stands");
            assertEquals(2, count(raw, to), "the mirrors that could succeed did");
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("mirror of INSERT"), "the failure is logged: " + log);
        assertFalse(log.contains("Lovelace") || log.contains("Ada"), "no row value in the log: " + log);
        assertEquals(1, occurrences(log, "mirror of INSERT ... VALUES into " + to + " failed"),
                "logged once per statement shape (the Statement with literals is another shape): " + log);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMirrorIntoAMissingColumnFailsQuietlyAndTheApplicationWorks(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "nickname: first_name", false)) {
            try (Statement s = app.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO " + from + " VALUES (1, 'Ada', 'Lovelace')"));
                assertEquals(1, s.executeUpdate("UPDATE " + from + " SET last_name = 'King' WHERE id = 1"));
            }
            assertEquals(2, meters(app).mirrorFailures());
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_name FROM " + from + " WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals("King", rs.getString(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aWriteThatCannotBeMirroredPassesThroughAndIsCounted(TestDatabase database) throws Exception {
        double unsupportedBefore = published("tandem.unsupported");
        try (Connection app = setUp(database, "full_name: \"CONCAT(first_name, ' ', last_name)\"", false)) {
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " VALUES (1, 'Ada', 'Lovelace')");
                switch (database) {
                    case POSTGRESQL -> {
                        try (ResultSet rs = s.executeQuery("WITH w AS (UPDATE " + from + " SET last_name = 'King'"
                                + " WHERE id = 1 RETURNING id) SELECT COUNT(*) FROM w")) {
                            assertTrue(rs.next());
                            assertEquals(1, rs.getInt(1));
                        }
                    }
                    case MARIADB -> {
                        try (ResultSet rs = s.executeQuery("INSERT INTO " + from + " (id, first_name, last_name)"
                                + " VALUES (2, 'Alan', 'Turing') RETURNING id")) {
                            assertTrue(rs.next());
                        }
                    }
                    case H2 -> assertEquals(1, s.executeUpdate("MERGE INTO " + from + " KEY (id)"
                            + " VALUES (1, 'Ada', 'King')"));
                }
            }
            MigrationMeters meters = meters(app);
            assertEquals(1, meters.unsupportedCount(), "counted as unsupported");
            assertEquals(1.0, published("tandem.unsupported") - unsupportedBefore,
                    "published to Micrometer's global registry");
            assertEquals(0, meters.mirrorFailures());
        }
    }

    /**
     * What a stored procedure writes is invisible to Tandem: a call whose text names the migrated table is counted
     * as unmirrored (a call that does not name it is not even seen; both are documented).
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aStoredProcedureCallNamingTheTableIsCountedAsUnmirrored(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "full_name: \"CONCAT(first_name, ' ', last_name)\"", false)) {
            String procedure = TestTables.unique("touch");
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.execute("INSERT INTO " + from + " VALUES (1, 'Ada', 'Lovelace')");
                if (database == TestDatabase.POSTGRESQL) {
                    s.execute("CREATE PROCEDURE " + procedure + "(t text) LANGUAGE plpgsql AS $$ BEGIN UPDATE " + from
                            + " SET last_name = 'King'; END $$");
                } else {
                    s.execute("CREATE PROCEDURE " + procedure + "(t VARCHAR(80)) UPDATE " + from
                            + " SET last_name = 'King'");
                }
            }
            try (java.sql.CallableStatement call = app.prepareCall("CALL " + procedure + "('" + from + "')")) {
                call.execute();
            }
            assertEquals(1, meters(app).unsupportedCount(), "the call is counted as unmirrored");
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.execute("DROP PROCEDURE " + procedure);
            }
        }
    }

    /** What Micrometer holds for a counter of this migration (a registry is attached to the global one once). */
    private static double published(String name) {
        synchronized (BestEffortMirrorTest.class) {
            if (io.micrometer.core.instrument.Metrics.globalRegistry.getRegistries().isEmpty()) {
                io.micrometer.core.instrument.Metrics.addRegistry(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            }
        }
        io.micrometer.core.instrument.Counter c = io.micrometer.core.instrument.Metrics.globalRegistry.find(name)
                .tag("migration", "best-effort").counter();
        return c == null ? 0 : c.count();
    }

    private static void insert(PreparedStatement ps, long id, String first, String last) throws Exception {
        ps.setLong(1, id);
        ps.setString(2, first);
        ps.setString(3, last);
        assertEquals(1, ps.executeUpdate());
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
