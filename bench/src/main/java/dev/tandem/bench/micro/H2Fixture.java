package dev.tandem.bench.micro;

import dev.tandem.engine.TandemConfig;
import dev.tandem.engine.TandemEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An H2 in-memory database with the tables {@link OrmStatements} names and a few rows, and the rules files in a
 * temporary directory: what the engine-level microbenchmarks run against.
 */
final class H2Fixture implements AutoCloseable {
    static final String URL = "jdbc:h2:mem:bn_micro;DB_CLOSE_DELAY=-1";

    private final Path rules;
    private final Connection keepAlive;

    H2Fixture() throws SQLException, IOException {
        rules = Files.createTempDirectory("bn-micro-rules");
        OrmStatements.writeRules(rules);
        keepAlive = DriverManager.getConnection(URL, "sa", "");
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bn_account (id BIGINT PRIMARY KEY, name VARCHAR(100),"
                    + " email VARCHAR(200), email_norm VARCHAR(200), balance BIGINT)");
            s.execute("CREATE TABLE IF NOT EXISTS bn_account2 (id BIGINT PRIMARY KEY, display_name VARCHAR(100),"
                    + " email VARCHAR(200), balance BIGINT)");
            s.execute("CREATE TABLE IF NOT EXISTS bn_order (id BIGINT PRIMARY KEY, account_id BIGINT,"
                    + " created_at TIMESTAMP, status VARCHAR(20), total BIGINT)");
            s.execute("MERGE INTO bn_account KEY (id) VALUES (1, 'name-1', 'user1@example.com', 'user1@example.com', 10)");
            s.execute("MERGE INTO bn_account2 KEY (id) VALUES (1, 'name-1', 'user1@example.com', 10)");
            s.execute("MERGE INTO bn_order KEY (id) VALUES (1, 1, TIMESTAMP '2026-01-01 00:00:00', 'OPEN', 100)");
        }
    }

    Properties tandemProperties() {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty(TandemConfig.RULES, rules.toString());
        return p;
    }

    /** A connection through the real driver. */
    Connection raw() throws SQLException {
        return DriverManager.getConnection(URL, "sa", "");
    }

    /** A connection through Tandem, with the rules. */
    Connection tandem() throws SQLException {
        return DriverManager.getConnection(TandemConfig.URL_PREFIX + URL.substring("jdbc:".length()),
                tandemProperties());
    }

    /** The engine {@link #tandem()} connections share (no state poller: the rules' phases apply). */
    TandemEngine engine(Connection raw) throws SQLException {
        TandemConfig config = TandemConfig.resolve(TandemConfig.URL_PREFIX + URL.substring("jdbc:".length()),
                tandemProperties());
        return TandemEngine.forConnection(config, raw);
    }

    @Override
    public void close() throws Exception {
        TandemEngine.forgetAll();
        keepAlive.close();
        try (Stream<Path> paths = Files.walk(rules)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
