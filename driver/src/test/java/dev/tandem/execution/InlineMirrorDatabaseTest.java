package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.rules.Phase;
import dev.tandem.testing.RecordingDriver;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A column-level write carries its mirror in the statement itself ({@link InlineMirrors}): one statement reaches the
 * database instead of the write, a sync and a transaction around them, and the new columns hold exactly what the
 * sync would have written — decimals rounded as the row stores them, values set by a trigger (then the write is
 * synced). A best-effort mirror that fails inline does not fail the write; a strict one does.
 */
class InlineMirrorDatabaseTest {
    @TempDir
    Path rules;

    private TestDatabase db;
    private String table;

    @AfterEach
    void dropTables() throws Exception {
        if (db != null && table != null) {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                if (db == TestDatabase.POSTGRESQL) {
                    s.execute("DROP FUNCTION IF EXISTS " + table + "_fn() CASCADE");
                }
                TestTables.drop(raw, table);
            }
        }
    }

    /** item(id, first_name, last_name, price numeric(10,2)) gains full_name and price_mills. */
    private Connection setUp(TestDatabase database, String phase, String fullNameType) throws Exception {
        database.assumeAvailable();
        RecordingDriver.register();
        db = database;
        table = TestTables.unique("inl");
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50),"
                    + " price DECIMAL(10, 2), full_name " + fullNameType + ", price_mills BIGINT)");
        }
        String concat = db == TestDatabase.MARIADB ? "CONCAT(first_name, ' ', last_name)"
                : "first_name || ' ' || last_name";
        Path file = rules.resolve(table + ".yaml"); // one engine per rules location: a fresh one per set-up
        Files.writeString(file, String.join("\n",
                "migration: inline",
                "from: { table: " + table + ", key: [id] }",
                "to: { table: " + table + ", key: [id] }",
                "up: { full_name: \"" + concat + "\", price_mills: \"price * 1000\" }",
                "down: { first_name: first_name, last_name: last_name, price: \"price_mills / 1000.0\" }",
                "phase: " + phase, ""));
        Properties props = db.properties();
        props.setProperty("tandem.rules", file.toString());
        return DriverManager.getConnection("jdbc:tandem:recording:" + db.jdbcUrl().substring("jdbc:".length()),
                props);
    }

    private static MigrationMeters meters(Connection app) throws Exception {
        TandemEngine engine = app.unwrap(TandemConnection.class).engine();
        return engine.meters(engine.rules().migration("inline").orElseThrow());
    }

    /** The statements that reached the database naming the table, from the point of {@code clear()}. */
    private List<String> sent() {
        return RecordingDriver.recorded().stream()
                .filter(s -> s.toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT)))
                .filter(s -> !s.toLowerCase(Locale.ROOT).contains("information_schema")).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneStatementWritesTheRowAndItsNewColumns(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "write-both", "VARCHAR(101)")) {
            try (PreparedStatement warm = app.prepareStatement("SELECT id FROM " + table + " WHERE id = ?")) {
                warm.setLong(1, 0);
                warm.executeQuery().close(); // the engine has read the catalog
            }
            RecordingDriver.clear();
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + table
                    + " (id, first_name, last_name, price) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "Ada");
                ps.setString(3, "Lovelace");
                ps.setBigDecimal(4, new BigDecimal("1.005")); // stored as 1.01 (or 1.00): price_mills follows the row
                assertEquals(1, ps.executeUpdate());
            }
            try (PreparedStatement ps = app.prepareStatement("UPDATE " + table + " SET last_name = ? WHERE id = ?")) {
                ps.setString(1, "King");
                ps.setLong(2, 1);
                assertEquals(1, ps.executeUpdate());
            }
            // the application's statement is prepared (its text, unused), the inline form runs; no sync follows
            List<String> sent = sent();
            assertEquals(4, sent.size(), "one statement per write, no sync: " + sent);
            assertTrue(sent.get(1).startsWith("INSERT") && sent.get(1).contains("full_name")
                    && sent.get(1).contains("price_mills"), "the INSERT carries its mirror: " + sent);
            assertTrue(sent.get(3).startsWith("UPDATE " + table + " SET last_name = ?, full_name = "),
                    "the UPDATE carries its mirror: " + sent);

            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + table
                    + " (id, first_name, last_name, price) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 3);
                ps.setString(2, "Grace");
                ps.setString(3, "Hopper");
                ps.setBigDecimal(4, new BigDecimal("3.4449")); // stored as 3.44: price_mills 3440, not 3444.9
                ps.executeUpdate();
            }
            // a batch and a plain Statement go the same way
            try (PreparedStatement ps = app.prepareStatement("UPDATE " + table + " SET price = ? WHERE id = ?")) {
                ps.setBigDecimal(1, new BigDecimal("2.345"));
                ps.setLong(2, 1);
                ps.addBatch();
                ps.executeBatch();
            }
            try (Statement s = app.createStatement()) {
                s.executeUpdate("INSERT INTO " + table + " (id, first_name, last_name, price) VALUES"
                        + " (2, 'Alan', 'Tur''ing', 7.5)");
                s.executeUpdate("UPDATE " + table + " SET first_name = 'Grace' WHERE id = 2");
            }
            assertEquals(0, meters(app).mirrorFailures());
            assertEquals(6, meters(app).mirroredRowCount(), "rows written inline count as mirrored, as synced keys do");
        }
        assertNewColumnsFollowTheRows();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTriggerOnTheTableMakesTheWriteSynced(TestDatabase database) throws Exception {
        try (Connection app = setUp(database, "write-both", "VARCHAR(101)")) {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                switch (database) {
                    case POSTGRESQL -> {
                        s.execute("CREATE FUNCTION " + table + "_fn() RETURNS trigger AS 'BEGIN NEW.last_name :="
                                + " upper(NEW.last_name); RETURN NEW; END' LANGUAGE plpgsql");
                        s.execute("CREATE TRIGGER " + table + "_t BEFORE INSERT OR UPDATE ON " + table
                                + " FOR EACH ROW EXECUTE FUNCTION " + table + "_fn()");
                    }
                    case MARIADB -> s.execute("CREATE TRIGGER " + table + "_t BEFORE INSERT ON " + table
                            + " FOR EACH ROW SET NEW.last_name = UPPER(NEW.last_name)");
                    case H2 -> s.execute("CREATE TRIGGER " + table + "_t BEFORE INSERT ON " + table
                            + " FOR EACH ROW CALL '" + UpperLastName.class.getName() + "'");
                }
            }
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + table
                    + " (id, first_name, last_name, price) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "Ada");
                ps.setString(3, "Lovelace");
                ps.setBigDecimal(4, BigDecimal.ONE);
                ps.executeUpdate();
            }
        }
        assertNewColumnsFollowTheRows();
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT full_name FROM " + table)) {
            assertTrue(rs.next());
            assertEquals("Ada LOVELACE", rs.getString(1), "the trigger's value reached the new column");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailingInlineMirrorIsBestEffortInWriteBothAndStrictInReadNew(TestDatabase database) throws Exception {
        // full_name holds 5 characters: 'Ada Lovelace' does not fit, so the inline form fails
        try (Connection app = setUp(database, "write-both", "VARCHAR(5)")) {
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + table
                    + " (id, first_name, last_name, price) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "Ada");
                ps.setString(3, "Lovelace");
                ps.setBigDecimal(4, BigDecimal.ONE);
                assertEquals(1, ps.executeUpdate(), "the application's write stands");
            }
            app.setAutoCommit(false);
            try (PreparedStatement ps = app.prepareStatement("UPDATE " + table + " SET first_name = ? WHERE id = ?")) {
                ps.setString(1, "Augusta");
                ps.setLong(2, 1);
                ps.executeUpdate();
            }
            app.commit();
            app.setAutoCommit(true);
            assertTrue(meters(app).mirrorFailures() >= 1, "counted as mirror failures");
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_name FROM " + table + " WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals("Augusta", rs.getString(1));
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            TestTables.drop(raw, table);
        }
        try (Connection app = setUp(database, "read-new", "VARCHAR(5)")) {
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + table
                    + " (id, first_name, last_name, price) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "Ada");
                ps.setString(3, "Lovelace");
                ps.setBigDecimal(4, BigDecimal.ONE);
                assertThrows(SQLException.class, ps::executeUpdate, "strict: the write fails with its mirror");
            }
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "nothing half-written");
        }
    }

    /** Every row's new columns equal up(row), computed by the database from the stored row. */
    private void assertNewColumnsFollowTheRows() throws SQLException {
        String concat = db == TestDatabase.MARIADB ? "CONCAT(first_name, ' ', last_name)"
                : "first_name || ' ' || last_name";
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, full_name, " + concat + ", price_mills, price * 1000 FROM "
                     + table + " ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertEquals(rs.getString(3), rs.getString(2), "full_name of row " + rs.getLong(1));
                assertEquals(0, rs.getBigDecimal(5).compareTo(rs.getBigDecimal(4)),
                        "price_mills of row " + rs.getLong(1) + ": " + rs.getBigDecimal(4) + " vs " + rs.getBigDecimal(5));
            }
            assertTrue(rows > 0);
        }
    }

    /** H2's trigger for {@link #aTriggerOnTheTableMakesTheWriteSynced}: last_name upper-cased. */
    public static final class UpperLastName extends org.h2.tools.TriggerAdapter {
        @Override
        public void fire(Connection conn, ResultSet oldRow, ResultSet newRow) throws SQLException {
            newRow.updateString("LAST_NAME", newRow.getString("LAST_NAME").toUpperCase(Locale.ROOT));
        }
    }
}
