package dev.tandem.sql;

import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link StatementScan}: every table and every {@code ?} of a statement, and rendering any part of it back to SQL
 * with the application's parameter positions.
 */
class StatementScanTest {
    private static final SqlParser PARSER = new SqlParser(10_000);

    private static SqlParser.Result parse(String sql, Dialect dialect) {
        SqlParser.Result r = PARSER.parse(sql, dialect);
        assertTrue(r.ok(), () -> sql + ": " + r.failure());
        return r;
    }

    private static StatementScan scan(String sql, Dialect dialect) {
        SqlParser.Result r = parse(sql, dialect);
        return StatementScan.of(r.statement(), r.parametersCreated());
    }

    private static Set<String> tableNames(StatementScan scan) {
        Set<String> names = new TreeSet<>();
        for (Table t : scan.tables()) {
            if (t.getName() != null) {
                names.add(Identifier.canonical(t.getName()));
            }
        }
        return names;
    }

    private static void assertTables(String sql, Dialect dialect, String... expected) {
        Set<String> found = tableNames(scan(sql, dialect));
        Set<String> missing = new TreeSet<>(Arrays.asList(expected));
        missing.removeAll(found);
        assertTrue(missing.isEmpty(), () -> "missing " + missing + " in " + found + " for " + sql);
    }

