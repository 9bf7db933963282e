package dev.tandem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the harness: each database is reachable and is the product it claims to be. */
class TestDatabaseTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void connectsToTheRealDatabase(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (Connection c = db.connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals(db.productName(), c.getMetaData().getDatabaseProductName());
        }
        assertTrue(db.tandemUrl().startsWith("jdbc:tandem:"), db.tandemUrl());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void uniqueTablesCanBeCreatedAndDropped(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        String table = TestTables.unique("harness");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20))");
                assertEquals(1, s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'a')"));
            } finally {
                TestTables.drop(c, table, "harness_never_created");
            }
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM " + table).close());
        }
    }

    @Test
    void h2IsTheSameDatabaseForTheWholeJvm() throws SQLException {
        String table = TestTables.unique("harness");
        try (Connection first = TestDatabase.H2.connect(); Statement s = first.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT)");
            try (Connection second = TestDatabase.H2.connect(); Statement s2 = second.createStatement();
                 ResultSet rs = s2.executeQuery("SELECT COUNT(*) FROM " + table)) {
                assertTrue(rs.next());
            } finally {
                TestTables.drop(first, table);
            }
        }
        assertTrue(TestDatabase.H2.jdbcUrl().matches("jdbc:h2:mem:tandem_[a-z0-9]+;DB_CLOSE_DELAY=-1"),
                TestDatabase.H2.jdbcUrl());
    }

    @Test
    void tandemUrlReplacesOnlyTheFirstJdbcPrefix() {
        assertEquals("jdbc:tandem:postgresql://db/app", TestDatabase.tandemUrlOf("jdbc:postgresql://db/app"));
        assertEquals("jdbc:tandem:h2:mem:jdbc:x", TestDatabase.tandemUrlOf("jdbc:h2:mem:jdbc:x"));
    }

    @Test
    void passwordsInUrlsAreMasked() {
        String masked = TestDatabase.maskPassword("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true");
        assertFalse(masked.contains("s3cret"), masked);
        assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true", masked);
        assertEquals("jdbc:mariadb://u:****@h:3306/db", TestDatabase.maskPassword("jdbc:mariadb://u:pw@h:3306/db"));
    }

    @Test
    void uniqueNamesAreLowercaseAlphanumericAfterThePrefix() {
        String a = TestTables.unique("person");
        assertTrue(a.matches("person_[a-z0-9]{8}"), a);
        assertNotEquals(a, TestTables.unique("person"));
        assertThrows(IllegalArgumentException.class, () -> TestTables.unique("1bad"));
        assertThrows(IllegalArgumentException.class, () -> TestTables.unique("bad name"));
    }
}
