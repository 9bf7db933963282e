package dev.tandem.backfill;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The backfill tests' migration: {@code bf_x(id, name)} → {@code bf_x_to(id, full_name)} with
 * {@code full_name = UPPER(name)} and back {@code name = LOWER(full_name)}; or, composite, keyed by
 * {@code (region, id)}. A rules file of its own in the fixture's rules directory; tables dropped on {@link #drop()}.
 */
final class BackfillTables {
    final StateFixture fixture;
    final TestDatabase db;
    final String from;
    final String to;
    final String migrationId;
    final boolean composite;

    private BackfillTables(StateFixture fixture, String from, String migrationId, boolean composite) {
        this.fixture = fixture;
        this.db = fixture.db;
        this.from = from;
        this.to = from + "_to";
        this.migrationId = migrationId;
        this.composite = composite;
    }

    /** Tables and rules at {@code phase} (the rules file's phase: no row in tandem_state). */
    static BackfillTables create(StateFixture fixture, String phase, boolean composite) throws Exception {
        return create(fixture, phase, composite, "bf", "bf-");
    }

    /**
     * As {@link #create(StateFixture, String, boolean)}, with tables named {@code prefix_<random>} and the migration
     * {@code idPrefix + <that name with '-' for '_'>}.
     */
    static BackfillTables create(StateFixture fixture, String phase, boolean composite, String prefix,
                                 String idPrefix) throws Exception {
        String from = TestTables.unique(prefix);
        BackfillTables t = new BackfillTables(fixture, from, idPrefix + from.replace('_', '-'), composite);
        String key = composite ? "region VARCHAR(10) NOT NULL, id INT NOT NULL" : "id INT NOT NULL";
        String pk = composite ? "PRIMARY KEY (region, id)" : "PRIMARY KEY (id)";
        fixture.raw("CREATE TABLE " + t.from + " (" + key + ", name VARCHAR(60), " + pk + ")",
                "CREATE TABLE " + t.to + " (" + key + ", full_name VARCHAR(60), " + pk + ")");
        String keys = composite ? "[region, id]" : "[id]";
        Files.writeString(fixture.rulesDir().resolve(t.migrationId + ".yaml"), String.join("\n",
                "migration: " + t.migrationId,
                "from: { table: " + t.from + ", key: " + keys + " }",
                "to:   { table: " + t.to + ", key: " + keys + " }",
                "up:",
                composite ? "  region: region" : "",
                "  id: id",
                "  full_name: \"UPPER(name)\"",
                "down:",
                composite ? "  region: region" : "",
                "  id: id",
                "  name: \"LOWER(full_name)\"",
                "phase: " + phase, ""), StandardCharsets.UTF_8);
        fixture.track(t.migrationId);
        return t;
    }

    Migration migration() throws Exception {
        return RulesLoader.load(fixture.rulesDir().resolve(migrationId + ".yaml").toString(), null)
                .migration(migrationId).orElseThrow();
    }

    /** Inserts rows {@code first..first+count-1} into {@code table} ({@code name} "name-i", or for {@code to} "NAME-I"). */
    void insert(String table, int first, int count) throws SQLException {
        boolean into = table.equals(to);
        String cols = composite ? "region, id, " : "id, ";
        try (Connection c = fixture.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + cols
                    + (into ? "full_name" : "name") + ") VALUES (" + (composite ? "?, " : "") + "?, ?)")) {
                for (int i = first; i < first + count; i++) {
                    int p = 1;
                    if (composite) {
                        ps.setString(p++, region(i));
                    }
                    ps.setInt(p++, i);
                    ps.setString(p, into ? ("NAME-" + i) : ("name-" + i));
                    ps.addBatch();
                    if (i % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    static String region(int i) {
        return "r" + (i % 7);
    }

    /** {@code up(from)}: key → UPPER(name), computed by the database. */
    TreeMap<String, String> upOfFrom() throws SQLException {
        return rows("SELECT " + keySelect() + ", UPPER(name) FROM " + from);
    }

    TreeMap<String, String> toRows() throws SQLException {
        return rows("SELECT " + keySelect() + ", full_name FROM " + to);
    }

    /** {@code down(to)}: key → LOWER(full_name). */
    TreeMap<String, String> downOfTo() throws SQLException {
        return rows("SELECT " + keySelect() + ", LOWER(full_name) FROM " + to);
    }

    TreeMap<String, String> fromRows() throws SQLException {
        return rows("SELECT " + keySelect() + ", name FROM " + from);
    }

    /** Fails naming the database and the first keys that differ (not two whole tables). */
    void assertSameRows(java.util.Map<String, String> expected, java.util.Map<String, String> actual, String what) {
        List<String> diffs = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        int differing = 0;
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!java.util.Objects.equals(e, a)) {
                differing++;
                if (diffs.size() < 10) {
                    diffs.add(k + ": expected " + e + ", found " + a);
                }
            }
        }
        if (differing > 0) {
            org.junit.jupiter.api.Assertions.fail(db + ": " + what + ": " + differing + " of " + keys.size()
                    + " keys differ, e.g. " + diffs);
        }
    }

    /** {@code to = up(from)}, row for row. */
    void assertToIsUpOfFrom() throws SQLException {
        assertSameRows(upOfFrom(), toRows(), "to = up(from)");
    }

    long count(String table) throws SQLException {
        try (Connection c = fixture.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String keySelect() {
        return composite ? "region, id" : "id";
    }

    private TreeMap<String, String> rows(String sql) throws SQLException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Connection c = fixture.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String key = composite ? rs.getString(1) + "/" + rs.getInt(2) : Integer.toString(rs.getInt(1));
                out.put(key, rs.getString(composite ? 3 : 2));
            }
        }
        return out;
    }

    List<String> drop() {
        List<String> out = new ArrayList<>();
        try (Connection c = fixture.connect()) {
            TestTables.drop(c, to, from);
        } catch (SQLException e) {
            out.add(e.getMessage());
        }
        return out;
    }
}
