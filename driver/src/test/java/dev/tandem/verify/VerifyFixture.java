package dev.tandem.verify;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.Dialect;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestFiles;
import dev.tandem.testing.TestTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables ({@code vf_*}, unique per test) and rules files for the verify and plan tests on one database, through the
 * raw driver. {@link #close()} drops the tables and deletes the rules directory it created.
 */
public final class VerifyFixture implements AutoCloseable {
    public final TestDatabase db;
    public final Connection raw;
    private final Path rulesDir;
    private final boolean ownsRulesDir;
    private final List<String> tables = new ArrayList<>();

    private VerifyFixture(TestDatabase db, Path rulesDir, boolean ownsRulesDir) throws SQLException {
        db.assumeAvailable();
        this.db = db;
        this.raw = db.connect();
        this.rulesDir = rulesDir;
        this.ownsRulesDir = ownsRulesDir;
    }

    /** A fixture with a rules directory of its own. */
    public static VerifyFixture create(TestDatabase db) throws SQLException {
        try {
            return new VerifyFixture(db, Files.createTempDirectory("tandem-verify-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture writing its rules files into {@code rulesDir} (owned by someone else). */
    public static VerifyFixture in(TestDatabase db, Path rulesDir) throws SQLException {
        return new VerifyFixture(db, rulesDir, false);
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public Dialect dialect() {
        return switch (db) {
            case H2 -> Dialect.H2;
            case POSTGRESQL -> Dialect.POSTGRESQL;
            case MARIADB -> Dialect.MARIADB;
        };
    }

    /** A unique table name {@code vf_<what>_<random>}, dropped on close (create it yourself). */
    public String table(String what) {
        String t = TestTables.unique("vf_" + what);
        tables.add(t);
        return t;
    }

    /** A timestamp type with {@code digits} fractional digits. */
    public String timestamp(int digits) {
        return (db == TestDatabase.MARIADB ? "DATETIME(" : "TIMESTAMP(") + digits + ")";
    }

    public void exec(String... sqls) throws SQLException {
        try (Statement s = raw.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Statement s = raw.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Writes {@code <id>.yaml} into the rules directory and returns the migration as Tandem reads it. */
    public Migration rules(String id, String yaml) {
        try {
            Path file = rulesDir.resolve(id + ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return RulesLoader.parse(file.toString(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RulesException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table-level rules file. */
    public Migration tableLevel(String id, String from, String fromKey, String to, String toKey, String up,
                                String down) {
        return rules(id, "migration: " + id + "\n"
                + "from: { table: " + from + ", key: [" + fromKey + "] }\n"
                + "to:   { table: " + to + ", key: [" + toKey + "] }\n"
                + "up:\n" + up + "down:\n" + down + "phase: write-both\n");
    }

    @Override
    public void close() throws SQLException {
        try {
            TestTables.drop(raw, tables.toArray(new String[0]));
            raw.close();
        } finally {
            if (ownsRulesDir) {
                TestFiles.deleteTree(rulesDir);
            }
        }
    }
}
