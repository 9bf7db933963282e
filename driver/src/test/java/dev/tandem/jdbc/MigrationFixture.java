package dev.tandem.jdbc;

import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One table-level migration on a real database, for the driver-surface tests: {@code from} =
 * {@code person_<r>(id INT PRIMARY KEY, name VARCHAR(50))}, {@code to} = {@code people_<r>(id INT PRIMARY KEY,
 * full_name VARCHAR(50))}, {@code up.full_name = UPPER(name)}, in a rules file of its own in a fresh directory
 * (so every fixture gets a fresh engine). Tables are created through the raw driver and dropped on close.
 */
final class MigrationFixture implements AutoCloseable {
    final TestDatabase db;
    final String suffix;
    final String from;
    final String to;
    final String id;
    final Path rulesDir;
    final Path rulesFile;

    private MigrationFixture(TestDatabase db, String phase) throws SQLException {
        this.db = db;
        this.from = TestTables.unique("person");
        this.suffix = from.substring("person_".length());
        this.to = "people_" + suffix;
        this.id = "m-" + suffix;
        try {
            this.rulesDir = Files.createTempDirectory("tandem-rules-");
            this.rulesFile = rulesDir.resolve(id + ".yaml");
            Files.writeString(rulesFile, rulesYaml(id, from, to, phase), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(50))");
        }
    }

    /** A write-both migration on {@code db} (call {@code db.assumeAvailable()} first). */
    static MigrationFixture create(TestDatabase db) throws SQLException {
        return new MigrationFixture(db, "write-both");
    }

    /** The migration in {@code phase} (while the database holds no phase for it). */
    static MigrationFixture inPhase(TestDatabase db, String phase) throws SQLException {
        return new MigrationFixture(db, phase);
    }

    static String rulesYaml(String id, String from, String to, String phase) {
        return "migration: " + id + "\n"
                + "from: { table: " + from + ", key: [id] }\n"
                + "to:   { table: " + to + ", key: [id] }\n"
                + "up:\n"
                + "  id: id\n"
                + "  full_name: \"UPPER(name)\"\n"
                + "down:\n"
                + "  id: id\n"
                + "  name: \"LOWER(full_name)\"\n"
                + "phase: " + phase + "\n";
    }

    /** The database's user/password plus {@code tandem.rules} = this fixture's directory. */
    Properties properties() {
        Properties p = db.properties();
        p.setProperty("tandem.rules", rulesDir.toString());
        return p;
    }

    /** A Tandem connection through DriverManager with the rules as a connection property. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.tandemUrl(), properties());
    }

    /** A Tandem connection with the rules and the given extra connection properties. */
    Connection connect(Properties extra) throws SQLException {
        Properties p = properties();
        p.putAll(extra);
        return DriverManager.getConnection(db.tandemUrl(), p);
    }

    /** {@code db.tandemUrl()} with {@code tandem.rules} (and more settings) as URL parameters, in the URL's style. */
    static String withUrlSettings(TestDatabase db, String url, String... keyValues) {
        StringBuilder sb = new StringBuilder(url);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (db == TestDatabase.H2) {
                sb.append(';').append(keyValues[i]).append('=').append(keyValues[i + 1]);
            } else {
                sb.append(sb.indexOf("?") < 0 ? '?' : '&').append(keyValues[i]).append('=')
                        .append(URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    /** This fixture's Tandem URL with {@code tandem.rules} as a URL parameter. */
    String urlWithRules() {
        return withUrlSettings(db, db.tandemUrl(), "tandem.rules", rulesDir.toString());
    }

    /** Through the raw driver: a single number. */
    long scalar(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Through the raw driver: the {@code to} row's full_name for a key, or null when there is no such row. */
    String mirroredName(int key) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT full_name FROM " + to + " WHERE id = " + key)) {
            return rs.next() ? rs.getString(1) : "<no row in " + to + " for id " + key + ">";
        }
    }

    /** Through the raw driver: runs statements. */
    void raw(String... sqls) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
        }
    }

    /** The column definition of an auto-generated integer key on this database. */
    static String identityColumn(TestDatabase db) {
        return db == TestDatabase.MARIADB ? "id INT AUTO_INCREMENT PRIMARY KEY"
                : "id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = db.connect()) {
            TestTables.drop(c, from, to);
        } finally {
            dev.tandem.testing.TestFiles.deleteTree(rulesDir);
        }
    }
}
