package dev.tandem.jdbc;

import dev.tandem.engine.TandemEngine;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules are loaded and checked when a connection is made: a bad rules file fails the connection with its path, line
 * and what is wrong, and leaks no real connection; no rules at all means plain pass-through.
 */
class RulesAtConnectTest {
    @TempDir
    Path tmp;

    private static String good(String from, String to, String extraLine, String fullName) {
        return "migration: m-" + from + "\n"
                + "from: { table: " + from + ", key: [id] }\n"
                + "to:   { table: " + to + ", key: [id] }\n"
                + extraLine
                + "up:\n"
                + "  id: id\n"
                + "  full_name: \"" + fullName + "\"\n"
                + "down:\n"
                + "  id: id\n"
                + "  name: \"LOWER(full_name)\"\n"
                + "phase: write-both\n";
    }

    /** name, file text, the line the problem is on, a word the message must contain. */
    static Stream<Arguments> badFiles() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("unknown key", good("person_a", "people_a", "colour: red\n", "UPPER(name)"), 4,
                "colour"));
        out.add(Arguments.of("missing from.key", "migration: m-x\n"
                + "from: { table: person_x }\n"
                + "to:   { table: people_x, key: [id] }\n"
                + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n", 2, "from.key"));
        out.add(Arguments.of("up expression with a second statement",
                good("person_b", "people_b", "", "UPPER(name); DROP TABLE x"), 6, "up.full_name"));
        out.add(Arguments.of("not YAML (unclosed flow mapping)", "migration: m-x\n"
                + "from: { table: person_x, key: [id] }\n"
                + "to:   { table: people_x, key: [id]\n"
                + "up:\n  id: id\n", 4, "YAML"));
        out.add(Arguments.of("not YAML (tab indentation)", "migration: m-x\n"
                + "from: { table: person_x, key: [id] }\n"
                + "\tto: { table: people_x, key: [id] }\n", 3, "YAML"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadRulesFileFailsTheConnectionWithPathAndLine(String name, String text, int line, String word)
            throws Exception {
        TestDatabase db = TestDatabase.H2;
        Path dir = Files.createDirectory(tmp.resolve("rules"));
        Path file = Files.writeString(dir.resolve("bad.yaml"), text, StandardCharsets.UTF_8);

        for (String location : List.of(dir.toString(), file.toString())) {
            Properties p = db.properties();
            p.setProperty("tandem.rules", location);
            long sessions = h2Sessions();
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p));
            String message = e.getMessage();
            assertTrue(message.contains(file + ":" + line + ":"), "expected " + file + ":" + line + " in: " + message);
            assertTrue(message.contains(word), message);
            assertEquals(sessions, h2Sessions(), "a real connection was left open after the failed connect");
        }
        // the same through the URL and through TandemDataSource
        SQLException viaUrl = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                db.tandemUrl() + ";tandem.rules=" + dir, db.properties()));
        assertTrue(viaUrl.getMessage().contains(file + ":" + line), viaUrl.getMessage());

        org.h2.jdbcx.JdbcDataSource real = new org.h2.jdbcx.JdbcDataSource();
        real.setURL(db.jdbcUrl());
        real.setUser(db.user());
        real.setPassword(db.password());
        Properties settings = new Properties();
        settings.setProperty("tandem.rules", dir.toString());
        long sessions = h2Sessions();
        SQLException viaDataSource = assertThrows(SQLException.class,
                () -> new TandemDataSource(real, settings).getConnection());
        assertTrue(viaDataSource.getMessage().contains(file + ":" + line), viaDataSource.getMessage());
        assertEquals(sessions, h2Sessions(), "a real connection was left open after the failed DataSource connect");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBadRulesFileFailsTheConnectionOnEveryDatabaseAndLeaksNothing(TestDatabase db) throws Exception {
        db.assumeAvailable();
        Path dir = Files.createDirectory(tmp.resolve("rules"));
        Path file = Files.writeString(dir.resolve("bad.yaml"),
                good("person_c", "people_c", "colour: red\n", "UPPER(name)"), StandardCharsets.UTF_8);
        String marker = "tandem_leak_" + TestTables.unique("t").substring(2);
        String database = null;
        try {
            String url = db.tandemUrl();
            Properties p = db.properties();
            p.setProperty("tandem.rules", dir.toString());
            switch (db) {
                case POSTGRESQL -> p.setProperty("ApplicationName", marker);
                case MARIADB -> {
                    database = marker;
                    try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                        s.execute("CREATE DATABASE " + database);
                    }
                    url = url.replaceFirst("(//[^/]+/)[^?;]*", "$1" + database);
                }
                default -> {
                }
            }
            long before = openConnections(db, marker);
            String tandemUrl = url;
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(tandemUrl, p));
            assertTrue(e.getMessage().contains(file + ":4:"), e.getMessage());
            assertTrue(e.getMessage().contains("colour"), e.getMessage());
            awaitConnections(db, marker, before, "after the failed connect");

            // the check can see a connection: with good rules the connection is there while open, gone when closed
            Files.writeString(file, good("person_c", "people_c", "", "UPPER(name)"), StandardCharsets.UTF_8);
            try (Connection c = DriverManager.getConnection(tandemUrl, p)) {
                assertInstanceOf(TandemConnection.class, c);
                // the engine's state poller holds a connection of its own (see src/docs/operations.md): stop it, so
                // that only the application's connection is counted
                var engine = ((TandemConnection) c).engine();
                engine.phaseSource(dev.tandem.state.PhaseSource.fixed(engine.phases()));
                assertEquals(before + 1, openConnections(db, marker), "the open Tandem connection is counted");
            }
            awaitConnections(db, marker, before, "after close");
        } finally {
            if (database != null) {
                try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                }
            }
        }
    }

    /** How many real connections are open that this test could have opened. */
    private static long openConnections(TestDatabase db, String marker) throws SQLException {
        return switch (db) {
            case H2 -> h2Sessions();
            case POSTGRESQL -> count(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?", marker);
            case MARIADB -> count(db, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?", marker);
        };
    }

    private static void awaitConnections(TestDatabase db, String marker, long expected, String when)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = openConnections(db, marker);
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = openConnections(db, marker);
        }
        assertEquals(expected, now, "real connections open " + when);
    }

    private static long count(TestDatabase db, String sql, String parameter) throws SQLException {
        try (Connection raw = db.connect(); PreparedStatement ps = raw.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Sessions of the shared H2 database other than the one asking. */
    /** A bad setting fails the connect with an SQLException that names it, through the URL and the DataSource. */
    @Test
    void aBadSettingFailsTheConnectNamingItAndLeaksNothing() throws Exception {
        TestDatabase db = TestDatabase.H2;
        String[][] bad = {{"tandem.shadow", "sometimes"}, {"tandem.shadowRowCap", "-3"}, {"tandem.poll", "fast"},
                {"tandem.planCacheSize", "many"}, {"tandem.parseTimeoutMs", "0"}};
        for (String[] setting : bad) {
            Properties p = db.properties();
            p.setProperty(setting[0], setting[1]);
            long sessions = h2Sessions();
            SQLException viaUrl = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p),
                    setting[0]);
            assertTrue(viaUrl.getMessage().contains(setting[0]), viaUrl.getMessage());
            assertEquals("08001", viaUrl.getSQLState());

            org.h2.jdbcx.JdbcDataSource real = new org.h2.jdbcx.JdbcDataSource();
            real.setURL(db.jdbcUrl());
            real.setUser(db.user());
            real.setPassword(db.password());
            Properties settings = new Properties();
            settings.setProperty(setting[0], setting[1]);
            SQLException viaDataSource = assertThrows(SQLException.class,
                    () -> new TandemDataSource(real, settings).getConnection(), setting[0]);
            assertTrue(viaDataSource.getMessage().contains(setting[0]), viaDataSource.getMessage());
            assertEquals(sessions, h2Sessions(), "a real connection was left open after the failed connect");
        }
    }

    private static long h2Sessions() throws SQLException {
        try (Connection raw = TestDatabase.H2.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getLong(1) - 1;
        }
    }

    @Test
    void aFixedRulesFileIsPickedUpByTheNextConnection() throws Exception {
        TestDatabase db = TestDatabase.H2;
        Path dir = Files.createDirectory(tmp.resolve("rules"));
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, good("person_d", "people_d", "colour: red\n", "UPPER(name)"));
        Properties p = db.properties();
        p.setProperty("tandem.rules", dir.toString());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p));
        Files.writeString(file, good("person_d", "people_d", "", "UPPER(name)"));
        try (Connection c = DriverManager.getConnection(db.tandemUrl(), p)) {
            assertEquals(List.of("m-person_d"), DriverSurfaceTest.ids(c.unwrap(TandemConnection.class).engine()));
        }
    }

    @Test
    void twoMigrationsClaimingTheSameColumnAreRefusedNamingBothFiles() throws IOException, SQLException {
        TestDatabase db = TestDatabase.H2;
        Path dir = Files.createDirectory(tmp.resolve("rules"));
        // both write people_s.full_name
        Path a = Files.writeString(dir.resolve("a.yaml"), good("person_s1", "people_s", "", "UPPER(name)"));
        Path b = Files.writeString(dir.resolve("b.yaml"), good("person_s2", "people_s", "", "LOWER(name)"));
        Properties p = db.properties();
        p.setProperty("tandem.rules", dir.toString());
        long sessions = h2Sessions();
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p));
        assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(b.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("full_name"), e.getMessage());
        assertEquals(sessions, h2Sessions());
    }

    @Test
    void aMissingExplicitRulesLocationFailsNamingIt() throws SQLException {
        TestDatabase db = TestDatabase.H2;
        for (String location : List.of(tmp.resolve("no-such-dir").toString(),
                tmp.resolve("no-such-file.yaml").toString(), "classpath:no/such/tandem/dir/")) {
            Properties p = db.properties();
            p.setProperty("tandem.rules", location);
            long sessions = h2Sessions();
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p));
            assertTrue(e.getMessage().contains(location), e.getMessage());
            assertEquals(sessions, h2Sessions(), "a real connection was left open after the failed connect");
        }
    }

    @Test
    void noRulesAnywhereMeansEverythingPassesThrough() throws SQLException {
        TestDatabase db = TestDatabase.H2;
        assertNull(System.getProperty("tandem.rules"), "precondition: no tandem.rules system property");
        assertNull(System.getenv("TANDEM_RULES"), "precondition: no TANDEM_RULES environment variable");
        assertNull(Thread.currentThread().getContextClassLoader().getResource("tandem/"),
                "precondition: no classpath:tandem/ on the test class path");
        assertNull(Thread.currentThread().getContextClassLoader().getResource("tandem"),
                "precondition: no classpath:tandem on the test class path");

        String table = TestTables.unique("person");
        try (Connection c = DriverManager.getConnection(db.tandemUrl(), db.properties())) {
            assertInstanceOf(TandemConnection.class, c);
            TandemEngine engine = c.unwrap(TandemConnection.class).engine();
            assertTrue(engine.rules().isEmpty(), "no migrations");
            assertEquals("classpath:tandem/", engine.config().rulesLocation());
            long parses = engine.parser().parseCount();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(50))");
                assertEquals(1, s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'a')"));
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
                    ps.setString(1, "b");
                    ps.setInt(2, 1);
                    assertEquals(1, ps.executeUpdate());
                }
                try (ResultSet rs = s.executeQuery("SELECT name FROM " + table + " WHERE id = 1")) {
                    assertTrue(rs.next());
                    assertEquals("b", rs.getString(1));
                }
                s.execute("DROP TABLE " + table);
            }
            assertEquals(parses, engine.parser().parseCount(), "nothing is parsed without rules");
            assertArrayEquals(new long[]{0, 0}, engine.cachedPlans());
        }
    }
}
