package dev.tandem.translate;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * read-new, write-new and contracted on the real databases, each phase set in the rules file: the strict mirror of
 * read-new, writes translated onto {@code to} with {@code from} kept fresh through {@code down} (write-new), and
 * {@code to} alone once {@code from} is gone (contracted). Every check is a query on the raw database.
 */
class NewStructurePhasesTest {
    @TempDir
    Path rules;

    private TestDatabase db;
    private String from;
    private String to;
    private String sequence;

    @AfterEach
    void drop() throws Exception {
        if (db != null && from != null) {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                TestTables.drop(raw, from, to);
                if (sequence != null) {
                    s.execute("DROP SEQUENCE IF EXISTS " + sequence);
                }
            }
        }
    }

    /**
     * person(id, first_name, last_name DEFAULT 'Doe', email) and people(id, full_name, email), both keyed by one
     * series: a shared sequence on PostgreSQL and H2, AUTO_INCREMENT on MariaDB.
     */
    private Connection setUp(TestDatabase database, String phase, String toExtra) throws Exception {
        database.assumeAvailable();
        db = database;
        from = TestTables.unique("nperson");
        to = TestTables.unique("npeople");
        String fromKey;
        String toKey;
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            if (db == TestDatabase.MARIADB) {
                fromKey = "id BIGINT AUTO_INCREMENT PRIMARY KEY";
                toKey = "id BIGINT AUTO_INCREMENT PRIMARY KEY";
            } else {
                sequence = TestTables.unique("nseq");
                s.execute("CREATE SEQUENCE " + sequence + " START WITH 1000");
                String next = db == TestDatabase.POSTGRESQL ? "nextval('" + sequence + "')"
                        : "NEXT VALUE FOR " + sequence;
                fromKey = "id BIGINT DEFAULT " + next + " PRIMARY KEY";
                toKey = "id BIGINT DEFAULT " + next + " PRIMARY KEY";
            }
            s.execute("CREATE TABLE " + from + " (" + fromKey + ", first_name VARCHAR(50), last_name VARCHAR(50)"
                    + " DEFAULT 'Doe', email VARCHAR(100))");
            s.execute("CREATE TABLE " + to + " (" + toKey + ", full_name VARCHAR(101), email VARCHAR(100)"
                    + toExtra + ")");
        }
        Files.writeString(rules.resolve("m.yaml"), String.join("\n",
                "migration: newphases",
                "from: { table: " + from + ", key: [id] }",
                "to: { table: " + to + ", key: [id] }",
                "up:",
                "  id: id",
                "  full_name: \"CONCAT(first_name, ' ', last_name)\"",
                "  email: email",
                "down:",
                "  id: id",
                "  first_name: \"SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)\"",
                "  last_name: \"SUBSTRING(full_name, POSITION(' ' IN full_name) + 1)\"",
                "  email: email",
                "phase: " + phase, ""));
        Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        return DriverManager.getConnection(db.tandemUrl(), props);
    }

    private static MigrationMeters meters(Connection app) throws Exception {
        TandemEngine engine = app.unwrap(TandemConnection.class).engine();
        return engine.meters(engine.rules().migration("newphases").orElseThrow());
    }

    /** {@code from} as id → "first last email", by a raw query. */
    private TreeMap<Long, String> fromRows() throws SQLException {
        return rows("SELECT id, first_name, last_name, email FROM " + from);
    }

    /** {@code to} read through down, as id → "first last email", by a raw query. */
    private TreeMap<Long, String> toRowsThroughDown() throws SQLException {
        return rows("SELECT id, SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1),"
                + " SUBSTRING(full_name, POSITION(' ' IN full_name) + 1), email FROM " + to);
    }

    private TreeMap<Long, String> rows(String sql) throws SQLException {
        TreeMap<Long, String> rows = new TreeMap<>();
        try (Connection raw = db.connect(); Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    private void assertBothAgree() throws SQLException {
        assertEquals(toRowsThroughDown(), fromRows(), "from = down(to), row for row");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readNewServesReadsFromTheNewStructureAndMirrorsStrictly(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "read-new", ", UNIQUE (full_name)")) {
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, first_name, last_name, email) VALUES"
                        + " (1, 'Ada', 'Lovelace', 'a@x')");
            }
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                // change `to` behind Tandem's back: a read served from `to` shows it, one from `from` would not
                s.executeUpdate("UPDATE " + to + " SET email = 'to@x' WHERE id = 1");
            }
            try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SELECT email, first_name FROM "
                    + from + " WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("to@x", rs.getString(1), "served from the new structure");
                assertEquals("Ada", rs.getString(2));
            }
            app.setAutoCommit(false);
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from
                    + " (id, first_name, last_name, email) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 2);
                ps.setString(2, "Alan");
                ps.setString(3, "Turing");
                ps.setString(4, "t@x");
                ps.executeUpdate();
                ps.setLong(1, 3);
                ps.setString(2, "Ada");
                ps.setString(3, "Lovelace"); // `to` refuses a second "Ada Lovelace": the strict mirror fails
                ps.setString(4, "b@x");
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertTrue(e.getMessage().contains("newphases") && e.getMessage().contains("rolled back"),
                        e.getMessage());
            }
            app.rollback();
            app.setAutoCommit(true);
            assertEquals(List.of(1L), new ArrayList<>(fromRows().keySet()), "the whole transaction rolled back");
            assertEquals(1, meters(app).mirrorFailures());
            // a write that cannot be mirrored is refused, naming the migration and the reason
            try (Statement s = app.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(
                        "INSERT INTO " + from + " (id, first_name) VALUES (9, 'x'); DELETE FROM " + from));
                assertTrue(refused.getMessage().contains("newphases"), refused.getMessage());
            }
        }
    }

    /**
     * A prepared read served from the new structure runs on a statement of Tandem's own, which takes the
     * application's max rows and query timeout at every execution — including a change back, now that they are
     * only copied when they differ (setting the timeout on H2 emptied its statement cache at every execution).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readNewPreparedReadsFollowTheApplicationsMaxRowsAndTimeout(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "read-new", "")) {
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, first_name, last_name, email) VALUES"
                        + " (1, 'Ada', 'Lovelace', 'a@x'), (2, 'Alan', 'Turing', 't@x'), (3, 'Grace', 'Hopper', 'g@x')");
            }
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.executeUpdate("UPDATE " + to + " SET email = 'to@x'"); // only a read served from `to` sees it
            }
            try (PreparedStatement ps = app.prepareStatement("SELECT id, email FROM " + from
                    + " WHERE id >= ? ORDER BY id")) {
                ps.setLong(1, 1);
                assertEquals(List.of("1 to@x", "2 to@x", "3 to@x"), idsAndEmails(ps));
                ps.setMaxRows(2);
                ps.setQueryTimeout(7);
                assertEquals(List.of("1 to@x", "2 to@x"), idsAndEmails(ps));
                assertEquals(List.of("1 to@x", "2 to@x"), idsAndEmails(ps), "again, settings unchanged");
                ps.setMaxRows(0);
                ps.setQueryTimeout(0);
                assertEquals(List.of("1 to@x", "2 to@x", "3 to@x"), idsAndEmails(ps), "back to no limit");
            }
        }
    }

    private static List<String> idsAndEmails(PreparedStatement ps) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writeNewWritesTheNewStructureAndKeepsTheOldOneFresh(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "write-new", "")) {
            long generated;
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " (first_name, last_name, email)"
                    + " VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "Grace");
                ps.setString(2, "Hopper");
                ps.setString(3, "g@x");
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next(), "the application gets the key the new structure generated");
                    generated = keys.getLong(1);
                }
            }
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, first_name, email) VALUES (5, 'John', 'j@x')");
                assertEquals(1, s.executeUpdate("UPDATE " + from + " SET last_name = 'Smith' WHERE id = 5"));
                assertEquals(1, s.executeUpdate("UPDATE " + from + " SET email = 'h@x' WHERE last_name = 'Hopper'"));
            }
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from
                    + " (id, first_name, last_name, email) VALUES (?, ?, ?, ?)")) {
                for (int i = 10; i < 13; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "B" + i);
                    ps.setString(3, "X");
                    ps.setString(4, i + "@x");
                    ps.addBatch();
                }
                assertEquals(3, ps.executeBatch().length);
            }
            try (Statement s = app.createStatement()) {
                assertEquals(1, s.executeUpdate("DELETE FROM " + from + " WHERE id = 11"));
            }
            TreeMap<Long, String> expected = new TreeMap<>();
            expected.put(generated, "Grace Hopper h@x");
            expected.put(5L, "John Smith j@x");
            expected.put(10L, "B10 X 10@x");
            expected.put(12L, "B12 X 12@x");
            assertEquals(expected, toRowsThroughDown(), "the new structure holds every write");
            assertBothAgree();
            // reads come from the new structure
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.executeUpdate("UPDATE " + to + " SET email = 'to@x' WHERE id = 5");
            }
            try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SELECT email FROM " + from
                    + " WHERE id = 5")) {
                assertTrue(rs.next());
                assertEquals("to@x", rs.getString(1));
            }
            assertEquals(0, meters(app).mirrorFailures());
        }
    }

    /**
     * Hibernate's optimistic locking in write-new: a batched {@code UPDATE ... WHERE id = ? AND version = ?} whose
     * version is stale matches no row. Nothing was written, so nothing is left to sync back: it is no mirror failure
     * (pgjdbc hands back the keys of such a batch as a result set without columns, which once counted as one).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writeNewBatchedUpdatesMatchingNoRowAreNoMirrorFailure(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "write-new", "")) {
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + from + " (id, first_name, last_name, email) VALUES (7, 'Ada', 'L', 'a@x')");
            }
            try (PreparedStatement ps = app.prepareStatement("UPDATE " + from
                    + " SET last_name = ? WHERE id = ? AND email = ?")) {
                ps.setString(1, "Stale");
                ps.setLong(2, 7);
                ps.setString(3, "not-the-current@x");
                ps.addBatch();
                assertArrayEquals(new int[] {0}, ps.executeBatch(), "the stale update matches no row");
                ps.setString(1, "Lovelace");
                ps.setLong(2, 7);
                ps.setString(3, "a@x");
                ps.addBatch();
                assertArrayEquals(new int[] {1}, ps.executeBatch(), "the current one matches its row");
            }
            assertEquals("Ada Lovelace a@x", fromRows().get(7L), "the old structure is kept fresh");
            assertBothAgree();
            assertEquals(0, meters(app).mirrorFailures(), "a write that matched no row leaves nothing to sync");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void contractedUsesTheNewStructureAloneOnceTheOldIsGone(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "contracted", "")) {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                s.execute("DROP TABLE " + from);
            }
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from
                    + " (id, first_name, last_name, email) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 7);
                ps.setString(2, "Ken");
                ps.setString(3, "Thompson");
                ps.setString(4, "k@x");
                assertEquals(1, ps.executeUpdate());
            }
            try (Statement s = app.createStatement()) {
                assertEquals(1, s.executeUpdate("UPDATE " + from + " SET first_name = 'Kenneth' WHERE id = 7"));
            }
            try (PreparedStatement ps = app.prepareStatement("SELECT first_name, last_name FROM " + from
                    + " WHERE email = ?")) {
                ps.setString(1, "k@x");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("Kenneth", rs.getString(1));
                    assertEquals("Thompson", rs.getString(2));
                }
            }
            assertEquals("Kenneth Thompson k@x", toRowsThroughDown().get(7L));
        }
    }
}