    private static int[] oneTo(int n) {
        return IntStream.rangeClosed(1, n).toArray();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tables

    @Test
    void tablesInJoins() {
        assertTables("SELECT a.x FROM a JOIN b ON a.id = b.aid LEFT JOIN c ON c.id = b.cid RIGHT JOIN d ON true "
                + "CROSS JOIN e, f", Dialect.POSTGRESQL, "a", "b", "c", "d", "e", "f");
        assertTables("SELECT * FROM a NATURAL JOIN b FULL OUTER JOIN c USING (id)", Dialect.POSTGRESQL,
                "a", "b", "c");
    }

    @Test
    void tablesInSubqueriesEverywhere() {
        assertTables("SELECT (SELECT max(x) FROM s1) FROM a WHERE id IN (SELECT aid FROM s2) "
                + "AND EXISTS (SELECT 1 FROM s3 WHERE s3.y = a.y) GROUP BY a.z HAVING count(*) > (SELECT 1 FROM s4) "
                + "ORDER BY (SELECT 1 FROM s5)", Dialect.POSTGRESQL, "a", "s1", "s2", "s3", "s4", "s5");
        assertTables("SELECT * FROM (SELECT * FROM (SELECT * FROM deep) d1) d2", Dialect.POSTGRESQL, "deep");
        assertTables("SELECT * FROM a, LATERAL (SELECT * FROM lat WHERE lat.x = a.x) q", Dialect.POSTGRESQL,
                "a", "lat");
        assertTables("SELECT CASE WHEN x IN (SELECT y FROM incase) THEN 1 END FROM a", Dialect.POSTGRESQL,
                "a", "incase");
        assertTables("SELECT * FROM a UNION SELECT * FROM b INTERSECT SELECT * FROM c EXCEPT SELECT * FROM d",
                Dialect.POSTGRESQL, "a", "b", "c", "d");
        assertTables("SELECT coalesce((SELECT 1 FROM infn), 0) FROM a", Dialect.POSTGRESQL, "a", "infn");
    }

    @Test
    void tablesInCtes() {
        StatementScan scan = scan("WITH w AS (SELECT * FROM person WHERE x = ?), v AS (SELECT * FROM w JOIN staff "
                + "ON true) SELECT * FROM v", Dialect.POSTGRESQL);
        assertTrue(tableNames(scan).containsAll(Set.of("person", "staff", "w", "v")), tableNames(scan).toString());
        assertTables("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r JOIN tree ON true) "
                + "SELECT * FROM r", Dialect.POSTGRESQL, "r", "tree");
        assertTables("WITH d AS (DELETE FROM person WHERE id = ? RETURNING id) INSERT INTO archive SELECT * FROM d",
                Dialect.POSTGRESQL, "person", "archive", "d");
    }

    @Test
    void tablesThatAStatementWrites() {
        assertTables("INSERT INTO person (id) VALUES (?)", Dialect.POSTGRESQL, "person");
        assertTables("INSERT INTO public.person (id) SELECT id FROM staff", Dialect.POSTGRESQL, "person", "staff");
        assertTables("UPDATE person SET a = (SELECT b FROM staff WHERE staff.id = person.id)", Dialect.POSTGRESQL,
                "person", "staff");
        assertTables("UPDATE person p SET a = s.a FROM staff s JOIN dept d ON d.id = s.did WHERE s.id = p.id",
                Dialect.POSTGRESQL, "person", "staff", "dept");
        assertTables("DELETE FROM person WHERE id IN (SELECT pid FROM staff)", Dialect.POSTGRESQL,
                "person", "staff");
        assertTables("DELETE FROM person p USING staff s, dept d WHERE s.pid = p.id AND d.id = s.did",
                Dialect.POSTGRESQL, "person", "staff", "dept");
        assertTables("TRUNCATE TABLE person", Dialect.POSTGRESQL, "person");
        assertTables("MERGE INTO person p USING staff s ON (p.id = s.id) WHEN MATCHED THEN UPDATE SET a = s.a",
                Dialect.POSTGRESQL, "person", "staff");
    }

    @Test
    void tablesOfMySqlMultiTableWrites() {
        assertTables("UPDATE person p JOIN staff s ON s.pid = p.id SET p.a = s.a WHERE s.b = ?", Dialect.MARIADB,
                "person", "staff");
        assertTables("UPDATE person p, staff s SET p.a = s.a WHERE s.pid = p.id", Dialect.MARIADB,
                "person", "staff");
        assertTables("DELETE p, s FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ?", Dialect.MARIADB,
                "person", "staff");
        assertTables("DELETE p FROM person p INNER JOIN staff s ON s.pid = p.id", Dialect.MARIADB,
                "person", "staff");
        assertTables("REPLACE INTO person (id, a) SELECT id, a FROM staff", Dialect.MARIADB, "person", "staff");
        assertTables("INSERT INTO person (id, a) VALUES (?, ?) ON DUPLICATE KEY UPDATE a = (SELECT max(a) FROM "
                + "staff)", Dialect.MARIADB, "person", "staff");
    }

    @Test
    void quotedAndQualifiedNames() {
        StatementScan scan = scan("SELECT * FROM \"Person\" JOIN `staff` ON true JOIN app.dept ON true",
                Dialect.POSTGRESQL);
        assertTrue(tableNames(scan).containsAll(Set.of("person", "staff", "dept")), tableNames(scan).toString());
        boolean qualified = false;
        for (Table t : scan.tables()) {
            qualified |= "dept".equals(t.getName()) && "app".equals(t.getSchemaName());
        }
        assertTrue(qualified);
    }

    @Test
    void statementsListsTheStatementAndEveryNestedOne() {
        SqlParser.Result r = parse("INSERT INTO person (id) SELECT id FROM staff WHERE x IN (SELECT y FROM z)",
                Dialect.POSTGRESQL);
        StatementScan scan = StatementScan.of(r.statement(), r.parametersCreated());
        boolean root = false;
        for (Statement s : scan.statements()) {
            root |= s == r.statement();
        }
        assertTrue(root);
        assertTrue(scan.statements().size() >= 3, scan.statements().toString());

        StatementScan cte = scan("WITH d AS (DELETE FROM person RETURNING id) SELECT * FROM d", Dialect.POSTGRESQL);
        boolean delete = false;
        for (Statement s : cte.statements()) {
            delete |= s.getClass().getSimpleName().contains("Delete");
        }
        assertTrue(delete, "the data-modifying CTE is a nested statement: " + cte.statements());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // parameters

    static Stream<Arguments> statementsWithParameters() {
        return Stream.of(
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM person ORDER BY id LIMIT ? OFFSET ?"),
                arguments(Dialect.MARIADB,
                        "SELECT * FROM person ORDER BY id LIMIT ?, ?"),
                arguments(Dialect.MARIADB,
                        "SELECT * FROM person WHERE a = ? LIMIT ? OFFSET ?"),
                arguments(Dialect.H2,
                        "SELECT * FROM person OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"),
                arguments(Dialect.MARIADB,
                        "INSERT INTO person (id, a) VALUES (?, ?) ON DUPLICATE KEY UPDATE a = ?, b = VALUES(b) + ?"),
                arguments(Dialect.MARIADB,
                        "INSERT INTO person SET id = ?, a = ? ON DUPLICATE KEY UPDATE c = ?"),
                arguments(Dialect.POSTGRESQL,
                        "INSERT INTO person (id, a) VALUES (?, ?) ON CONFLICT (id) WHERE c = ? DO UPDATE SET a = ?, b "
                                + "= EXCLUDED.b || ? WHERE person.c = ? RETURNING id, ? AS x"),
                arguments(Dialect.POSTGRESQL,
                        "INSERT INTO person (id, a) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING ?"),
                arguments(Dialect.POSTGRESQL,
                        "UPDATE person SET a = CASE WHEN b = ? THEN ? ELSE ? END WHERE id = ? RETURNING ?"),
                arguments(Dialect.POSTGRESQL,
                        "DELETE FROM person WHERE id = ? RETURNING id, ?"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT CASE ? WHEN 1 THEN ? END, COALESCE(?, a), CAST(? AS int), f(?, ?), ?::text FROM person "
                                + "WHERE a BETWEEN ? AND ? AND b LIKE ? ESCAPE ? GROUP BY a HAVING count(*) > ?"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT EXTRACT(YEAR FROM ?), INTERVAL '1 day' * ?, ? IS NULL, NOT ?, -?, ? || ?, SUBSTRING(? "
                                + "FROM ? FOR ?) FROM person"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM person WHERE (a, b) IN ((?, ?), (?, ?)) AND c = ANY(?) "
                                + "AND d = ALL(ARRAY[?, ?])"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM person p, LATERAL (SELECT * FROM staff s WHERE s.p = p.id AND s.x = ?) q WHERE "
                                + "p.y = ?"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM person WHERE c = ? UNION ALL SELECT "
                                + "1 FROM staff WHERE d = ? ORDER BY 1 LIMIT ?"),
                arguments(Dialect.POSTGRESQL,
                        "WITH w AS (SELECT ? AS v) SELECT v, ? FROM w WHERE v IN (SELECT x FROM y WHERE z = ?)"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM (VALUES (?, ?), (?, ?)) AS t(a, b)"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT array_agg(a) FILTER (WHERE b = ?), json_agg(c ORDER BY ?) FROM person"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM generate_series(?, ?) g JOIN person p ON p.id = g"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT * FROM person WHERE a = ? FOR UPDATE SKIP LOCKED"),
                arguments(Dialect.MARIADB,
                        "UPDATE person p JOIN staff s ON s.pid = p.id AND s.k = ? SET p.a = ?, p.b = s.b WHERE s.c = ? "
                                + "ORDER BY p.id LIMIT ?"),
                arguments(Dialect.MARIADB,
                        "DELETE p FROM person p JOIN staff s ON s.pid = p.id AND s.k = ? WHERE s.x = ?"),
                arguments(Dialect.MARIADB,
                        "SELECT * FROM person WHERE x REGEXP ? AND MATCH(a) AGAINST (? IN BOOLEAN MODE)"),
                arguments(Dialect.POSTGRESQL,
                        "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM person"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("statementsWithParameters")
    void everyParameterIsFoundAndMappedInOrder(Dialect dialect, String sql) {
        SqlParser.Result r = parse(sql, dialect);
        long marks = sql.chars().filter(c -> c == '?').count();
        assertEquals(marks, r.parametersCreated(), "parser count");
        StatementScan scan = StatementScan.of(r.statement(), r.parametersCreated());
        assertEquals(marks, scan.parameterCount());
        assertEquals(scan.parameters().size(), scan.parameterCount());
        ParameterizedSql rendered = StatementScan.render(r.statement());
        assertArrayEquals(oneTo((int) marks), rendered.parameters(), rendered.toString());
        assertEquals(marks, rendered.sql().chars().filter(c -> c == '?').count(), rendered.sql());
        assertFalse(rendered.sql().contains("tandem"), rendered.sql());
        // What is rendered parses again, to the same number of parameters.
        SqlParser.Result again = parse(rendered.sql(), dialect);
        assertEquals(marks, again.parametersCreated());
    }

    @Test
    void renderingASubNodeMapsEachMarkToTheApplicationsIndex() {
        SqlParser.Result r = parse("UPDATE t SET a = ? WHERE b = ? AND c IN (?, ?)", Dialect.POSTGRESQL);
        StatementScan.of(r.statement(), r.parametersCreated());
        Update update = (Update) r.statement();

        ParameterizedSql where = StatementScan.render(update.getWhere());
        assertEquals("b = ? AND c IN (?, ?)", where.sql());
        assertArrayEquals(new int[]{2, 3, 4}, where.parameters());
        assertEquals(3, where.parameterCount());
        assertEquals(3, where.parameter(1));

        ParameterizedSql set = StatementScan.render(update.getUpdateSets().get(0).getValue(0));
        assertEquals("?", set.sql());
        assertArrayEquals(new int[]{1}, set.parameters());

        ParameterizedSql table = StatementScan.render(update.getTable());
        assertEquals("t", table.sql());
        assertEquals(0, table.parameterCount());
    }

    @Test
    void renderingFollowsThePrintersOrderNotTheTexts() {
        // JSqlParser prints LIMIT before OFFSET: the mapping must follow.
        SqlParser.Result r = parse("SELECT * FROM person WHERE a = ? OFFSET ? LIMIT ?", Dialect.POSTGRESQL);
        StatementScan.of(r.statement(), r.parametersCreated());
        ParameterizedSql sql = StatementScan.render(r.statement());
        int offsetAt = sql.sql().indexOf("OFFSET");
        int limitAt = sql.sql().indexOf("LIMIT");
        assertTrue(offsetAt >= 0 && limitAt >= 0, sql.sql());
        if (limitAt < offsetAt) {
            assertArrayEquals(new int[]{1, 3, 2}, sql.parameters(), sql.toString());
        } else {
            assertArrayEquals(new int[]{1, 2, 3}, sql.parameters(), sql.toString());
        }
        PlainSelect select = (PlainSelect) r.statement();
        assertArrayEquals(new int[]{2}, StatementScan.render(select.getOffset()).parameters());
        assertArrayEquals(new int[]{3}, StatementScan.render(select.getLimit()).parameters());
    }

    @Test
    void renderingTheSameNodeTwiceGivesTheSameAnswer() {
        SqlParser.Result r = parse("INSERT INTO person (id, a) SELECT ?, a FROM staff WHERE b = ?",
                Dialect.POSTGRESQL);
        StatementScan.of(r.statement(), r.parametersCreated());
        Select source = ((Insert) r.statement()).getSelect();
        ParameterizedSql first = StatementScan.render(source);
        ParameterizedSql second = StatementScan.render(source);
        assertEquals(first.sql(), second.sql());
        assertArrayEquals(first.parameters(), second.parameters());
        assertArrayEquals(new int[]{1, 2}, first.parameters());
    }

    @Test
    void questionMarksInLiteralsIdentifiersAndCommentsAreNotParameters() {
        SqlParser.Result r = parse("SELECT '?', 'a ? b', \"col?\" FROM person WHERE x = ? AND y = '??' -- ? here",
                Dialect.POSTGRESQL);
        assertEquals(1, r.parametersCreated());
        StatementScan scan = StatementScan.of(r.statement(), r.parametersCreated());
        assertEquals(1, scan.parameterCount());
        ParameterizedSql sql = StatementScan.render(r.statement());
        assertArrayEquals(new int[]{1}, sql.parameters());
        assertTrue(sql.sql().contains("'a ? b'"), sql.sql());
        assertTrue(sql.sql().contains("'??'"), sql.sql());
    }

    @Test
    void textThatLooksLikeAMarkerIsNotAParameter() {
        // Find what a marker looks like, then write look-alikes into literals and identifiers.
        SqlParser.Result probe = parse("SELECT ?", Dialect.POSTGRESQL);
        StatementScan.of(probe.statement(), probe.parametersCreated());
        String marked = probe.statement().toString();
        assertTrue(marked.startsWith("SELECT ?") && marked.length() > "SELECT ?1".length(), marked);
        String shape = marked.substring("SELECT ".length(), marked.length() - 1); // without the index
        String forged = shape.replaceAll("[0-9a-f]", "0");
        if (forged.equals(shape)) {
            forged = shape.replace("0", "1");
        }

        for (String lookalike : List.of(forged + "1", "?tandem1", "?tandem000000000000p1", "?tandemp1", "?1")) {
            String sql = "SELECT '" + lookalike + "' AS a FROM person WHERE b = ? AND c = '" + lookalike + "2'";
            SqlParser.Result r = parse(sql, Dialect.POSTGRESQL);
            StatementScan.of(r.statement(), r.parametersCreated());
            ParameterizedSql rendered = StatementScan.render(r.statement());
            assertArrayEquals(new int[]{1}, rendered.parameters(), lookalike + " -> " + rendered);
            assertTrue(rendered.sql().contains("'" + lookalike + "'"), rendered.sql());
        }
    }

    @Test
    void aScanMarksEveryParameterForRendering() {
        SqlParser.Result r = parse("SELECT * FROM person WHERE a = ? AND b = ?", Dialect.POSTGRESQL);
        StatementScan scan = StatementScan.of(r.statement(), r.parametersCreated());
        Set<Integer> indexes = new HashSet<>();
        for (JdbcParameter p : scan.parameters()) {
            assertTrue(p.isUseFixedIndex());
            indexes.add(p.getIndex());
        }
        assertEquals(Set.of(1, 2), indexes);
    }

    @Test
    void numberedParametersCannotBeTracked() {
        SqlParser.Result r = parse("SELECT * FROM person WHERE a = ?1", Dialect.POSTGRESQL);
        assertThrows(IllegalStateException.class, () -> StatementScan.of(r.statement(), r.parametersCreated()));
        SqlParser.Result pg = parse("SELECT * FROM person WHERE a = $1", Dialect.POSTGRESQL);
        assertThrows(IllegalStateException.class, () -> StatementScan.of(pg.statement(), pg.parametersCreated()));
    }

    @Test
    void aParameterCountThatDoesNotAddUpIsRefused() {
        SqlParser.Result r = parse("SELECT * FROM person WHERE a = ? AND b = ?", Dialect.POSTGRESQL);
        assertThrows(IllegalStateException.class, () -> StatementScan.of(r.statement(), 3));
        SqlParser.Result r2 = parse("SELECT * FROM person WHERE a = ? AND b = ?", Dialect.POSTGRESQL);
        assertThrows(IllegalStateException.class, () -> StatementScan.of(r2.statement(), 1));
    }

    @Test
    void namedParametersAreNotJdbcParameters() {
        StatementScan scan = scan("SELECT * FROM person WHERE a = :name", Dialect.POSTGRESQL);
        assertEquals(0, scan.parameterCount());
        assertTrue(tableNames(scan).contains("person"));
    }

    @Test
    void listsAreReadOnly() {
        StatementScan scan = scan("SELECT * FROM person WHERE a = ?", Dialect.POSTGRESQL);
        assertThrows(UnsupportedOperationException.class, () -> scan.tables().clear());
        assertThrows(UnsupportedOperationException.class, () -> scan.parameters().clear());
        assertThrows(UnsupportedOperationException.class, () -> scan.statements().clear());
    }

    @Test
    void sqlBuilderKeepsTheMapping() {
        SqlParser.Result r = parse("UPDATE t SET a = ? WHERE b = ? AND c IN (?, ?)", Dialect.POSTGRESQL);
        StatementScan.of(r.statement(), r.parametersCreated());
        Update update = (Update) r.statement();
        SqlBuilder b = new SqlBuilder();
        assertTrue(b.isEmpty());
        List<Object> parts = new ArrayList<>();
        parts.add(update.getWhere());
        parts.add(update.getUpdateSets().get(0).getValue(0));
        b.text("SELECT id FROM t WHERE ").node(parts.get(0)).text(" AND a <> ").node(parts.get(1));
        for (int i = 0; i < 10; i++) {
            b.text(" AND a <> ").node(parts.get(1)); // grows past the initial capacity
        }
        ParameterizedSql built = b.build();
        assertTrue(built.sql().startsWith("SELECT id FROM t WHERE b = ? AND c IN (?, ?) AND a <> ?"), built.sql());
        int[] expected = new int[3 + 11];
        expected[0] = 2;
        expected[1] = 3;
        expected[2] = 4;
        Arrays.fill(expected, 3, expected.length, 1);
        assertArrayEquals(expected, built.parameters());
        int[] copy = built.parameters();
        copy[0] = 99;
        assertEquals(2, built.parameter(0), "parameters() is a copy");
        assertSame(ParameterizedSql.class, built.getClass());
    }
}
