package dev.tandem.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.engine.TandemConfig;
import dev.tandem.engine.TandemEngine;
import dev.tandem.rules.Migration;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JDBC surface of Tandem as an application sees it: URLs and driver lookup, settings, wrappers and their
 * identities, pass-through behaviour, DataSource and pool integration. Real databases only.
 */
class DriverSurfaceTest {

    /** An interface no JDBC object implements or wraps. */
    interface Unrelated {
    }

    // ============================================================================================== URL, driver lookup

    @Test
    void tandemH2UrlConnectsThroughH2AndDriverManagerFindsTandem() throws SQLException {
        String url = "jdbc:tandem:h2:mem:" + TestTables.unique("surface");
        assertInstanceOf(TandemDriver.class, DriverManager.getDriver(url));
        try (Connection c = DriverManager.getConnection(url)) {
            assertInstanceOf(TandemConnection.class, c);
            assertEquals("H2", c.getMetaData().getDatabaseProductName());
            assertEquals("jdbc:" + url.substring("jdbc:tandem:".length()), c.getMetaData().getURL());
            assertInstanceOf(org.h2.jdbc.JdbcConnection.class, ((TandemConnection) c).delegate());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void driverManagerGivesTandemForEveryTandemUrl(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        assertInstanceOf(TandemDriver.class, DriverManager.getDriver(db.tandemUrl()));
        assertFalse(DriverManager.getDriver(db.jdbcUrl()) instanceof TandemDriver,
                "the real URL must go to the real driver");
        try (Connection c = DriverManager.getConnection(db.tandemUrl(), db.properties())) {
            assertInstanceOf(TandemConnection.class, c);
            assertEquals(db.productName(), c.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void onlyTheFirstTandemPrefixIsStripped() throws SQLException {
        assertEquals("jdbc:h2:mem:tandem:x", TandemConfig.resolve("jdbc:tandem:h2:mem:tandem:x", null).realUrl());
        assertEquals("jdbc:postgresql://tandem:5432/tandem",
                TandemConfig.resolve("jdbc:tandem:postgresql://tandem:5432/tandem", null).realUrl());

        // and for real: an H2 in-memory database whose name itself starts with "tandem:"
        String name = "tandem:" + TestTables.unique("surface");
        try (Connection c = DriverManager.getConnection("jdbc:tandem:h2:mem:" + name)) {
            assertInstanceOf(TandemConnection.class, c);
            assertEquals("jdbc:h2:mem:" + name, c.getMetaData().getURL());
        }
    }

    @Test
    void noDriverForTheRealUrlNamesItWithThePasswordMaskedAndListsTheDrivers() {
        String url = "jdbc:tandem:nosuchdb://host/db?user=u&password=hunter2";
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        String message = e.getMessage();
        assertTrue(message.contains("jdbc:nosuchdb://host/db"), message);
        assertTrue(message.contains("***"), message);
        assertFalse(everything(e).contains("hunter2"), everything(e));
        assertTrue(message.contains("org.h2.Driver"), message);
        assertTrue(message.contains("org.postgresql.Driver"), message);
        assertTrue(message.contains("org.mariadb.jdbc.Driver"), message);

        // user:password@host form, and the password given as a property (never in any message)
        String userInfo = "jdbc:tandem:nosuchdb://u:hunter2@host/db";
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("password", "hunter3");
        SQLException e2 = assertThrows(SQLException.class, () -> DriverManager.getConnection(userInfo, p));
        assertTrue(e2.getMessage().contains("nosuchdb://u:***@host/db"), e2.getMessage());
        assertFalse(everything(e2).contains("hunter2"), everything(e2));
        assertFalse(everything(e2).contains("hunter3"), everything(e2));

        // H2-style settings
        String h2Style = "jdbc:tandem:nosuchdb:mem:x;USER=u;PASSWORD=hunter2";
        SQLException e3 = assertThrows(SQLException.class, () -> DriverManager.getConnection(h2Style));
        assertTrue(e3.getMessage().contains("jdbc:nosuchdb:mem:x;USER=u;PASSWORD=***"), e3.getMessage());
        assertFalse(everything(e3).contains("hunter2"), everything(e3));
    }

    @Test
    void tandemDriverPropertyNamesTheRealDriver() throws SQLException {
        TestDatabase db = TestDatabase.H2;
        Properties p = db.properties();
        p.setProperty("tandem.driver", "org.h2.Driver");
        try (Connection c = DriverManager.getConnection(db.tandemUrl(), p)) {
            assertInstanceOf(org.h2.jdbc.JdbcConnection.class, c.unwrap(TandemConnection.class).delegate());
        }
        try (Connection c = DriverManager.getConnection(db.tandemUrl() + ";tandem.driver=org.h2.Driver",
                db.properties())) {
            assertInstanceOf(org.h2.jdbc.JdbcConnection.class, c.unwrap(TandemConnection.class).delegate());
        }

        p.setProperty("tandem.driver", "com.example.NoSuchDriver");
        SQLException missing = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.tandemUrl(), p));
        assertTrue(missing.getMessage().contains("com.example.NoSuchDriver"), missing.getMessage());
        assertTrue(missing.getMessage().contains("tandem.driver"), missing.getMessage());

        p.setProperty("tandem.driver", "java.lang.String");
        SQLException notADriver = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.tandemUrl(), p));
        assertTrue(notADriver.getMessage().contains("java.lang.String"), notADriver.getMessage());

        p.setProperty("tandem.driver", "org.postgresql.Driver");
        SQLException wrongDriver = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.tandemUrl(), p));
        assertTrue(wrongDriver.getMessage().contains("org.postgresql.Driver"), wrongDriver.getMessage());
    }

    // ============================================================================================== settings

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tandemSettingsInTheUrlNeverReachTheRealDriver(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            String rules = f.rulesDir.toString();
            String url;
            if (db == TestDatabase.H2) {
                url = db.tandemUrl() + ";tandem.rules=" + rules + ";tandem.planCacheSize=77";
                // the premise: H2 refuses a setting it does not know in its URL
                assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(db.jdbcUrl() + ";tandem.rules=" + rules, db.properties())
                                .close());
            } else {
                // a real parameter between two of Tandem's: the real driver must get exactly that one
                url = db.tandemUrl() + (db.tandemUrl().contains("?") ? "&" : "?") + "tandem.rules="
                        + URLEncoder.encode(rules, StandardCharsets.UTF_8) + "&connectTimeout=17&tandem.planCacheSize=77";
            }
            try (Connection c = DriverManager.getConnection(url, db.properties())) {
                TandemEngine engine = c.unwrap(TandemConnection.class).engine();
                assertEquals(rules, engine.config().rulesLocation());
                assertEquals(77, engine.config().planCacheSize());
                assertEquals(List.of(f.id), ids(engine));
                String realUrl = c.getMetaData().getURL();
                assertFalse(realUrl.toLowerCase(Locale.ROOT).contains("tandem."), realUrl);
                assertFalse(realUrl.toLowerCase(Locale.ROOT).contains("jdbc:tandem:"), realUrl);
                if (db != TestDatabase.H2) {
                    assertTrue(realUrl.contains("connectTimeout=17"), realUrl);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + f.from + " (id, name) VALUES (?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setString(2, "alice");
                    assertEquals(1, ps.executeUpdate());
                }
            }
            assertEquals("ALICE", f.mirroredName(1), "the rules from the URL are in force: the write is mirrored");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tandemSettingsAsConnectionPropertiesNeverReachTheRealDriver(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            Properties p = f.properties();
            p.setProperty("tandem.planCacheSize", "66");
            p.setProperty("tandem.adhocPlanCacheSize", "55");
            p.setProperty("tandem.parseTimeoutMs", "4321");

            TandemConfig config = TandemConfig.resolve(db.tandemUrl(), p);
            assertEquals(db.jdbcUrl(), config.realUrl());
            assertEquals(db.properties(), config.realProperties(), "only the real driver's own properties remain");

            try (Connection c = DriverManager.getConnection(db.tandemUrl(), p)) {
                TandemEngine engine = c.unwrap(TandemConnection.class).engine();
                assertEquals(66, engine.config().planCacheSize());
                assertEquals(55, engine.config().adhocPlanCacheSize());
                assertEquals(4321, engine.parser().timeoutMillis());
                assertEquals(List.of(f.id), ids(engine));
                String realUrl = c.getMetaData().getURL();
                assertTrue(realUrl.startsWith("jdbc:"), realUrl);
                assertFalse(realUrl.toLowerCase(Locale.ROOT).contains("tandem."), realUrl);
                assertFalse(realUrl.toLowerCase(Locale.ROOT).contains("jdbc:tandem:"), realUrl);
                try (Statement s = c.createStatement()) {
                    assertEquals(1, s.executeUpdate("INSERT INTO " + f.from + " (id, name) VALUES (2, 'bob')"));
                }
            }
            assertEquals("BOB", f.mirroredName(2));
        }
    }

    @Test
    void urlBeatsPropertyBeatsSystemProperty() throws SQLException {
        TestDatabase db = TestDatabase.H2;
        try (MigrationFixture a = MigrationFixture.create(db);
             MigrationFixture b = MigrationFixture.create(db);
             MigrationFixture c = MigrationFixture.create(db)) {
            String url = db.tandemUrl() + ";tandem.rules=" + a.rulesDir + ";tandem.planCacheSize=11";
            Properties props = db.properties();
            props.setProperty("tandem.rules", b.rulesDir.toString());
            props.setProperty("tandem.planCacheSize", "22");
            assertNull(System.getProperty("tandem.rules"), "no tandem.rules system property may be set before");
            System.setProperty("tandem.rules", c.rulesDir.toString());
            System.setProperty("tandem.planCacheSize", "33");
            try {
                try (Connection conn = DriverManager.getConnection(url, props)) {
                    TandemEngine e = conn.unwrap(TandemConnection.class).engine();
                    assertEquals(List.of(a.id), ids(e), "URL beats property and system property");
                    assertEquals(11, e.config().planCacheSize());
                }
                try (Connection conn = DriverManager.getConnection(db.tandemUrl(), props)) {
                    TandemEngine e = conn.unwrap(TandemConnection.class).engine();
                    assertEquals(List.of(b.id), ids(e), "property beats system property");
                    assertEquals(22, e.config().planCacheSize());
                }
                try (Connection conn = DriverManager.getConnection(db.tandemUrl(), db.properties())) {
                    TandemEngine e = conn.unwrap(TandemConnection.class).engine();
                    assertEquals(List.of(c.id), ids(e), "the system property applies when nothing else is set");
                    assertEquals(33, e.config().planCacheSize());
                }
            } finally {
                System.clearProperty("tandem.rules");
                System.clearProperty("tandem.planCacheSize");
            }
        }
    }

    // ============================================================================================== unwrap

    /** The vendor types that each JDBC object of a database must unwrap to. */
    private record Vendor(String connection, String statement, String prepared, String callable, String resultSet,
                          String metaData) {
        static Vendor of(TestDatabase db) {
            return switch (db) {
                case H2 -> new Vendor("org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcStatement",
                        "org.h2.jdbc.JdbcPreparedStatement", "org.h2.jdbc.JdbcCallableStatement",
                        "org.h2.jdbc.JdbcResultSet", "org.h2.jdbc.JdbcDatabaseMetaData");
                case POSTGRESQL -> new Vendor("org.postgresql.PGConnection", "org.postgresql.PGStatement",
                        "org.postgresql.jdbc.PgStatement", "org.postgresql.PGStatement",
                        "org.postgresql.jdbc.PgResultSet", "org.postgresql.jdbc.PgDatabaseMetaData");
                case MARIADB -> new Vendor("org.mariadb.jdbc.Connection", "org.mariadb.jdbc.Statement",
                        "org.mariadb.jdbc.BasePreparedStatement", "org.mariadb.jdbc.BaseCallableStatement",
                        "org.mariadb.jdbc.client.result.Result", "org.mariadb.jdbc.DatabaseMetaData");
            };
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unwrapAndIsWrapperForReachTheWrapperAndTheVendorObject(TestDatabase db) throws Exception {
        db.assumeAvailable();
        Vendor v = Vendor.of(db);
        try (MigrationFixture f = MigrationFixture.create(db); Connection c = f.connect()) {
            String procedure = createProcedure(f);
            try {
                checkWrapper(c, TandemConnection.class, Class.forName(v.connection()));
                assertSame(c, c.unwrap(Connection.class));
                try (Statement s = c.createStatement()) {
                    checkWrapper(s, TandemStatement.class, Class.forName(v.statement()));
                    try (ResultSet rs = s.executeQuery("SELECT id, name FROM " + f.from)) {
                        checkWrapper(rs, TandemResultSet.class, Class.forName(v.resultSet()));
                    }
                }
                for (String sql : List.of("SELECT 1", "UPDATE " + f.from + " SET name = ? WHERE id = ?")) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        checkWrapper(ps, TandemPreparedStatement.class, Class.forName(v.prepared()));
                        assertSame(ps, ps.unwrap(TandemStatement.class));
                    }
                }
                try (CallableStatement cs = c.prepareCall(callSql(db, procedure))) {
                    checkWrapper(cs, TandemCallableStatement.class, Class.forName(v.callable()));
                    assertSame(cs, cs.unwrap(CallableStatement.class));
                }
                DatabaseMetaData md = c.getMetaData();
                checkWrapper(md, TandemDatabaseMetaData.class, Class.forName(v.metaData()));
                try (ResultSet tables = md.getTables(null, null, name(md, f.from), null)) {
                    checkWrapper(tables, TandemResultSet.class, Class.forName(v.resultSet()));
                }
            } finally {
                dropProcedure(f, procedure);
            }
        }
    }

    /**
     * Generated keys are a ResultSet like any other: they unwrap to the vendor's result set whether or not the table
     * is migrated (for a mirrored write Tandem reads the keys itself, then hands them on).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void generatedKeysUnwrapToTheVendorResultSet(TestDatabase db) throws Exception {
        db.assumeAvailable();
        Class<?> vendorResultSet = Class.forName(Vendor.of(db).resultSet());
        String other = TestTables.unique("plain");
        try (MigrationFixture f = MigrationFixture.create(db)) {
            f.raw("CREATE TABLE " + other + " (" + MigrationFixture.identityColumn(db) + ", name VARCHAR(50))");
            try (Connection c = f.connect()) {
                List<String> failures = new ArrayList<>();
                for (String table : List.of(other, f.from)) {
                    String insert = table.equals(other) ? "INSERT INTO " + other + " (name) VALUES (?)"
                            : "INSERT INTO " + f.from + " (id, name) VALUES (1, ?)";
                    try (PreparedStatement ps = c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, "k");
                        assertEquals(1, ps.executeUpdate());
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            assertSame(ps, keys.getStatement());
                            try {
                                checkWrapper(keys, TandemResultSet.class, vendorResultSet);
                            } catch (AssertionError e) {
                                failures.add((table.equals(other) ? "unmigrated " : "migrated ") + table + ": "
                                        + e.getMessage() + " (the keys are a " + keys.unwrap(TandemResultSet.class)
                                        .delegate().getClass().getName() + ")");
                            }
                        }
                    }
                }
                assertEquals(List.of(), failures);
            } finally {
                try (Connection raw = db.connect()) {
                    TestTables.drop(raw, other);
                }
            }
        }
    }

    /**
     * A migrated table whose key the database generates, the application asking for the keys too: the application
     * gets the driver's own result set, unread, where the driver allows it (MariaDB hands out a fresh one per call,
     * H2's rewinds); pgjdbc's is forward-only and handed out once, so there the application gets a complete copy
     * (documented in src/docs/write-both.md).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void generatedKeysOfAMirroredInsertReachTheApplicationUnread(TestDatabase db,
                                                               @org.junit.jupiter.api.io.TempDir java.nio.file.Path rules)
            throws Exception {
        db.assumeAvailable();
        String from = TestTables.unique("gkfrom");
        String to = TestTables.unique("gkto");
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (" + MigrationFixture.identityColumn(db) + ", name VARCHAR(50))");
            s.execute("CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
        }
        java.nio.file.Files.writeString(rules.resolve("gk.yaml"), "migration: gk\nfrom: { table: " + from
                + ", key: [id] }\nto: { table: " + to + ", key: [id] }\nup: { id: id, name: name }\n"
                + "down: { name: name }\nphase: write-both\n");
        java.util.Properties props = db.properties();
        props.setProperty("tandem.rules", rules.toString());
        try (Connection c = java.sql.DriverManager.getConnection(db.tandemUrl(), props);
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + from + " (name) VALUES (?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "k");
            assertEquals(1, ps.executeUpdate());
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertSame(ps, keys.getStatement());
                if (db == TestDatabase.POSTGRESQL) {
                    assertTrue(keys.isWrapperFor(javax.sql.rowset.CachedRowSet.class), "pgjdbc: a complete copy");
                } else {
                    checkWrapper(keys, TandemResultSet.class, Class.forName(Vendor.of(db).resultSet()));
                }
                assertTrue(keys.next(), "the application's key is there, unread");
                long key = keys.getLong(1);
                assertFalse(keys.next());
                try (Connection raw = db.connect(); Statement s = raw.createStatement();
                     ResultSet rs = s.executeQuery("SELECT id FROM " + to)) {
                    assertTrue(rs.next());
                    assertEquals(key, rs.getLong(1), "the mirror used the same key");
                }
            }
        } finally {
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, from, to);
            }
        }
    }

    private static void checkWrapper(Wrapper w, Class<?> wrapperType, Class<?> vendorType) throws SQLException {
        assertInstanceOf(wrapperType, w);
        assertTrue(w.isWrapperFor(wrapperType), wrapperType.getName());
        assertSame(w, w.unwrap(wrapperType));

        assertTrue(w.isWrapperFor(vendorType), w + " must wrap a " + vendorType.getName());
        Object inner = w.unwrap(vendorType);
        assertNotNull(inner);
        assertInstanceOf(vendorType, inner);
        assertNotSame(w, inner);
        assertFalse(wrapperType.isInstance(inner), "unwrap(" + vendorType.getName() + ") gave Tandem's wrapper");

        assertFalse(w.isWrapperFor(Unrelated.class), "isWrapperFor(an unrelated interface)");
        assertThrows(SQLException.class, () -> w.unwrap(Unrelated.class));
    }

    /** A procedure prepareCall can name on MariaDB (whose driver accepts only call syntax there); null elsewhere. */
    private static String createProcedure(MigrationFixture f) throws SQLException {
        if (f.db != TestDatabase.MARIADB) {
            return null;
        }
        String name = "tandem_proc_" + f.suffix;
        f.raw("CREATE PROCEDURE " + name + "(IN n INT) BEGIN SELECT n; END");
        return name;
    }

    private static void dropProcedure(MigrationFixture f, String procedure) throws SQLException {
        if (procedure != null) {
            f.raw("DROP PROCEDURE IF EXISTS " + procedure);
        }
    }

    private static String callSql(TestDatabase db, String procedure) {
        return db == TestDatabase.MARIADB ? "{call " + procedure + "(?)}" : "SELECT 1";
    }

    // ============================================================================================== identity

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void objectsAnswerWithTheApplicationsWrappers(TestDatabase db) throws Exception {
        db.assumeAvailable();
        String other = TestTables.unique("plain");
        try (MigrationFixture f = MigrationFixture.create(db)) {
            f.raw("CREATE TABLE " + other + " (" + MigrationFixture.identityColumn(db) + ", name VARCHAR(50))");
            String procedure = createProcedure(f);
            try (Connection c = f.connect()) {
                int key = 1;
                for (String table : List.of(other, f.from)) {
                    boolean migrated = table.equals(f.from);
                    String select = "SELECT * FROM " + table;
                    try (Statement s = c.createStatement()) {
                        assertSame(c, s.getConnection());
                        try (ResultSet rs = s.executeQuery(select)) {
                            assertSame(s, rs.getStatement(), "executeQuery on " + table);
                        }
                        assertTrue(s.execute(select));
                        try (ResultSet rs = s.getResultSet()) {
                            assertSame(s, rs.getStatement(), "getResultSet on " + table);
                        }
                        String insert = migrated ? "INSERT INTO " + table + " (id, name) VALUES (" + key++ + ", 'k')"
                                : "INSERT INTO " + table + " (name) VALUES ('k')";
                        assertEquals(1, s.executeUpdate(insert, Statement.RETURN_GENERATED_KEYS));
                        try (ResultSet keys = s.getGeneratedKeys()) {
                            assertNotNull(keys, "getGeneratedKeys on " + table);
                            assertSame(s, keys.getStatement(), "getGeneratedKeys on " + table);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(select)) {
                        assertSame(c, ps.getConnection());
                        try (ResultSet rs = ps.executeQuery()) {
                            assertSame(ps, rs.getStatement(), "prepared executeQuery on " + table);
                        }
                        assertTrue(ps.execute());
                        try (ResultSet rs = ps.getResultSet()) {
                            assertSame(ps, rs.getStatement(), "prepared getResultSet on " + table);
                        }
                    }
                    String insert = migrated ? "INSERT INTO " + table + " (id, name) VALUES (?, ?)"
                            : "INSERT INTO " + table + " (name) VALUES (?)";
                    try (PreparedStatement ps = c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                        int i = 1;
                        if (migrated) {
                            ps.setInt(i++, key++);
                        }
                        ps.setString(i, "p");
                        assertEquals(1, ps.executeUpdate());
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            assertNotNull(keys, "prepared getGeneratedKeys on " + table);
                            assertSame(ps, keys.getStatement(), "prepared getGeneratedKeys on " + table);
                        }
                    }
                }
                try (CallableStatement cs = c.prepareCall(callSql(db, procedure))) {
                    assertSame(c, cs.getConnection());
                }

                DatabaseMetaData md = c.getMetaData();
                assertSame(c, md.getConnection());
                boolean vendorGivesNoStatement;
                try (Connection raw = db.connect(); ResultSet rs = raw.getMetaData().getTables(null, null,
                        name(raw.getMetaData(), f.from), null)) {
                    vendorGivesNoStatement = rs.getStatement() == null;
                }
                try (ResultSet rs = md.getTables(null, null, name(md, f.from), null)) {
                    assertTrue(rs.next(), "getTables finds " + f.from);
                    Statement st = rs.getStatement();
                    if (vendorGivesNoStatement) {
                        assertNull(st);
                    } else {
                        assertNotNull(st, "the vendor's metadata result set has a statement; Tandem's must too");
                        assertSame(c, st.getConnection());
                    }
                }
                try (ResultSet rs = md.getColumns(null, null, name(md, f.from), null)) {
                    Statement st = rs.getStatement();
                    if (st != null) {
                        assertSame(c, st.getConnection());
                    }
                }
            } finally {
                dropProcedure(f, procedure);
                try (Connection raw = db.connect()) {
                    TestTables.drop(raw, other);
                }
            }
        }
    }

    // ============================================================================================== pass-through

    static Stream<Arguments> databasesAndTables() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            out.add(Arguments.of(db, false));
            out.add(Arguments.of(db, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, migrated table: {1}")
    @MethodSource("databasesAndTables")
    void statementsBehaveExactlyLikeTheRawDriver(TestDatabase db, boolean migrated) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            String table = migrated ? f.from : TestTables.unique("plain");
            if (!migrated) {
                f.raw("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(50))");
            }
            try {
                seed(f, table);
                List<String> expected;
                try (Connection raw = db.connect()) {
                    expected = observe(raw, table);
                }
                seed(f, table);
                List<String> actual;
                long parses;
                try (Connection c = f.connect()) {
                    assertInstanceOf(TandemConnection.class, c);
                    TandemEngine engine = c.unwrap(TandemConnection.class).engine();
                    long before = engine.parser().parseCount();
                    actual = observe(c, table);
                    parses = engine.parser().parseCount() - before;
                    assertEquals(0, meters(engine).unsupportedCount(), "no statement of this test is unsupported");
                }
                assertEquals(expected, actual);
                if (migrated) {
                    assertTrue(parses > 0, "the statements naming " + table + " went through Tandem's planning");
                    assertEquals("Y", f.mirroredName(1), "the updates were mirrored");
                } else {
                    assertEquals(0, parses, "statements naming no migrated table are not parsed");
                }
            } finally {
                if (!migrated) {
                    try (Connection raw = db.connect()) {
                        TestTables.drop(raw, table);
                    }
                }
            }
        }
    }

    private static void seed(MigrationFixture f, String table) throws SQLException {
        f.raw("DELETE FROM " + table, "DELETE FROM " + f.to,
                "INSERT INTO " + table + " (id, name) VALUES (1, 'a')",
                "INSERT INTO " + table + " (id, name) VALUES (2, 'b')",
                "INSERT INTO " + table + " (id, name) VALUES (3, 'c')");
    }

    /** Everything the application can see of a run of statements, in order. */
    private static List<String> observe(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        String all = "SELECT id, name FROM " + table + " ORDER BY id";
        try (Statement s = c.createStatement()) {
            out.add("isClosed=" + s.isClosed());
            try (ResultSet rs = s.executeQuery(all)) {
                out.add("executeQuery=" + rows(rs));
            }

            out.add("execute(select)=" + s.execute("SELECT id, name FROM " + table + " WHERE id <= 2 ORDER BY id"));
            ResultSet rs = s.getResultSet();
            out.add("getResultSet=" + rows(rs));
            out.add("getUpdateCount=" + s.getUpdateCount());
            out.add("getMoreResults=" + s.getMoreResults());
            out.add("resultSetClosedByGetMoreResults=" + rs.isClosed());
            out.add("getUpdateCount=" + s.getUpdateCount());
            out.add("getResultSetIsNull=" + (s.getResultSet() == null));

            out.add("execute(update)=" + s.execute("UPDATE " + table + " SET name = 'z' WHERE id = 1"));
            out.add("getResultSetIsNull=" + (s.getResultSet() == null));
            out.add("getUpdateCount=" + s.getUpdateCount());
            out.add("getMoreResults=" + s.getMoreResults());
            out.add("getUpdateCount=" + s.getUpdateCount());

            out.add("executeLargeUpdate=" + s.executeLargeUpdate("UPDATE " + table + " SET name = 'y' WHERE id <= 2"));
            out.add("executeUpdate(insert)=" + s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (4, 'd')"));
            out.add("executeLargeUpdate(delete)=" + s.executeLargeUpdate("DELETE FROM " + table + " WHERE id = 4"));

            s.setMaxRows(1);
            out.add("getMaxRows=" + s.getMaxRows());
            try (ResultSet limited = s.executeQuery(all)) {
                out.add("limited=" + rows(limited));
            }
            s.setMaxRows(0);
            s.setFetchSize(7);
            out.add("getFetchSize=" + s.getFetchSize());
            s.setQueryTimeout(5);
            out.add("getQueryTimeout=" + s.getQueryTimeout());

            s.clearWarnings();
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY, name VARCHAR(50))");
            out.add("warnings=" + warnings(s.getWarnings()));
            s.clearWarnings();
            out.add("warningsCleared=" + warnings(s.getWarnings()));
            out.add("isClosed=" + s.isClosed());
        }

        Statement closing = c.createStatement();
        ResultSet open = closing.executeQuery(all);
        closing.close();
        out.add("closed=" + closing.isClosed() + ", resultSetClosedWithIt=" + open.isClosed());

        try (Statement s = c.createStatement()) {
            out.add("isCloseOnCompletion=" + s.isCloseOnCompletion());
            s.closeOnCompletion();
            out.add("isCloseOnCompletion=" + s.isCloseOnCompletion());
            ResultSet rs = s.executeQuery(all);
            out.add("rows=" + rows(rs));
            out.add("openWhileResultOpen=" + !s.isClosed());
            rs.close();
            out.add("closedOnCompletion=" + s.isClosed());
        }

        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM " + table + " WHERE id >= ? ORDER BY id")) {
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                out.add("prepared executeQuery=" + rows(rs));
            }
            out.add("prepared execute=" + ps.execute());
            out.add("prepared getResultSet=" + rows(ps.getResultSet()));
            out.add("prepared getUpdateCount=" + ps.getUpdateCount());
            out.add("prepared getMoreResults=" + ps.getMoreResults());
            ps.setMaxRows(1);
            out.add("prepared limited=" + rows(ps.executeQuery()));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
            ps.setString(1, "x");
            ps.setInt(2, 3);
            out.add("prepared execute(update)=" + ps.execute());
            out.add("prepared getUpdateCount=" + ps.getUpdateCount());
            out.add("prepared getMoreResults=" + ps.getMoreResults());
            out.add("prepared getUpdateCount=" + ps.getUpdateCount());
            ps.setString(1, "w");
            out.add("prepared executeLargeUpdate=" + ps.executeLargeUpdate());
        }

        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(all)) {
            out.add("final=" + rows(rs));
        }
        return out;
    }

    private static String rows(ResultSet rs) throws SQLException {
        if (rs == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        while (rs.next()) {
            sb.append(sb.length() == 1 ? "" : ", ").append(rs.getInt(1)).append('=').append(rs.getString(2));
        }
        return sb.append(']').toString();
    }

    private static String warnings(SQLWarning w) {
        StringBuilder sb = new StringBuilder();
        for (; w != null; w = w.getNextWarning()) {
            sb.append('[').append(w.getSQLState()).append(' ').append(w.getErrorCode()).append(' ')
                    .append(w.getMessage()).append(']');
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    // ============================================================================================== DataSource, pool

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tandemDataSourceWrapsARealDataSourceAndMirrors(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            DataSource real = realDataSource(db);
            Properties settings = new Properties();
            settings.setProperty("tandem.rules", f.rulesDir.toString());
            TandemDataSource ds = new TandemDataSource(real, settings);

            try (Connection c = ds.getConnection()) {
                assertInstanceOf(TandemConnection.class, c);
                assertEquals(List.of(f.id), ids(c.unwrap(TandemConnection.class).engine()));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + f.from + " (id, name) VALUES (?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setString(2, "alice");
                    assertEquals(1, ps.executeUpdate());
                }
            }
            assertEquals("ALICE", f.mirroredName(1));

            try (Connection c = ds.getConnection(db.user(), db.password())) {
                assertInstanceOf(TandemConnection.class, c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + f.from + " (id, name) VALUES (2, 'bob')");
                    s.executeUpdate("UPDATE " + f.from + " SET name = 'alicia' WHERE id = 1");
                }
                c.commit();
            }
            assertEquals("BOB", f.mirroredName(2));
            assertEquals("ALICIA", f.mirroredName(1));
            assertSame(real, ds.unwrap(real.getClass()));
            assertTrue(ds.isWrapperFor(real.getClass()));
        }
    }

    private static DataSource realDataSource(TestDatabase db) throws SQLException {
        switch (db) {
            case H2: {
                org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
                ds.setURL(db.jdbcUrl());
                ds.setUser(db.user());
                ds.setPassword(db.password());
                return ds;
            }
            case POSTGRESQL: {
                org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
                ds.setURL(db.jdbcUrl());
                if (db.user() != null) {
                    ds.setUser(db.user());
                }
                if (db.password() != null) {
                    ds.setPassword(db.password());
                }
                return ds;
            }
            case MARIADB: {
                org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(db.jdbcUrl());
                if (db.user() != null) {
                    ds.setUser(db.user());
                }
                if (db.password() != null) {
                    ds.setPassword(db.password());
                }
                return ds;
            }
            default:
                throw new AssertionError(db);
        }
    }

    static Stream<Arguments> databasesAndSettingStyles() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            out.add(Arguments.of(db, "data-source property"));
            out.add(Arguments.of(db, "URL parameter"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, tandem.rules as {1}")
    @MethodSource("databasesAndSettingStyles")
    void hikariWithOnlyTheTandemUrlWorksAndMirrors(TestDatabase db, String style) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("tandem-test-" + f.suffix);
            config.setMaximumPoolSize(2);
            config.setUsername(db.user());
            config.setPassword(db.password());
            if (style.equals("URL parameter")) {
                config.setJdbcUrl(f.urlWithRules());
            } else {
                config.setJdbcUrl(db.tandemUrl());
                config.addDataSourceProperty("tandem.rules", f.rulesDir.toString());
            }
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection c = pool.getConnection()) {
                    assertTrue(c.isWrapperFor(TandemConnection.class));
                    TandemConnection tandem = c.unwrap(TandemConnection.class);
                    assertNotNull(tandem);
                    assertEquals(List.of(f.id), ids(tandem.engine()));
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO " + f.from + " (id, name) VALUES (?, ?)")) {
                        ps.setInt(1, 1);
                        ps.setString(2, "alice");
                        assertEquals(1, ps.executeUpdate());
                    }
                }
                assertEquals("ALICE", f.mirroredName(1));
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO " + f.from + " (id, name) VALUES (2, 'bob')");
                        s.executeUpdate("UPDATE " + f.from + " SET name = 'alicia' WHERE id = 1");
                    }
                    c.commit();
                }
                assertEquals("BOB", f.mirroredName(2));
                assertEquals("ALICIA", f.mirroredName(1));
            }
        }
    }

    // ============================================================================================== helpers

    static List<String> ids(TandemEngine engine) {
        List<String> ids = new ArrayList<>();
        for (Migration m : engine.rules().migrations()) {
            ids.add(m.id());
        }
        return ids;
    }

    static dev.tandem.metrics.MigrationMeters meters(TandemEngine engine) {
        List<Migration> all = engine.rules().migrations();
        if (all.size() != 1) {
            fail("expected one migration, found " + all.size());
        }
        return engine.meters(all.get(0));
    }

    /** A table name as the metadata stores unquoted names. */
    private static String name(DatabaseMetaData md, String table) throws SQLException {
        return md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }

    /** Every message of an exception, its causes and suppressed exceptions, and its toString. */
    private static String everything(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                sb.append(everything(s));
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                sb.append(everything(sql.getNextException()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
