package dev.tandem.hostile;

import dev.tandem.execution.Routing;
import dev.tandem.plan.StatementPlan;
import dev.tandem.plan.StatementPlanner;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlParser;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestFiles;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A property test of the guarantee that rewriting never changes a value: random hostile strings (quotes, backslashes,
 * {@code ?} and {@code $1} inside literals, comment markers, {@code $$}, JDBC escapes, unicode, very long values,
 * NULL) are written through Tandem as inline literals in every quoting form the database has, as bind parameters
 * beside literals holding {@code ?}, and in batches; after each run, every row of {@code to} (and of {@code from})
 * must hold exactly the values the application meant, on H2, PostgreSQL and MariaDB, in write-both (the mirror copies
 * them) and in write-new (the translation moves them, {@code down} copies them back).
 *
 * <p>Some literal forms are beyond JSqlParser (see {@link #NOT_UNDERSTOOD}); Tandem does not understand those
 * statements and applies its policy: in write-both they pass through unmirrored (the rows they touch are left to the
 * backfill, so the test stops comparing them), in write-new they are refused and must change nothing. What the test
 * never allows is a row of {@code to} or {@code from} with a value the application did not write.
 */
class HostileLiteralsTest {
    private static final int OPERATIONS = 200;
    private static final String[] PIECES = {"'", "''", "\\", "\\\\", "\\'", "?", "??", "$1", "$$", "$tag$", "--",
        "/*", "*/", ";", "\"", "`", "\n", "\r\n", "\t", "é", "名前", "😀", "%", "_", "{", "}", ":name", "{fn now()}",
        "{d '2020-01-01'}", "E'", "N'", "x", "abc", " ", "  ", "0", "NULL", "null", "DROP TABLE x;", "\\N", "\\0",
        "U&'", "\u00a0", "ſ", "İ"};

    /** Literal forms JSqlParser cannot read: statements holding them are not understood (documented limits). */
    static final String NOT_UNDERSTOOD = "PostgreSQL $tag$...$tag$ strings and E'...' strings holding a backslash;"
            + " a backslash right before a doubled quote ('...\\''...')";

    static Stream<Arguments> databasesAndPhases() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            out.add(Arguments.of(db, "write-both"));
            out.add(Arguments.of(db, "write-new"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndPhases")
    void valuesArriveExactlyAsTheApplicationWroteThem(TestDatabase db, String phase) throws Exception {
        db.assumeAvailable();
        String from = TestTables.unique("hl_from");
        String to = from + "_to";
        Path rules = Files.createTempDirectory("tandem-hostile-");
        String text = db == TestDatabase.MARIADB ? "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : db == TestDatabase.H2 ? "CHARACTER VARYING" : "TEXT";
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id INT PRIMARY KEY, v " + text + ", w " + text + ")"
                    + (db == TestDatabase.MARIADB ? " DEFAULT CHARSET=utf8mb4" : ""));
            s.execute("CREATE TABLE " + to + " (id INT PRIMARY KEY, v2 " + text + ", w2 " + text + ")"
                    + (db == TestDatabase.MARIADB ? " DEFAULT CHARSET=utf8mb4" : ""));
            Files.writeString(rules.resolve("hostile.yaml"), "migration: m-" + from + "\n"
                    + "from: { table: " + from + ", key: [id] }\n"
                    + "to:   { table: " + to + ", key: [id] }\n"
                    + "up:\n  id: id\n  v2: v\n  w2: w\n"
                    + "down:\n  id: id\n  v: v2\n  w: w2\n"
                    + "phase: " + phase + "\n", StandardCharsets.UTF_8);
            Properties p = db.properties();
            p.setProperty("tandem.rules", rules.toString());
            Run run = new Run(db, phase.equals("write-new"), new StatementPlanner(
                    RulesLoader.load(rules.toString(), null), Dialect.fromUrl(db.jdbcUrl()), new SqlParser(5000)));
            Random random = new Random(Objects.hash(db.name(), phase, 7));
            try (Connection app = DriverManager.getConnection(db.tandemUrl(), p)) {
                for (int i = 0; i < OPERATIONS; i++) {
                    operate(run, app, from, random);
                }
            }
            String what = db + " " + phase;
            assertStored(raw, to, "v2", "w2", run, what + ": " + to);
            assertStored(raw, from, "v", "w", run, what + ": " + from);
            System.out.printf("hostile literals, %s: %d statements, %d not understood (%s), %d rows compared%n",
                    what, OPERATIONS, run.notUnderstood, run.strict ? "refused, nothing changed"
                            : "passed through unmirrored", run.expected.keySet().stream()
                            .filter(id -> run.strict || !run.stale.contains(id)).count());
            assertTrue(run.unexpectedlyNotUnderstood.isEmpty(), "Tandem did not understand statements that hold"
                    + " none of the known unreadable forms (" + NOT_UNDERSTOOD + "): " + run.unexpectedlyNotUnderstood);
        } finally {
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, to, from);
            }
            TestFiles.deleteTree(rules);
        }
    }

    /** One run's model of what the application wrote, and which rows a not-understood statement touched. */
    static final class Run {
        final TestDatabase db;
        final boolean strict;
        final StatementPlanner planner;
        final Map<Integer, String[]> expected = new HashMap<>();
        /** Rows a statement passed through unmirrored touched (write-both): {@code to} may lag there. */
        final java.util.Set<Integer> stale = new java.util.HashSet<>();
        int notUnderstood;

        Run(TestDatabase db, boolean strict, StatementPlanner planner) {
            this.db = db;
            this.strict = strict;
            this.planner = planner;
        }

        final List<String> unexpectedlyNotUnderstood = new ArrayList<>();

        /** Whether Tandem cannot understand this statement (its policy applies then). */
        boolean notUnderstood(String sql) {
            StatementPlan plan = planner.plan(sql);
            boolean no = plan.kind() == StatementPlan.Kind.UNSUPPORTED;
            if (no) {
                notUnderstood++;
                boolean known = sql.contains("$q$") || sql.contains("\\''") || sql.contains("E'") && sql.contains("\\");
                if (!known && unexpectedlyNotUnderstood.size() < 5) {
                    unexpectedlyNotUnderstood.add(plan.reason() + ": " + sql);
                }
            }
            return no;
        }
    }

    private static void operate(Run run, Connection app, String from, Random random) throws SQLException {
        TestDatabase db = run.db;
        Map<Integer, String[]> expected = run.expected;
        int id = 1 + random.nextInt(60);
        String v = value(random);
        String w = value(random);
        int form = random.nextInt(6);
        if (!expected.containsKey(id)) {
            String[] row = {v, w};
            switch (form) {
                case 0, 1, 2 -> { // v inline in one of the database's quoting forms, w bound beside a literal
                    String sql = "INSERT INTO " + from + " (id, v, w) VALUES (" + id + ", " + literal(db, v, random)
                            + ", COALESCE(?, " + literal(db, "?'--", random) + "))";
                    apply(run, sql, id, row, () -> {
                        try (PreparedStatement ps = app.prepareStatement(sql)) {
                            ps.setString(1, w);
                            ps.executeUpdate();
                        }
                    });
                    if (w == null && expected.containsKey(id)) {
                        expected.get(id)[1] = "?'--";
                    }
                }
                case 3 -> { // a plain statement with both values inline
                    String sql = "INSERT INTO " + from + " (id, v, w) VALUES (" + id + ", " + literal(db, v, random)
                            + ", " + literal(db, w, random) + ")";
                    apply(run, sql, id, row, () -> {
                        try (Statement s = app.createStatement()) {
                            s.executeUpdate(sql);
                        }
                    });
                }
                default -> { // a batch of bound values
                    String sql = "INSERT INTO " + from + " (id, v, w) VALUES (?, ?, ?)";
                    apply(run, sql, id, row, () -> {
                        try (PreparedStatement ps = app.prepareStatement(sql)) {
                            ps.setInt(1, id);
                            ps.setString(2, v);
                            ps.setString(3, w);
                            ps.addBatch();
                            ps.executeBatch();
                        }
                    });
                }
            }
            return;
        }
        switch (form) {
            case 0, 1 -> { // v inline, w bound after literals holding '?' and '$1'
                String marker = "what? $1 '?' --";
                String sql = "UPDATE " + from + " SET v = " + literal(db, v, random) + ", w = CASE WHEN "
                        + literal(db, marker, random) + " = " + literal(db, marker, random)
                        + " THEN ? ELSE 'no?' END WHERE id = ?";
                apply(run, sql, id, new String[]{v, w}, () -> {
                    try (PreparedStatement ps = app.prepareStatement(sql)) {
                        ps.setString(1, w);
                        ps.setInt(2, id);
                        ps.executeUpdate();
                    }
                });
            }
            case 2 -> {
                String sql = "UPDATE " + from + " SET w = " + literal(db, w, random) + " WHERE id = " + id;
                apply(run, sql, id, new String[]{expected.get(id)[0], w}, () -> {
                    try (Statement s = app.createStatement()) {
                        s.executeUpdate(sql);
                    }
                });
            }
            case 3 -> {
                String sql = "DELETE FROM " + from + " WHERE id = ? AND " + literal(db, "?';--", random)
                        + " IS NOT NULL";
                apply(run, sql, id, null, () -> {
                    try (PreparedStatement ps = app.prepareStatement(sql)) {
                        ps.setInt(1, id);
                        ps.executeUpdate();
                    }
                });
            }
            default -> {
                String sql = "UPDATE " + from + " SET v = ?, w = ? WHERE id = ?";
                apply(run, sql, id, new String[]{v, w}, () -> {
                    try (PreparedStatement ps = app.prepareStatement(sql)) {
                        ps.setString(1, v);
                        ps.setString(2, w);
                        ps.setInt(3, id);
                        ps.addBatch();
                        ps.executeBatch();
                    }
                });
            }
        }
    }

    interface Write {
        void run() throws SQLException;
    }

    /**
     * Runs one write and updates the model: the row becomes {@code row} (null: deleted). A statement Tandem does not
     * understand must be refused with nothing changed in write-new, and passes through unmirrored in write-both.
     */
    private static void apply(Run run, String sql, int id, String[] row, Write write) throws SQLException {
        if (run.notUnderstood(sql)) {
            if (run.strict) {
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, write::run,
                        "write-new must refuse a write it does not understand: " + sql);
                assertEquals(Routing.REFUSED_SQLSTATE, e.getSQLState(), e.getMessage());
                return;
            }
            run.stale.add(id);
        } else {
            run.stale.remove(id); // the mirror re-derives the whole row from from: to is exact there again
        }
        write.run();
        if (row == null) {
            run.expected.remove(id);
        } else {
            run.expected.put(id, row);
        }
    }

    /** A random hostile string, or null now and then. */
    private static String value(Random random) {
        int dice = random.nextInt(100);
        if (dice < 5) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int pieces = dice < 8 ? 2000 : random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    /** The value as an SQL literal the database reads back exactly, in one of the forms it has. */
    private static String literal(TestDatabase db, String value, Random random) {
        if (value == null) {
            return "NULL";
        }
        switch (db) {
            case POSTGRESQL -> {
                int form = random.nextInt(20);
                if (form < 3 && !value.contains("$q$") && !value.endsWith("$q")) {
                    return "$q$" + value + "$q$";
                }
                if (form < 6) {
                    return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
                }
                return "'" + value.replace("'", "''") + "'";
            }
            case MARIADB -> {
                // default sql_mode: backslash escapes; both quote forms
                String escaped = value.replace("\\", "\\\\");
                return random.nextBoolean() ? "'" + escaped.replace("'", "''") + "'"
                        : "'" + escaped.replace("'", "\\'") + "'";
            }
            default -> {
                return "'" + value.replace("'", "''") + "'";
            }
        }
    }

    /**
     * Every row of the table holds exactly what the application wrote. In write-both, {@code to} is not compared
     * where a statement passed through unmirrored ({@code from} always is: it is the authority there).
     */
    private static void assertStored(Connection raw, String table, String v, String w, Run run, String what)
            throws SQLException {
        boolean skipStale = !run.strict && table.endsWith("_to");
        Map<Integer, String[]> actual = new HashMap<>();
        try (Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, " + v + ", " + w + " FROM " + table)) {
            while (rs.next()) {
                actual.put(rs.getInt(1), new String[]{rs.getString(2), rs.getString(3)});
            }
        }
        java.util.Set<Integer> expectedIds = new java.util.TreeSet<>(run.expected.keySet());
        java.util.Set<Integer> actualIds = new java.util.TreeSet<>(actual.keySet());
        if (skipStale) {
            expectedIds.removeAll(run.stale);
            actualIds.removeAll(run.stale);
        }
        assertEquals(expectedIds, actualIds, what + ": the rows");
        for (Integer id : expectedIds) {
            String[] got = actual.get(id);
            assertEquals(run.expected.get(id)[0], got[0], what + ": v of row " + id);
            assertEquals(run.expected.get(id)[1], got[1], what + ": w of row " + id);
        }
    }
}
