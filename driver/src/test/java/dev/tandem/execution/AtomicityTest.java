package dev.tandem.execution;

import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The mirror is atomic with the application's statement, also in autocommit mode, where Tandem wraps the two in a
 * transaction of its own:
 * <ul>
 *   <li>on PostgreSQL and H2, triggers on {@code from} and {@code to} log the id of the transaction writing each, and
 *       both writes of an autocommit statement carry the same one;</li>
 *   <li>on MariaDB and H2 (where a failed statement does not abort the transaction, so the mirror runs without a
 *       savepoint), a mirror failure that ends the transaction (a deadlock, SQLState 40001, raised here by a trigger
 *       on {@code to}) takes the application's autocommit statement with it.</li>
 * </ul>
 * MariaDB's {@code innodb_trx.trx_id} is reused across transactions, so it cannot tell them apart there.
 */
class AtomicityTest {
    @TempDir
    Path rules;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void anAutocommitStatementAndItsMirrorAreOneTransaction(TestDatabase db) throws Exception {
        db.assumeAvailable();
        String base = TestTables.unique("atom");
        String from = base + "_f";
        String to = base + "_t";
        String log = base + "_log";
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
            s.execute("CREATE TABLE " + log + " (tbl VARCHAR(80), txid VARCHAR(40))");
            for (String table : List.of(from, to)) {
                switch (db) {
                    case POSTGRESQL -> {
                        s.execute("CREATE FUNCTION " + table + "_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                                + " INSERT INTO " + log + " VALUES (TG_TABLE_NAME, txid_current()::text);"
                                + " RETURN NEW; END $$");
                        s.execute("CREATE TRIGGER " + table + "_tr AFTER INSERT OR UPDATE ON " + table
                                + " FOR EACH ROW EXECUTE FUNCTION " + table + "_fn()");
                    }
                    default -> throw new IllegalStateException("no transaction id to log on " + db);
                    // The trigger's name tells it the log table: everything before its last '_', plus "_log".
                    case H2 -> s.execute("CREATE TRIGGER " + base + "_" + (table.equals(from) ? "f" : "t")
                            + " AFTER INSERT ON " + table + " FOR EACH ROW CALL \""
                            + TransactionIdLog.class.getName() + "\"");
                }
            }
        }
        Files.writeString(rules.resolve("m.yaml"), "migration: atomic\nfrom: { table: " + from + ", key: [id] }\n"
                + "to: { table: " + to + ", key: [id] }\nup: { id: id, name: name }\ndown: { name: name }\n"
                + "phase: write-both\n");
        Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        try (Connection app = DriverManager.getConnection(db.tandemUrl(), props)) {
            try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " VALUES (?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "first");
                ps.executeUpdate();
                ps.setLong(1, 2);
                ps.setString(2, "second");
                ps.executeUpdate();
            }
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT tbl, txid FROM " + log)) {
            List<String> fromTx = new ArrayList<>();
            List<String> toTx = new ArrayList<>();
            while (rs.next()) {
                String table = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                (table.equals(from) ? fromTx : toTx).add(rs.getString(2));
            }
            assertEquals(2, fromTx.size(), "two statements: " + fromTx);
            assertEquals(fromTx, toTx, "each autocommit statement and its mirror ran in one transaction");
            assertNotEquals(fromTx.get(0), fromTx.get(1), "and each statement in its own, as in autocommit");
            assertNotEquals("null", fromTx.get(0));
        } finally {
            try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                TestTables.drop(raw, from, to, log);
                if (db == TestDatabase.POSTGRESQL) {
                    s.execute("DROP FUNCTION IF EXISTS " + from + "_fn() CASCADE");
                    s.execute("DROP FUNCTION IF EXISTS " + to + "_fn() CASCADE");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "MARIADB"})
    void aMirrorFailureThatEndsTheTransactionTakesTheAutocommitStatementWithIt(TestDatabase db) throws Exception {
        db.assumeAvailable();
        String base = TestTables.unique("atom");
        String from = base + "_f";
        String to = base + "_t";
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
            if (db == TestDatabase.MARIADB) {
                s.execute("CREATE TRIGGER " + to + "_tr BEFORE INSERT ON " + to + " FOR EACH ROW"
                        + " IF NEW.name = 'poison' THEN SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'deadlock';"
                        + " END IF");
            } else {
                s.execute("CREATE TRIGGER " + to + "_tr BEFORE INSERT ON " + to + " FOR EACH ROW CALL \""
                        + DeadlockOnPoison.class.getName() + "\"");
            }
        }
        Files.writeString(rules.resolve("m.yaml"), "migration: atomic\nfrom: { table: " + from + ", key: [id] }\n"
                + "to: { table: " + to + ", key: [id] }\nup: { id: id, name: name }\ndown: { name: name }\n"
                + "phase: write-both\n");
        Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        try (Connection app = DriverManager.getConnection(db.tandemUrl(), props);
             PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " VALUES (?, ?)")) {
            ps.setLong(1, 1);
            ps.setString(2, "fine");
            ps.executeUpdate();
            ps.setLong(1, 2);
            ps.setString(2, "poison");
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    ps::executeUpdate, "a mirror failure that ends the transaction reaches the application");
            assertEquals("40001", e.getSQLState());
            ps.setLong(1, 3);
            ps.setString(2, "after");
            ps.executeUpdate();
        }
        try (Connection raw = db.connect(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + from + " ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            assertEquals(List.of(1L, 3L), ids, "the poisoned statement was rolled back with its mirror");
        } finally {
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, from, to);
            }
        }
    }
}
