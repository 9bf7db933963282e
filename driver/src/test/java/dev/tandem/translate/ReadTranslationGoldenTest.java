package dev.tandem.translate;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.shadow.CapturedResult;
import dev.tandem.shadow.Comparison;
import dev.tandem.shadow.ResultCapture;
import dev.tandem.shadow.ResultComparison;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden suite of reads: each statement, written for the old structure, runs once on the raw database against
 * {@code from} and once through Tandem in phase read-new (translated onto {@code to}, which holds {@code up(from)});
 * the two results must have the same column labels, the same JDBC types and the same rows. Every statement is also
 * checked to have been translated (not merely passed through).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadTranslationGoldenTest {
    private static final String[] FIRST = {"ada", "alan", "grace", "edsger", "barbara", "donald", "margaret", "ken"};
    private static final String[] LAST = {"lovelace", "turing", "hopper", "dijkstra", "liskov", "knuth"};

    private final Map<TestDatabase, Fixture> fixtures = new EnumMap<>(TestDatabase.class);

    /** The tables and connections of one database. */
    private record Fixture(String person, String people, String address, String users, String usersNew,
                           Connection raw, Connection app, Path rules) {
    }

    Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            for (Object[] c : STATEMENTS) {
                out.add(Arguments.of(db, c[0], c[1]));
            }
        }
        return out.stream();
    }

    /**
     * {@code P} is the person table, {@code A} the address table, {@code U} the users table (column-level); {@code
     * Q(x)} quotes an identifier the database's way. Parameters are bound from the trailing values.
     */
    /**
     * Unaliased computed columns: PostgreSQL labels them by their outermost construct (or the column a cast wraps),
     * MariaDB by their text; both labels are kept. H2 labels them with its own rendering of the expression, which the
     * translation changes: on H2 only the values and types of this statement are compared (documented).
     */
    private static final String UNALIASED = "SELECT UPPER( first_name ), (last_name), CAST(first_name AS CHAR(60)),"
            + " id + 1, LENGTH(last_name) FROM P ORDER BY id";
    private static final String UNALIASED_AGGREGATES = "SELECT COUNT(*), MAX(last_name), MIN(first_name) FROM P";
    private static final String UNALIASED_SUBQUERY = "SELECT COUNT(*) AS n, (SELECT MAX(last_name) FROM P) FROM P";
    private static final String UNALIASED_CASE = "SELECT CASE WHEN age > 40 THEN first_name ELSE last_name END,"
            + " CASE WHEN age > 40 THEN 'old' END, (SELECT MAX(email) FROM P) FROM P";
    private static final List<String> H2_RENDERED_LABELS = List.of(UNALIASED, UNALIASED_AGGREGATES,
            UNALIASED_SUBQUERY, UNALIASED_CASE);

    private static final Object[][] STATEMENTS = {
            {"SELECT * FROM P", List.of()},
            {"SELECT * FROM P WHERE id = ?", List.of(3L)},
            {"SELECT id, first_name, last_name FROM P ORDER BY id", List.of()},
            {"SELECT p.id, p.first_name FROM P p WHERE p.last_name = ?", List.of("knuth")},
            {"SELECT p.* FROM P p ORDER BY p.id", List.of()},
            {"SELECT first_name AS fn, last_name ln FROM P ORDER BY id", List.of()},
            {"SELECT COUNT(*) AS n FROM P", List.of()},
            {"SELECT last_name, COUNT(*) AS n FROM P GROUP BY last_name", List.of()},
            {"SELECT last_name, COUNT(*) AS n FROM P GROUP BY last_name HAVING COUNT(*) > ?", List.of(1)},
            {"SELECT MAX(first_name) AS a, MIN(last_name) AS b FROM P", List.of()},
            {"SELECT DISTINCT last_name FROM P", List.of()},
            {"SELECT * FROM P WHERE first_name LIKE 'a%'", List.of()},
            {"SELECT id FROM P WHERE first_name IN (?, ?)", List.of("ada", "ken")},
            {"SELECT id FROM P WHERE last_name IS NOT NULL AND age > ?", List.of(40)},
            {"SELECT * FROM P ORDER BY last_name, first_name, id LIMIT 5", List.of()},
            {"SELECT * FROM P ORDER BY id LIMIT 5 OFFSET 3", List.of()},
            {"SELECT p.first_name, a.city FROM P p JOIN A a ON a.person_id = p.id ORDER BY p.id, a.city", List.of()},
            {"SELECT p.first_name, a.city FROM P p LEFT JOIN A a ON a.person_id = p.id", List.of()},
            {"SELECT * FROM P p JOIN A a ON a.person_id = p.id ORDER BY a.id", List.of()},
            {"SELECT id FROM P WHERE id IN (SELECT person_id FROM A WHERE city = ?)", List.of("paris")},
            {"SELECT id FROM P p WHERE EXISTS (SELECT 1 FROM A a WHERE a.person_id = p.id)", List.of()},
            {"SELECT (SELECT COUNT(*) FROM A a WHERE a.person_id = p.id) AS n, p.last_name FROM P p", List.of()},
            {"WITH x AS (SELECT first_name, last_name FROM P WHERE age > ?) SELECT * FROM x", List.of(30)},
            {"SELECT first_name AS v FROM P UNION SELECT city FROM A", List.of()},
            {"SELECT last_name FROM P UNION ALL SELECT last_name FROM P", List.of()},
            {"SELECT x.fn FROM (SELECT first_name AS fn FROM P) x ORDER BY x.fn", List.of()},
            {"SELECT UPPER(first_name) AS u, LENGTH(last_name) AS l FROM P", List.of()},
            {"SELECT CASE WHEN age > 40 THEN first_name ELSE last_name END AS v FROM P", List.of()},
            {"SELECT CONCAT(first_name, last_name) AS v FROM P WHERE id < ?", List.of(10L)},
            {"SELECT * FROM P WHERE born < ?", List.of(Date.valueOf("1960-01-01"))},
            {"SELECT SUM(salary) AS s, MAX(age) AS a FROM P", List.of()},
            {"SELECT id FROM P ORDER BY first_name DESC, id", List.of()},
            {"select p1_0.id,p1_0.age,p1_0.email,p1_0.first_name,p1_0.last_name from P p1_0 where p1_0.id=?",
                    List.of(7L)},
            {"select p1_0.first_name,p1_0.last_name from P p1_0 where p1_0.last_name=? order by p1_0.first_name,"
                    + " p1_0.id", List.of("hopper")},
            {"SELECT Q(id), Q(first_name) FROM QP WHERE Q(last_name) = ?", List.of("turing")},
            {"SELECT p.id FROM P p WHERE p.email = (SELECT MAX(email) FROM P)", List.of()},
            {"SELECT COUNT(DISTINCT last_name) AS n FROM P", List.of()},
            {"SELECT * FROM P WHERE id BETWEEN ? AND ?", List.of(5L, 9L)},
            {"SELECT first_name, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM P", List.of()},
            {"SELECT * FROM P p, A a WHERE a.person_id = p.id", List.of()},
            {"SELECT p.first_name FROM P p WHERE p.first_name NOT IN (SELECT city FROM A)", List.of()},
            {"SELECT id, first_name FROM P WHERE id = ? FOR UPDATE", List.of(2L)},
            {UNALIASED, List.of()},
            {UNALIASED_AGGREGATES, List.of()},
            {UNALIASED_SUBQUERY, List.of()},
            {UNALIASED_CASE, List.of()},
            {"SELECT * FROM U", List.of()},
            {"SELECT name FROM U WHERE name = ?", List.of("grace")},
            {"SELECT u.name, u.age FROM U u ORDER BY u.id", List.of()},
            {"SELECT name, COUNT(*) AS n FROM U GROUP BY name", List.of()},
            {"SELECT u.* FROM U u WHERE u.age > ? ORDER BY u.name, u.id", List.of(20)},
    };

    @BeforeAll
    void createTables() throws Exception {
        for (TestDatabase db : TestDatabase.values()) {
            if (!available(db)) {
                continue;
            }
            String person = TestTables.unique("gperson");
            String people = TestTables.unique("gpeople");
            String address = TestTables.unique("gaddress");
            String users = TestTables.unique("gusers");
            Connection raw = db.connect();
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE TABLE " + person + " (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name"
                        + " VARCHAR(50), email VARCHAR(100), age INT, salary DECIMAL(10,2), born DATE)");
                s.execute("CREATE TABLE " + people + " (id BIGINT PRIMARY KEY, full_name VARCHAR(101), email"
                        + " VARCHAR(100), age INT, salary DECIMAL(10,2), born DATE)");
                s.execute("CREATE TABLE " + address + " (id BIGINT PRIMARY KEY, person_id BIGINT, city VARCHAR(50))");
                s.execute("CREATE TABLE " + users + " (id BIGINT PRIMARY KEY, name VARCHAR(100), age INT,"
                        + " full_name VARCHAR(100))");
            }
            try (PreparedStatement p = raw.prepareStatement("INSERT INTO " + person + " VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement a = raw.prepareStatement("INSERT INTO " + address + " VALUES (?, ?, ?)");
                 PreparedStatement u = raw.prepareStatement("INSERT INTO " + users + " (id, name, age) VALUES (?, ?, ?)")) {
                String[] cities = {"paris", "london", "delft", "austin"};
                for (int i = 1; i <= 30; i++) {
                    p.setLong(1, i);
                    p.setString(2, FIRST[i % FIRST.length]);
                    p.setString(3, LAST[(i * 7) % LAST.length]);
                    p.setString(4, "p" + i + "@example.org");
                    p.setInt(5, 20 + (i * 13) % 50);
                    p.setBigDecimal(6, new BigDecimal(1000 + i * 17).movePointLeft(1));
                    p.setDate(7, Date.valueOf((1940 + i) + "-0" + (1 + i % 9) + "-1" + (i % 9)));
                    p.executeUpdate();
                    if (i % 3 != 0) {
                        a.setLong(1, i * 10L);
                        a.setLong(2, i);
                        a.setString(3, cities[i % cities.length]);
                        a.executeUpdate();
                    }
                    u.setLong(1, i);
                    u.setString(2, FIRST[(i * 3) % FIRST.length]);
                    u.setInt(3, 18 + i);
                    u.executeUpdate();
                }
            }
            try (Statement s = raw.createStatement()) {
                s.execute("INSERT INTO " + people + " SELECT id, CONCAT(first_name, ' ', last_name), email, age,"
                        + " salary, born FROM " + person);
                s.execute("UPDATE " + users + " SET full_name = UPPER(name)");
            }
            Path rules = Files.createTempDirectory("tandem-golden");
            Files.writeString(rules.resolve("people.yaml"), String.join("\n",
                    "migration: golden-people",
                    "from: { table: " + person + ", key: [id] }",
                    "to: { table: " + people + ", key: [id] }",
                    "up:",
                    "  id: id",
                    "  full_name: \"CONCAT(first_name, ' ', last_name)\"",
                    "  email: email",
                    "  age: age",
                    "  salary: salary",
                    "  born: born",
                    "down:",
                    "  id: id",
                    "  first_name: \"SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)\"",
                    "  last_name: \"SUBSTRING(full_name, POSITION(' ' IN full_name) + 1)\"",
                    "  email: email",
                    "  age: age",
                    "  salary: salary",
                    "  born: born",
                    "phase: read-new", ""));
            Files.writeString(rules.resolve("users.yaml"), String.join("\n",
                    "migration: golden-users",
                    "from: { table: " + users + ", key: [id] }",
                    "to: { table: " + users + ", key: [id] }",
                    "up: { full_name: \"UPPER(name)\" }",
                    "down: { name: \"LOWER(full_name)\" }",
                    "phase: read-new", ""));
            Properties props = db.properties();
            props.setProperty("tandem.rules", rules.toString());
            Connection app = DriverManager.getConnection(db.tandemUrl(), props);
            fixtures.put(db, new Fixture(person, people, address, users, null, raw, app, rules));
        }
    }

    @AfterAll
    void dropTables() throws Exception {
        for (Map.Entry<TestDatabase, Fixture> e : fixtures.entrySet()) {
            Fixture f = e.getValue();
            f.app().close();
            TestTables.drop(f.raw(), f.person(), f.people(), f.address(), f.users());
            f.raw().close();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void translatedReadsReturnWhatTheOldStructureReturns(TestDatabase db, String template, List<Object> params)
            throws Exception {
        db.assumeAvailable();
        Fixture f = fixtures.get(db);
        String sql = sql(db, f, template);
        TandemEngine engine = f.app().unwrap(TandemConnection.class).engine();
        long translatedBefore = translatedReads(engine);

        boolean forUpdate = sql.contains("FOR UPDATE");
        if (forUpdate) {
            f.raw().setAutoCommit(false);
            f.app().setAutoCommit(false);
        }
        Result expected;
        Result actual;
        try {
            expected = run(f.raw(), sql, params);
            actual = run(f.app(), sql, params);
        } finally {
            if (forUpdate) {
                f.raw().rollback();
                f.raw().setAutoCommit(true);
                f.app().rollback();
                f.app().setAutoCommit(true);
            }
        }
        assertTrue(translatedReads(engine) > translatedBefore, "the read ran translated onto the new structure");
        CapturedResult actualRows = actual.rows();
        if (db == TestDatabase.H2 && H2_RENDERED_LABELS.contains(template)) {
            actualRows = actualRows.labelledAs(expected.rows().labels());
        } else {
            assertEquals(expected.labels(), actual.labels(), "column labels");
        }
        assertEquals(expected.types(), actual.types(), "JDBC types");
        boolean ordered = sql.toUpperCase(Locale.ROOT).contains("ORDER BY") && !sql.contains("OVER (");
        Comparison c = ResultComparison.compare(expected.rows(), actualRows, ordered);
        assertEquals(Comparison.Outcome.MATCH, c.outcome(), c.describe(true));
        assertTrue(expected.rows().rowCount() > 0 || sql.contains("NOT IN"), "the statement returned rows");
    }

    private static long translatedReads(TandemEngine engine) {
        long n = 0;
        for (String id : List.of("golden-people", "golden-users")) {
            n += engine.metrics().count("tandem.statements", "migration", id, "kind", "read", "path", "translated");
        }
        return n;
    }

    private record Result(List<String> labels, List<Integer> types, CapturedResult rows) {
    }

    private static Result run(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> labels = new ArrayList<>();
                List<Integer> types = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                    types.add(md.getColumnType(i));
                }
                return new Result(labels, types, ResultCapture.readAll(rs, 10_000));
            }
        }
    }

    private static String sql(TestDatabase db, Fixture f, String template) {
        String quotedPerson = quote(db, f.person());
        String s = template.replace("QP", quotedPerson);
        s = s.replaceAll("Q\\(([a-z_]+)\\)", "\u0001$1\u0002");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\u0001') {
                int end = s.indexOf('\u0002', i);
                out.append(quote(db, s.substring(i + 1, end)));
                i = end;
            } else {
                out.append(ch);
            }
        }
        return out.toString().replaceAll("\\bP\\b", f.person()).replaceAll("\\bA\\b", f.address())
                .replaceAll("\\bU\\b", f.users());
    }

    private static String quote(TestDatabase db, String name) {
        return switch (db) {
            case MARIADB -> "`" + name + "`";
            case H2 -> "\"" + name.toUpperCase(Locale.ROOT) + "\"";
            default -> "\"" + name + "\"";
        };
    }

    private static boolean available(TestDatabase db) {
        try {
            db.jdbcUrl();
            return true;
        } catch (Throwable unavailable) {
            return false;
        }
    }
}
