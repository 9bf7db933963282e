package dev.tandem.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.execution.Routing;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement Tandem refuses leaves the pooled connection usable. HikariCP reads SQLState {@code 0A000} as a broken
 * connection and closes it under the application (found by the soak: every upsert refused in write-new closed its
 * connection, and the application's next statement on it failed with "Connection is closed"); Tandem's refusals
 * therefore carry {@link Routing#REFUSED_SQLSTATE}.
 */
class RefusalUnderPoolTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRefusedStatementLeavesThePooledConnectionAndItsTransactionUsable(TestDatabase db) throws Exception {
        db.assumeAvailable();
        try (MigrationFixture m = MigrationFixture.inPhase(db, "write-new");
             HikariDataSource pool = pool(m)) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    assertEquals(1, s.executeUpdate("INSERT INTO " + m.from + " (id, name) VALUES (1, 'ada')"));
                    // an upsert: write-new does not translate it, so Tandem refuses it
                    SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(upsert(m)));
                    assertEquals(Routing.REFUSED_SQLSTATE, refused.getSQLState(), refused.getMessage());
                    assertTrue(refused.getMessage().startsWith("Tandem refuses this statement"), refused.getMessage());
                    assertFalse(c.isClosed(), "the pool closed the connection after the refusal");
                    assertEquals(1, s.executeUpdate("INSERT INTO " + m.from + " (id, name) VALUES (3, 'grace')"));
                }
                c.commit();
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + m.from)) {
                rs.next();
                assertEquals(2, rs.getInt(1), "the transaction around the refusal committed both of its writes");
            }
        }
    }

    private static String upsert(MigrationFixture m) {
        return switch (m.db) {
            case POSTGRESQL -> "INSERT INTO " + m.from + " (id, name) VALUES (2, 'alan') ON CONFLICT (id) DO NOTHING";
            case MARIADB -> "INSERT INTO " + m.from + " (id, name) VALUES (2, 'alan') ON DUPLICATE KEY UPDATE name = 'x'";
            case H2 -> "MERGE INTO " + m.from + " (id, name) KEY (id) VALUES (2, 'alan')";
        };
    }

    private static HikariDataSource pool(MigrationFixture m) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(m.db.tandemUrl());
        m.properties().forEach((k, v) -> config.addDataSourceProperty(k.toString(), v));
        if (m.db.user() != null) {
            config.setUsername(m.db.user());
        }
        config.setPassword(m.db.password() == null ? "" : m.db.password());
        config.setMaximumPoolSize(1);
        config.setPoolName("refusal");
        return new HikariDataSource(config);
    }
}
