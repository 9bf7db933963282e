package dev.tandem.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One test's tables, rules and connections on one database.
 *
 * <p>{@link #tableLevel}: {@code person_*} (the {@code from} table: generated key, a column default, a unique e-mail,
 * a trigger lower-casing e-mail, one column of each common type) migrated into {@code people_*} (the {@code to}
 * table); plus {@code person_copy_*}, the same table without Tandem (to compare what the raw driver answers), and
 * {@code src_*}, an unmigrated table to INSERT ... SELECT from and join with.
 *
 * <p>{@link #columnLevel}: {@code users_*} with two column-level migrations ({@code name -> full_name},
 * {@code email -> email_norm}), plus {@code users_copy_*} without Tandem.
 *
 * <p>{@link #assertNoDrift()} checks, with queries on the raw connection only, that every {@code to} row equals
 * {@code up(from row)}.
 */
final class MirrorFixture implements AutoCloseable {
    static final String PERSON_MIGRATION = "person-to-people";
    static final String NAME_MIGRATION = "users-name";
    static final String EMAIL_MIGRATION = "users-email";

    /** A migration as the fixture wrote it into its rules file; the drift check uses this, never Tandem's model. */
    record Rule(String id, String from, String to, String key, Map<String, String> up) {
    }

    final TestDatabase db;
    final Path rulesDir;
    final Connection raw;
    /** The application's connection, through Tandem. */
    Connection app;
    final List<Rule> rules = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();
    private final List<String> functions = new ArrayList<>();

    // table-level
    String person;
    String people;
    String personCopy;
    String src;
    // column-level
    String users;
    String usersCopy;

    private MirrorFixture(TestDatabase db, Connection raw, Path rulesDir) {
        this.db = db;
        this.raw = raw;
        this.rulesDir = rulesDir;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /** person -> people, a table-level migration in write-both, seeded with three rows (mirrored by a raw backfill). */
    static MirrorFixture tableLevel(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        MirrorFixture f = new MirrorFixture(db, db.connect(), tempDir());
        try {
            f.person = f.table("person");
            f.people = f.table("people");
            f.personCopy = f.table("person_copy");
            f.src = f.table("src");
            f.createPerson(f.person);
            f.createPerson(f.personCopy);
            f.exec(f.raw, "CREATE TABLE " + f.people + " (id BIGINT PRIMARY KEY, full_name VARCHAR(120),"
                    + " email VARCHAR(100), amount DECIMAL(10,2), born DATE, seen " + f.timestampType()
                    + ", active BOOLEAN, bio " + f.textType() + ", photo " + f.bytesType() + ")" + f.tableOptions());
            f.exec(f.raw, "CREATE TABLE " + f.src + " (id BIGINT, first_name VARCHAR(50), last_name VARCHAR(50),"
                    + " email VARCHAR(100))" + f.tableOptions());
            Map<String, String> up = new LinkedHashMap<>();
            up.put("id", "id");
            up.put("full_name", "CONCAT(first_name, ' ', last_name)");
            up.put("email", "email");
            up.put("amount", "amount");
            up.put("born", "born");
            up.put("seen", "seen");
            up.put("active", "active");
            up.put("bio", "bio");
            up.put("photo", "photo");
            f.rule(new Rule(PERSON_MIGRATION, f.person, f.people, "id", up), Map.of("first_name", "full_name"));
            f.seedPerson(f.person);
            f.seedPerson(f.personCopy);
            f.exec(f.raw, "INSERT INTO " + f.people + " (id, full_name, email, amount, born, seen, active, bio, photo)"
                    + " SELECT id, CONCAT(first_name, ' ', last_name), email, amount, born, seen, active, bio, photo"
                    + " FROM " + f.person);
            return f.open();
        } catch (SQLException | RuntimeException | Error e) {
            f.cleanUp(e);
            throw e;
        }
    }

    /** users with two column-level migrations (name -> full_name, email -> email_norm), seeded and backfilled. */
    static MirrorFixture columnLevel(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        MirrorFixture f = new MirrorFixture(db, db.connect(), tempDir());
        try {
            f.users = f.table("users");
            f.usersCopy = f.table("users_copy");
            for (String t : List.of(f.users, f.usersCopy)) {
                f.exec(f.raw, "CREATE TABLE " + t + " (id " + f.autoKey() + " PRIMARY KEY, name VARCHAR(100),"
                        + " full_name VARCHAR(100) NULL, email VARCHAR(100), email_norm VARCHAR(100) NULL)"
                        + f.tableOptions());
                f.exec(f.raw, "INSERT INTO " + t + " (name, email) VALUES ('ann', 'Ann@Example.com')");
                f.exec(f.raw, "INSERT INTO " + t + " (name, email) VALUES ('bob', 'BOB@example.COM')");
                f.exec(f.raw, "INSERT INTO " + t + " (name, email) VALUES ('cy', NULL)");
            }
            f.rule(new Rule(NAME_MIGRATION, f.users, f.users, "id", Map.of("full_name", "UPPER(name)")),
                    Map.of("name", "LOWER(full_name)"));
            f.rule(new Rule(EMAIL_MIGRATION, f.users, f.users, "id", Map.of("email_norm", "LOWER(email)")),
                    Map.of("email", "email_norm"));
            f.exec(f.raw, "UPDATE " + f.users + " SET full_name = UPPER(name), email_norm = LOWER(email)");
            return f.open();
        } catch (SQLException | RuntimeException | Error e) {
            f.cleanUp(e);
            throw e;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tandem-mirror-rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String table(String prefix) {
        String t = TestTables.unique(prefix);
        tables.add(t);
        return t;
    }

    /**
     * Closes the application's connection and opens a new one on a new engine, which reads the catalog afresh (after
     * the test changed the tables' indexes, say).
     */
    void reopen() throws SQLException {
        app.close();
        dev.tandem.engine.TandemEngine.forgetAll();
        open();
    }

    private MirrorFixture open() throws SQLException {
        Properties p = db.properties();
        p.setProperty("tandem.rules", rulesDir.toString());
        Connection c = DriverManager.getConnection(db.tandemUrl(), p);
        if (!(c instanceof TandemConnection)) {
            c.close();
            fail("jdbc:tandem: did not give a Tandem connection: " + c);
        }
        app = c;
        assertNoDrift(); // the fixture's own starting point
        return this;
    }

    private void createPerson(String t) throws SQLException {
        exec(raw, "CREATE TABLE " + t + " (id " + autoKey() + " PRIMARY KEY, first_name VARCHAR(50) NOT NULL,"
                + " last_name VARCHAR(50) DEFAULT 'Doe', email VARCHAR(100) UNIQUE, amount DECIMAL(10,2), born DATE,"
                + " seen " + timestampType() + ", active BOOLEAN, bio " + textType() + ", photo " + bytesType() + ")"
                + tableOptions());
        switch (db) {
            case POSTGRESQL -> {
                String fn = t + "_lower_email";
                functions.add(fn);
                exec(raw, "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " NEW.email := LOWER(NEW.email); RETURN NEW; END $$");
                exec(raw, "CREATE TRIGGER " + t + "_email BEFORE INSERT OR UPDATE ON " + t
                        + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()");
            }
            case MARIADB -> {
                exec(raw, "CREATE TRIGGER " + t + "_email_i BEFORE INSERT ON " + t
                        + " FOR EACH ROW SET NEW.email = LOWER(NEW.email)");
                exec(raw, "CREATE TRIGGER " + t + "_email_u BEFORE UPDATE ON " + t
                        + " FOR EACH ROW SET NEW.email = LOWER(NEW.email)");
            }
            case H2 -> exec(raw, "CREATE TRIGGER " + t + "_email BEFORE INSERT, UPDATE ON " + t
                    + " FOR EACH ROW CALL \"dev.tandem.demo.LowerCaseEmail\"");
        }
    }

    /** Three rows with generated keys 1, 2, 3 (the second relies on the default last_name). */
    private void seedPerson(String t) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("INSERT INTO " + t
                + " (first_name, last_name, email, amount, born, seen, active, bio, photo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "Ann");
            ps.setString(2, "Smith");
            ps.setString(3, "ann@example.com");
            ps.setBigDecimal(4, new BigDecimal("10.50"));
            ps.setDate(5, java.sql.Date.valueOf("1990-01-02"));
            ps.setTimestamp(6, Timestamp.valueOf("2024-05-06 07:08:09.123456"));
            ps.setBoolean(7, true);
            ps.setString(8, "Ann's bio");
            ps.setBytes(9, new byte[]{1, 2, 3});
            ps.executeUpdate();
        }
        exec(raw, "INSERT INTO " + t + " (first_name, email, amount) VALUES ('Bob', 'bob@example.com', 3)");
        exec(raw, "INSERT INTO " + t + " (first_name, last_name, email, active) VALUES ('Cy', 'Jones', 'cy@example.com',"
                + " FALSE)");
    }

    private void rule(Rule rule, Map<String, String> down) {
        rules.add(rule);
        StringBuilder yaml = new StringBuilder();
        yaml.append("migration: ").append(rule.id()).append('\n');
        yaml.append("from: { table: ").append(rule.from()).append(", key: [").append(rule.key()).append("] }\n");
        yaml.append("to:   { table: ").append(rule.to()).append(", key: [").append(rule.key()).append("] }\n");
        yaml.append("up:\n");
        rule.up().forEach((c, e) -> yaml.append("  ").append(c).append(": \"").append(e).append("\"\n"));
        yaml.append("down:\n");
        down.forEach((c, e) -> yaml.append("  ").append(c).append(": \"").append(e).append("\"\n"));
        yaml.append("phase: write-both\n");
        try {
            Files.writeString(rulesDir.resolve(rule.id() + ".yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ dialect

    String autoKey() {
        return switch (db) {
            case POSTGRESQL -> "BIGSERIAL";
            case MARIADB -> "BIGINT AUTO_INCREMENT";
            case H2 -> "BIGINT GENERATED BY DEFAULT AS IDENTITY";
        };
    }

    String timestampType() {
        return db == TestDatabase.MARIADB ? "DATETIME(6) NULL" : "TIMESTAMP";
    }

    String textType() {
        return db == TestDatabase.H2 ? "CLOB" : "TEXT";
    }

    String bytesType() {
        return switch (db) {
            case POSTGRESQL -> "BYTEA";
            case MARIADB -> "BLOB";
            case H2 -> "VARBINARY(10000)";
        };
    }

    String tableOptions() {
        return db == TestDatabase.MARIADB ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : "";
    }

    /** A binary literal in this database's SQL. */
    String bytesLiteral(String hex) {
        return db == TestDatabase.POSTGRESQL ? "decode('" + hex + "', 'hex')" : "X'" + hex + "'";
    }

    // ------------------------------------------------------------------------------------------------ Tandem's view

    TandemEngine engine() throws SQLException {
        return app.unwrap(TandemConnection.class).engine();
    }

    MigrationMeters meters(String migration) throws SQLException {
        TandemEngine engine = engine();
        return engine.meters(engine.rules().migration(migration).orElseThrow());
    }

    /** Every migration: no mirror failure and no statement passed through unmirrored. */
    void assertMirrorClean() throws SQLException {
        StringBuilder problems = new StringBuilder();
        for (Rule r : rules) {
            MigrationMeters m = meters(r.id());
            if (m.mirrorFailures() != 0 || m.unsupportedCount() != 0) {
                problems.append(r.id()).append(": mirrorFailures=").append(m.mirrorFailures())
                        .append(" unsupported=").append(m.unsupportedCount()).append("; ");
            }
        }
        if (problems.length() > 0) {
            fail("Tandem did not mirror every write (see the log for the reason): " + problems);
        }
    }

    long mirroredRows(String migration) throws SQLException {
        return meters(migration).mirroredRowCount();
    }

    // ------------------------------------------------------------------------------------------------ the check

    /**
     * For every migration: {@code SELECT key, <each up expression> FROM from} equals {@code SELECT key, <to columns>
     * FROM to}, on the raw connection.
     */
    void assertNoDrift() throws SQLException {
        StringBuilder report = new StringBuilder();
        for (Rule r : rules) {
            List<String> columns = new ArrayList<>();
            List<String> expressions = new ArrayList<>();
            r.up().forEach((c, e) -> {
                if (!c.equalsIgnoreCase(r.key())) {
                    columns.add(c);
                    expressions.add(e);
                }
            });
            Map<Object, List<Object>> expected = rows(raw, "SELECT " + r.key() + ", " + String.join(", ", expressions)
                    + " FROM " + r.from());
            Map<Object, List<Object>> actual = rows(raw, "SELECT " + r.key() + ", " + String.join(", ", columns)
                    + " FROM " + r.to());
            List<String> differences = new ArrayList<>();
            int total = 0;
            for (Map.Entry<Object, List<Object>> e : expected.entrySet()) {
                List<Object> got = actual.get(e.getKey());
                String problem = null;
                if (got == null && !actual.containsKey(e.getKey())) {
                    problem = "missing key " + e.getKey() + " (expected " + columns + " = " + e.getValue() + ")";
                } else if (!e.getValue().equals(got)) {
                    problem = "different key " + e.getKey() + ": expected " + columns + " = " + e.getValue()
                            + " but was " + got;
                }
                if (problem != null) {
                    total++;
                    if (differences.size() < 10) {
                        differences.add(problem);
                    }
                }
            }
            for (Map.Entry<Object, List<Object>> e : actual.entrySet()) {
                if (!expected.containsKey(e.getKey())) {
                    total++;
                    if (differences.size() < 10) {
                        differences.add("extra key " + e.getKey() + " in " + r.to() + " = " + e.getValue());
                    }
                }
            }
            if (total > 0) {
                report.append("\nmigration ").append(r.id()).append(" (").append(r.from()).append(" -> ")
                        .append(r.to()).append("): ").append(total).append(" drifted key(s); first ones:");
                for (String d : differences) {
                    report.append("\n  ").append(d);
                }
            }
        }
        if (report.length() > 0) {
            if (app != null) {
                report.append("\n(for diagnosis only, Tandem's own meters:");
                for (Rule r : rules) {
                    MigrationMeters m = meters(r.id());
                    report.append(' ').append(r.id()).append(" mirroredRows=").append(m.mirroredRowCount())
                            .append(" mirrorFailures=").append(m.mirrorFailures()).append(" unsupported=")
                            .append(m.unsupportedCount()).append(';');
                }
                report.append(')');
            }
            fail("drift between from and up(from) in to:" + report);
        }
    }

    /** key -> normalised values of the other columns, sorted by key. */
    static Map<Object, List<Object>> rows(Connection c, String sql) throws SQLException {
        Map<Object, List<Object>> out = new TreeMap<>(Comparator.comparing(String::valueOf));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object key = normalize(rs.getObject(1));
                List<Object> values = new ArrayList<>(n - 1);
                for (int i = 2; i <= n; i++) {
                    values.add(normalize(rs.getObject(i)));
                }
                if (out.put(key, values) != null) {
                    fail("duplicate key " + key + " from " + sql);
                }
            }
        }
        return out;
    }

    /** A value in a form that compares equal whatever the column's type and the driver's Java class. */
    static Object normalize(Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Clob clob) {
            try (Reader r = clob.getCharacterStream()) {
                StringBuilder sb = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = r.read(buffer)) > 0; ) {
                    sb.append(buffer, 0, n);
                }
                return sb.toString();
            } catch (IOException e) {
                throw new SQLException(e);
            } finally {
                clob.free();
            }
        }
        if (v instanceof Blob blob) {
            try {
                return "0x" + HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
            } finally {
                blob.free();
            }
        }
        if (v instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger i) {
            return i.longValueExact();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return v;
    }

    /**
     * The migrated table holds exactly what its copy without Tandem holds, after the same statements ran on both:
     * Tandem ran the application's writes as sent.
     */
    void assertSameAsCopy() throws SQLException {
        String from = person != null ? person : users;
        String copy = person != null ? personCopy : usersCopy;
        String columns = person != null
                ? "id, first_name, last_name, email, amount, born, seen, active, bio, photo"
                : "id, name, email";
        assertEquals(rows(raw, "SELECT " + columns + " FROM " + copy).toString(),
                rows(raw, "SELECT " + columns + " FROM " + from).toString(),
                "the table written through Tandem differs from its copy written by the raw driver");
    }

    /**
     * The unmigrated source table: 2001 and 2002 are new people; 2003 shares Ann's e-mail (for joins), 2004 Bob's.
     */
    void seedSrc() throws SQLException {
        exec(raw, "INSERT INTO " + src + " (id, first_name, last_name, email) VALUES"
                + " (2001, 'Zed', 'Zulu', 'zed@example.com'), (2002, 'Yan', NULL, 'Yan@Example.com'),"
                + " (2003, 'Ann', 'Joined', 'ann@example.com'), (2004, 'Bob', 'Joined', 'bob@example.com')");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The ids of a table, ascending, read on the raw connection. */
    List<Long> ids(String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table
                + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    long count(String table) throws SQLException {
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One row of a table by id, column label (lower case) -> normalised value; null when there is none. */
    Map<String, Object> row(String table, long id) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                            normalize(rs.getObject(i)));
                }
                return row;
            }
        }
    }

    /** The first column of every row of a result set, as longs (generated keys). */
    static List<Long> longs(ResultSet rs) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static void assertSameIds(List<Long> expected, List<Long> actual, String message) {
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), message);
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    @Override
    public void close() throws SQLException {
        cleanUp(null);
    }

    private void cleanUp(Throwable failure) {
        if (app != null) {
            try {
                app.close();
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            if (!raw.getAutoCommit()) {
                raw.rollback();
                raw.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // best effort
        }
        TestTables.drop(raw, tables.toArray(new String[0]));
        for (String fn : functions) {
            try {
                exec(raw, "DROP FUNCTION IF EXISTS " + fn + "() CASCADE");
            } catch (SQLException ignored) {
                // best effort
            }
        }
        try {
            raw.close();
        } catch (SQLException ignored) {
            // best effort
        }
        try (Stream<Path> files = Files.list(rulesDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(rulesDir);
        } catch (IOException ignored) {
            // a temp directory
        }
    }
}
