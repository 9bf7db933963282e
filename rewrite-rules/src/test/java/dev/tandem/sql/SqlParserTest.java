package dev.tandem.sql;

import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SqlParser}: one statement exactly, bounded time, a bounded pool, messages without values. */
class SqlParserTest {
    private static final Pattern WHERE = Pattern.compile("line \\d+, column \\d+");

    private final SqlParser parser = new SqlParser(5_000);

    private SqlParser.Result ok(String sql, Dialect dialect) {
        SqlParser.Result r = parser.parse(sql, dialect);
        assertTrue(r.ok(), () -> sql + " should parse under " + dialect + ": " + r.failure());
        assertNotNull(r.statement());
        assertNull(r.failure());
        return r;
    }

    private ParseFailure fails(String sql, Dialect dialect) {
        SqlParser.Result r = parser.parse(sql, dialect);
        assertFalse(r.ok(), () -> sql + " should not parse under " + dialect + ": " + r.statement());
        assertNull(r.statement());
        assertNotNull(r.failure());
        assertEquals(0, r.parametersCreated());
        return r.failure();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one statement

    @Test
    void oneStatementParses() {
        for (Dialect d : Dialect.values()) {
            SqlParser.Result r = ok("UPDATE person SET first_name = ? WHERE id = ?", d);
            assertInstanceOf(Update.class, r.statement());
            assertEquals(2, r.parametersCreated());
        }
        assertEquals(0, ok("SELECT 1", Dialect.H2).parametersCreated());
    }

    @Test
    void aTrailingSemicolonOrCommentStillMakesOneStatement() {
        assertEquals(1, ok("SELECT * FROM person WHERE id = ?;", Dialect.POSTGRESQL).parametersCreated());
        ok("SELECT 1 -- trailing comment", Dialect.POSTGRESQL);
        ok("SELECT 1 /* block */", Dialect.MARIADB);
        ok("SELECT 1; -- only a comment after the semicolon", Dialect.POSTGRESQL);
        ok("  \n SELECT 1 \n ", Dialect.H2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1; DELETE FROM t",
            "SELECT 1;DELETE FROM t;",
            "SELECT * FROM person WHERE id = ?; DELETE FROM person",
            "UPDATE person SET a = 1;\nUPDATE person SET b = 2",
            "SELECT 1 /* ; */; SELECT 2 -- ;",
            "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)",
    })
    void severalStatementsAreReportedNeverTruncated(String sql) {
        for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2)) {
            ParseFailure f = fails(sql, d);
            assertEquals(ParseFailure.Kind.SEVERAL_STATEMENTS, f.kind(), sql + " under " + d + ": " + f);
        }
    }

    @Test
    void aSemicolonInsideALiteralOrCommentIsNotASeparator() {
        ok("SELECT 'a; DELETE FROM t' FROM person", Dialect.POSTGRESQL);
        ok("SELECT 1 /* ; DELETE FROM t */ FROM person", Dialect.POSTGRESQL);
        ok("SELECT \"a;b\" FROM person", Dialect.POSTGRESQL);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // failures and their messages

    @Test
    void blankIsEmpty() {
        for (String blank : new String[]{"", "   ", "\n\t  \r\n", null}) {
            ParseFailure f = fails(blank, Dialect.POSTGRESQL);
            assertEquals(ParseFailure.Kind.EMPTY, f.kind());
        }
    }

    @Test
    void syntaxErrorSaysWhereWithoutAnyValue() {
        ParseFailure f = fails("SELECT 'secret-value' FROMM t", Dialect.POSTGRESQL);
        assertEquals(ParseFailure.Kind.SYNTAX, f.kind());
        assertTrue(WHERE.matcher(f.message()).find(), f.message());
        assertFalse(f.message().contains("secret-value"), f.message());
        assertFalse(f.message().contains("FROMM"), f.message());
        assertEquals(f.message(), f.toString());
    }

    @Test
    void syntaxErrorOnALaterLineGivesThatLine() {
        ParseFailure f = fails("SELECT a,\n       b\nFROM person\nWHERE x = 'hunter2' AND AND y = 1",
                Dialect.POSTGRESQL);
        assertEquals(ParseFailure.Kind.SYNTAX, f.kind());
        assertTrue(f.message().contains("line 4"), f.message());
        assertFalse(f.message().contains("hunter2"), f.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'secret-value' FROMM t",
            "UPDATE person SET a = 'secret-value' WHERE b = 'x' HAVING",
            "DELETE FROM person WHERE a = 'secret-value' ORDER",
            "SELECT * FROM person WHERE a = 'secret-value' secret-value secret-value",
            "INSERT INTO person (a) VALUES ('secret-value'",
            "SELECT 'secret-value",
            "SELECT \"secret-value",
            "SELECT secret-value FROM FROM",
            "SELECT 1 FROM t WHERE a = 'secret-value'; DELETE FROM t WHERE b = 'secret-value'",
            "SELECT 1 FROM t WHERE a = 'secret-value' \u0000",
    })
    void noFailureMessageRepeatsTheStatement(String sql) {
        for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2)) {
            ParseFailure f = fails(sql, d);
            assertFalse(f.message().contains("secret"), d + ": " + f.message());
            assertFalse(f.message().contains(sql), d + ": " + f.message());
        }
    }

    /**
     * An error found by JSqlParser's tokenizer (an unterminated literal) is a syntax error like any other: the
     * message should say where, as {@link ParseFailure} documents, still without the value.
     */
    @Test
    void lexicalErrorsAlsoSayWhere() {
        ParseFailure f = fails("SELECT 'secret-value", Dialect.POSTGRESQL);
        assertEquals(ParseFailure.Kind.SYNTAX, f.kind());
        assertFalse(f.message().contains("secret"), f.message());
        assertTrue(WHERE.matcher(f.message()).find(), "no line and column in: " + f.message());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // dialects

    @Test
    void backslashEscapesQuotesUnderMariaDbOnly() {
        SqlParser.Result maria = ok("SELECT 'a\\'b'", Dialect.MARIADB);
        assertEquals(1, ((PlainSelect) maria.statement()).getSelectItems().size());
        ok("SELECT 'a\\'b'", Dialect.MYSQL);
        assertEquals(ParseFailure.Kind.SYNTAX, fails("SELECT 'a\\'b'", Dialect.POSTGRESQL).kind());
        assertEquals(ParseFailure.Kind.SYNTAX, fails("SELECT 'a\\'b'", Dialect.H2).kind());

        // A backslash before a quote: the end of the literal in PostgreSQL, an escaped quote in MariaDB.
        String sql = "SELECT 'a\\', 1 AS x -- '";
        assertEquals(2, ((PlainSelect) ok(sql, Dialect.POSTGRESQL).statement()).getSelectItems().size());
        assertEquals(1, ((PlainSelect) ok(sql, Dialect.MARIADB).statement()).getSelectItems().size());
    }

    /** The dialect decides what the statement means, not only whether it parses. */
    @Test
    void backslashChangesWhatAWhereClauseMeans() {
        String sql = "UPDATE person SET a = 1 WHERE id = ? AND b = 'x\\' OR 1 = 1 -- '";
        Update maria = (Update) ok(sql, Dialect.MARIADB).statement();
        assertFalse(maria.getWhere() instanceof OrExpression, maria.getWhere().toString());
        Update pg = (Update) ok(sql, Dialect.POSTGRESQL).statement();
        assertInstanceOf(OrExpression.class, pg.getWhere(), pg.getWhere().toString());

        Update escaped = (Update) ok("UPDATE person SET a = 1 WHERE b = 'it\\'s'", Dialect.MARIADB).statement();
        EqualsTo eq = assertInstanceOf(EqualsTo.class, escaped.getWhere());
        assertInstanceOf(StringValue.class, eq.getRightExpression());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // time and threads

    private static String deeplyNested(int depth) {
        return "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth) + " FROM person WHERE id = ?";
    }

    @Test
    void pathologicalNestingTimesOutAndNeverHangs() {
        SqlParser quick = new SqlParser(50);
        assertEquals(50, quick.timeoutMillis());
        for (int depth : new int[]{3_000, 10_000}) {
            String sql = deeplyNested(depth);
            long start = System.nanoTime();
            SqlParser.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> quick.parse(sql, Dialect.POSTGRESQL));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(r.ok(), "depth " + depth);
            assertTrue(r.failure().kind() == ParseFailure.Kind.TIMEOUT
                    || r.failure().kind() == ParseFailure.Kind.SYNTAX, r.failure().kind() + ": " + r.failure());
            assertTrue(millis < 2_000, "took " + millis + " ms");
            assertFalse(r.failure().message().contains("(((("), r.failure().message());
        }
    }

    @Test
    void aTimeoutSaysSoWithoutTheText() {
        SqlParser quick = new SqlParser(1);
        StringBuilder sql = new StringBuilder("SELECT * FROM person WHERE a IN ('secret-value'");
        for (int i = 0; i < 200_000; i++) {
            sql.append(", ").append(i);
        }
        sql.append(')');
        SqlParser.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> quick.parse(sql.toString(), Dialect.POSTGRESQL));
        assertFalse(r.ok());
        assertEquals(ParseFailure.Kind.TIMEOUT, r.failure().kind(), r.failure().message());
        assertTrue(r.failure().message().contains("1 ms"), r.failure().message());
        assertFalse(r.failure().message().contains("secret"), r.failure().message());
    }

    @Test
    void timeoutsDoNotStarveThePool() {
        SqlParser quick = new SqlParser(50);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 12; i++) {
                assertFalse(quick.parse(deeplyNested(3_000 + i), Dialect.POSTGRESQL).ok());
            }
        });
        // Timed-out parses must not keep the pool's threads: ordinary statements still parse in time.
        SqlParser normal = new SqlParser(2_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 20; i++) {
                SqlParser.Result r = normal.parse("SELECT * FROM person WHERE id = " + i, Dialect.POSTGRESQL);
                assertTrue(r.ok(), () -> String.valueOf(r.failure()));
            }
        });
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SqlParser(0));
        assertThrows(IllegalArgumentException.class, () -> new SqlParser(-5));
    }

    private static Map<Thread, StackTraceElement[]> threads() {
        return Thread.getAllStackTraces();
    }

    @Test
    void parsingUsesASmallSharedPoolNotAThreadPerStatement() {
        parser.parse("SELECT 0", Dialect.POSTGRESQL); // the pool exists from here on
        int before = threads().size();
        SqlParser another = new SqlParser(5_000);
        for (int i = 0; i < 500; i++) {
            SqlParser p = i % 2 == 0 ? parser : another;
            SqlParser.Result r = p.parse("SELECT a, b FROM person WHERE id = " + i + " AND c = 'v" + i + "'",
                    i % 3 == 0 ? Dialect.MARIADB : Dialect.POSTGRESQL);
            assertTrue(r.ok(), () -> String.valueOf(r.failure()));
        }
        int after = threads().size();
        assertTrue(after - before <= 4, "threads grew from " + before + " to " + after);
        // Tandem's parsing threads (a small pool, or one watchdog timer) are named for it.
        List<Thread> pool = new ArrayList<>();
        for (Thread t : threads().keySet()) {
            if (t.getName().startsWith("tandem-sql-pars")) {
                pool.add(t);
            }
        }
        assertFalse(pool.isEmpty(), "no thread named tandem-sql-parser-* / tandem-sql-parse-*");
        assertTrue(pool.size() <= 4, "parser threads: " + pool);
        for (Thread t : pool) {
            assertTrue(t.isDaemon(), t + " must not keep the JVM alive");
        }
    }

    @Test
    void concurrentParsesAllSucceed() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                Callable<Boolean> task = () -> {
                    SqlParser.Result r = parser.parse("UPDATE person SET a = ?, b = ? WHERE id = ? AND x = " + n,
                            Dialect.POSTGRESQL);
                    return r.ok() && r.parametersCreated() == 3;
                };
                results.add(callers.submit(task));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void parseCountCountsEveryAttempt() {
        SqlParser counting = new SqlParser(5_000);
        assertEquals(0, counting.parseCount());
        counting.parse("SELECT 1", Dialect.POSTGRESQL);
        assertEquals(1, counting.parseCount());
        counting.parse("SELECT 1; SELECT 2", Dialect.POSTGRESQL);
        counting.parse("", Dialect.POSTGRESQL);
        counting.parse(null, Dialect.POSTGRESQL);
        counting.parse("SELEC 1", Dialect.POSTGRESQL);
        assertEquals(5, counting.parseCount());
        counting.parse("SELECT 1", Dialect.POSTGRESQL);
        assertEquals(6, counting.parseCount(), "the same text again counts again: caching is the caller's job");
        assertEquals(0, new SqlParser(5_000).parseCount(), "each parser counts its own");
    }

    @Test
    void parametersCreatedCountsEveryQuestionMark() {
        assertEquals(5, ok("SELECT ? FROM person WHERE a = ? AND b IN (?, ?) LIMIT ?", Dialect.POSTGRESQL)
                .parametersCreated());
        assertEquals(1, ok("SELECT '?', \"?\" FROM person WHERE a = ? -- ?", Dialect.POSTGRESQL)
                .parametersCreated());
        assertEquals(0, ok("SELECT * FROM person WHERE a = :name", Dialect.POSTGRESQL).parametersCreated());
    }
}
