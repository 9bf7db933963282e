package dev.tandem.state;

import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A database for the state tests: the shared test database (control tables created with {@code init}, never dropped:
 * other tests use them too), or an {@linkplain #isolated isolated} one of its own (an H2 database, a PostgreSQL
 * schema, a MariaDB database) for tests that rename or lose the control tables. Migrations get unique ids, their own
 * rules directory and {@code from}/{@code to} tables; {@link #close()} deletes every control-table row they caused
 * and drops what it created.
 */
public final class StateFixture implements AutoCloseable {
    public final TestDatabase db;
    private final String url;
    private final Properties properties;
    private final String isolatedName;
    private final Path rulesDir;
    private final Set<String> migrations = new LinkedHashSet<>();
    private final List<String> tables = new ArrayList<>();
    private final List<Connection> opened = new ArrayList<>();
    private final List<TandemEngine> engines = new ArrayList<>();

    private StateFixture(TestDatabase db, String url, Properties properties, String isolatedName) {
        this.db = db;
        this.url = url;
        this.properties = properties;
        this.isolatedName = isolatedName;
        try {
            this.rulesDir = Files.createTempDirectory("tandem-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared test database, with the control tables created (idempotent). */
    public static StateFixture shared(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        StateFixture f = new StateFixture(db, db.jdbcUrl(), db.properties(), null);
        f.init();
        return f;
    }

    /** A database of its own (no control tables until {@link #init()}), dropped on close. */
    public static StateFixture isolated(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        String name = TestTables.unique("tandem_iso");
        String url;
        switch (db) {
            case H2 -> url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name
                        + "&ApplicationName=" + name;
            }
            case MARIADB -> {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                url = withDatabase(db.jdbcUrl(), name);
            }
            default -> throw new IllegalArgumentException(db.toString());
        }
        return new StateFixture(db, url, db.properties(), name);
    }

    /** {@code jdbc:mariadb://host:port/db?x} with another database. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hosts);
        int query = url.indexOf('?', hosts);
        String tail = query < 0 ? "" : url.substring(query);
        return (slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash)) + "/" + database
                + tail;
    }

    /** The isolated database's name (schema on PostgreSQL), or null for the shared one. */
    public String isolatedName() {
        return isolatedName;
    }

    public String url() {
        return url;
    }

    public String tandemUrl() {
        return "jdbc:tandem:" + url.substring("jdbc:".length());
    }

    /** A plain connection through the real driver. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    /** Creates the control tables (idempotent). */
    public void init() throws SQLException {
        try (Connection c = connect()) {
            new StateStore(Fleet.on(c, null).dialect()).init(c);
        }
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /**
     * A new migration with a unique id, in a rules file of its own in {@link #rulesDir()}; its tables
     * ({@code from(id INT PRIMARY KEY, name VARCHAR(50))}, {@code to(id INT PRIMARY KEY, full_name VARCHAR(50))})
     * are created.
     */
    public String migration(Phase phase) throws SQLException {
        return migration(phase, "stf");
    }

    /** As {@link #migration(Phase)}, with table names starting with {@code prefix}. */
    public String migration(Phase phase, String prefix) throws SQLException {
        String from = TestTables.unique(prefix);
        String to = from + "_to";
        String id = "m-" + from;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(50))");
            tables.add(from);
            s.execute("CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(50))");
            tables.add(to);
        }
        try {
            Files.writeString(rulesDir.resolve(id + ".yaml"), "migration: " + id + "\n"
                    + "from: { table: " + from + ", key: [id] }\n"
                    + "to:   { table: " + to + ", key: [id] }\n"
                    + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                    + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n"
                    + "phase: " + phase.id() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        migrations.add(id);
        return id;
    }

    /** Registers a migration id this test writes rows for without a rules file (for the clean-up). */
    public void track(String migrationId) {
        migrations.add(migrationId);
    }

    /** The {@code from} table of a migration made by {@link #migration}. */
    public static String fromTable(String migrationId) {
        return migrationId.substring(2);
    }

    /** The {@code to} table of a migration made by {@link #migration}. */
    public static String toTable(String migrationId) {
        return migrationId.substring(2) + "_to";
    }

    /** A Tandem connection with this fixture's rules and {@code tandem.poll}; closed (and its poller stopped) on close. */
    public Connection tandem(String poll) throws SQLException {
        return tandem(poll, new Properties());
    }

    /** As {@link #tandem(String)}, with more settings ({@code tandem.usage.sample}, say). */
    public Connection tandem(String poll, Properties settings) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        p.putAll(settings);
        p.setProperty("tandem.rules", rulesDir.toString());
        if (poll != null) {
            p.setProperty("tandem.poll", poll);
        }
        Connection c = DriverManager.getConnection(tandemUrl(), p);
        opened.add(c);
        TandemEngine engine = c.unwrap(TandemConnection.class).engine();
        if (!engines.contains(engine)) {
            engines.add(engine);
        }
        return c;
    }

    /** The state an engine applies to a migration. */
    public static MigrationState phaseOf(Connection tandem, String migration) throws SQLException {
        TandemEngine engine = tandem.unwrap(TandemConnection.class).engine();
        Migration m = engine.rules().migration(migration).orElseThrow();
        return engine.phases().of(m);
    }

    /** The CLI with {@code --url} (and {@code --user}, {@code TANDEM_PASSWORD}) for this database, then args. */
    public Cli.Result cli(String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of(args));
        all.add("--url");
        all.add(url);
        Map<String, String> env = new HashMap<>();
        if (properties.getProperty("user") != null) {
            all.add("--user");
            all.add(properties.getProperty("user"));
        }
        if (properties.getProperty("password") != null) {
            env.put("TANDEM_PASSWORD", properties.getProperty("password"));
        }
        return Cli.run(env, all.toArray(new String[0]));
    }

    /** As {@link #cli} with {@code --rules} this fixture's directory. */
    public Cli.Result cliWithRules(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--rules");
        all.add(rulesDir.toString());
        return cli(command, all.toArray(new String[0]));
    }

    /** A {@link Fleet} on a fresh connection, with this fixture's rules; the connection is closed on close. */
    public Fleet fleet() throws SQLException {
        Connection c = connect();
        opened.add(c);
        try {
            return Fleet.on(c, dev.tandem.rules.RulesLoader.load(rulesDir.toString(), null));
        } catch (dev.tandem.rules.RulesException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code timeout} for a condition; true when it held. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** Runs statements through the real driver. */
    public void raw(String... sqls) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
        }
    }

    /** Deletes a migration's rows from the control tables, and the instance rows that report it. */
    private void deleteRows(Connection c) throws SQLException {
        if (migrations.isEmpty()) {
            return;
        }
        StateStore store = new StateStore(Fleet.on(c, null).dialect());
        Map<String, Boolean> exist = store.tables(c);
        for (String id : migrations) {
            for (String table : List.of(ControlSchema.STATE, ControlSchema.HISTORY, ControlSchema.BACKFILL)) {
                if (exist.get(table)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE migration = ?")) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                    }
                }
            }
        }
        if (exist.get(ControlSchema.INSTANCES)) {
            for (InstanceReport i : store.instances(c)) {
                if (i.phases().keySet().stream().anyMatch(migrations::contains)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + ControlSchema.INSTANCES
                            + " WHERE instance_id = ?")) {
                        ps.setString(1, i.instanceId());
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    /** Stops the pollers of the engines this fixture's connections used (their rules directory is gone after). */
    public void stopPollers() {
        for (TandemEngine e : engines) {
            e.phaseSource(PhaseSource.fixed(e.phases()));
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // may be broken on purpose
            }
        }
        stopPollers();
        try {
            if (isolatedName != null) {
                dropIsolated();
            } else {
                try (Connection c = connect()) {
                    deleteRows(c);
                    TestTables.drop(c, tables.toArray(new String[0]));
                }
            }
        } finally {
            dev.tandem.testing.TestFiles.deleteTree(rulesDir);
        }
    }

    private void dropIsolated() throws SQLException {
        switch (db) {
            case H2 -> {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("DROP ALL OBJECTS");
                    s.execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // shut down already
                }
            }
            case POSTGRESQL -> {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + isolatedName + " CASCADE");
                }
            }
            case MARIADB -> {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + isolatedName);
                }
            }
            default -> {
            }
        }
    }
}
