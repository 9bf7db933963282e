package dev.tandem.faults;

import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestFiles;
import dev.tandem.testing.TestTables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A table-level migration for the fault tests: {@code from(id BIGINT PRIMARY KEY, name VARCHAR(50))} and {@code to}
 * of the same shape ({@code up} and {@code down} copy {@code name}), a rules file of its own at a given phase, and
 * triggers that sleep (so that a test can kill the session at that point) when a row named {@code sleep} is
 * written. {@link #close()} drops what it made.
 */
final class FaultTables implements AutoCloseable {
    /** Rows with this name make the sleeping triggers sleep. */
    static final String SLEEP = "sleep";

    final TestDatabase db;
    final String from;
    final String to;
    final String migration;
    final Path rulesDir;
    private final String sleepFunction;

    private FaultTables(TestDatabase db, String base, Path rulesDir) {
        this.db = db;
        this.from = base + "_f";
        this.to = base + "_t";
        this.migration = "fault-" + base.substring("fault_".length());
        this.rulesDir = rulesDir;
        this.sleepFunction = base + "_sleep";
    }

    static FaultTables create(TestDatabase db, String phase) throws Exception {
        return create(db, phase, "");
    }

    /** As {@link #create(TestDatabase, String)}, with {@code toExtra} appended to {@code to}'s column list. */
    static FaultTables create(TestDatabase db, String phase, String toExtra) throws Exception {
        db.assumeAvailable();
        FaultTables t = new FaultTables(db, TestTables.unique("fault"), Files.createTempDirectory("tandem-fault-"));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t.from + " (id BIGINT PRIMARY KEY, name VARCHAR(50))");
            s.execute("CREATE TABLE " + t.to + " (id BIGINT PRIMARY KEY, name VARCHAR(50)" + toExtra + ")");
        }
        Files.writeString(t.rulesDir.resolve("m.yaml"), "migration: " + t.migration + "\n"
                + "from: { table: " + t.from + ", key: [id] }\n"
                + "to: { table: " + t.to + ", key: [id] }\n"
                + "up: { id: id, name: name }\n"
                + "down: { name: name }\n"
                + "phase: " + phase + "\n");
        return t;
    }

    /** Connection properties for a Tandem connection with this migration's rules. */
    Properties tandemProperties() {
        Properties p = db.properties();
        p.setProperty("tandem.rules", rulesDir.toString());
        return p;
    }

    /**
     * A trigger on {@code table} that sleeps 60 s when a row named {@value #SLEEP} is inserted, {@code BEFORE} or
     * {@code AFTER} the row is written.
     */
    void sleepOnInsert(String table, String when) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (db == TestDatabase.POSTGRESQL) {
                s.execute("CREATE OR REPLACE FUNCTION " + sleepFunction + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN IF NEW.name = '" + SLEEP + "' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$");
                s.execute("CREATE TRIGGER " + table + "_sl " + when + " INSERT ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION " + sleepFunction + "()");
            } else {
                s.execute("CREATE TRIGGER " + table + "_sl " + when + " INSERT ON " + table + " FOR EACH ROW"
                        + " BEGIN IF NEW.name = '" + SLEEP + "' THEN SET @tandem_fault_slept = SLEEP(60); END IF; END");
            }
        }
    }

    /** {@code id -> name} of a table, read through the real driver. */
    Map<Long, String> rows(String table) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        try (Connection c = db.connect()) {
            TestTables.drop(c, from, to);
            if (db == TestDatabase.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP FUNCTION IF EXISTS " + sleepFunction + "() CASCADE");
                }
            }
        } finally {
            TestFiles.deleteTree(rulesDir);
        }
    }
}
