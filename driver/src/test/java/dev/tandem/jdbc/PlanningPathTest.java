package dev.tandem.jdbc;

import dev.tandem.engine.TandemEngine;
import dev.tandem.execution.Routing;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.plan.StatementPlan;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The planning path: which statements are parsed, how often, what the plan caches keep, and what happens to
 * statements the parser cannot handle (failures, timeouts, several statements in one string) and to its threads.
 */
class PlanningPathTest {

    private static TandemEngine engine(Connection c) throws SQLException {
        return c.unwrap(TandemConnection.class).engine();
    }

    private static MigrationMeters meters(TandemEngine engine) {
        return DriverSurfaceTest.meters(engine);
    }

    // ============================================================================================== never parsed

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statementsNamingNoMigratedTableAreNeverParsed(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            // a plain table, and two whose names contain the migrated table's name
            String[] tables = {TestTables.unique("plain"), f.from + "_audit", "pre_" + f.from};
            try {
                for (String t : tables) {
                    f.raw("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(50), note VARCHAR(50))");
                }
                try (Connection c = f.connect()) {
                    TandemEngine engine = engine(c);
                    long before = engine.parser().parseCount();
                    long[] cachedBefore = engine.cachedPlans();
                    int[] nextId = new int[tables.length];
                    for (int i = 0; i < 1000; i++) {
                        int ti = i % tables.length;
                        String t = tables[ti];
                        int kind = (i / tables.length) % 6;
                        switch (kind) {
                            case 0 -> {
                                try (Statement s = c.createStatement()) {
                                    int id = ++nextId[ti];
                                    s.executeUpdate("INSERT INTO " + t + " (id, name, note) VALUES (" + id + ", 'n" + id
                                            + "', '" + f.from + "x')");
                                }
                            }
                            case 1 -> {
                                try (PreparedStatement ps = c.prepareStatement(
                                        "INSERT INTO " + t + " (id, name) VALUES (?, ?)")) {
                                    int id = ++nextId[ti];
                                    ps.setInt(1, id);
                                    ps.setString(2, "p" + id);
                                    ps.executeUpdate();
                                }
                            }
                            case 2 -> {
                                try (Statement s = c.createStatement()) {
                                    s.executeUpdate("UPDATE " + t + " SET note = 'u" + i + "' WHERE id = " + nextId[ti]);
                                }
                            }
                            case 3 -> {
                                try (PreparedStatement ps = c.prepareStatement(
                                        "UPDATE " + t + " SET name = ? WHERE id <= ?")) {
                                    ps.setString(1, "q" + i);
                                    ps.setInt(2, i % 7);
                                    ps.executeUpdate();
                                }
                            }
                            case 4 -> {
                                try (Statement s = c.createStatement();
                                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t + " WHERE id > " + i)) {
                                    assertTrue(rs.next());
                                }
                            }
                            default -> {
                                try (PreparedStatement ps = c.prepareStatement(
                                        "SELECT id, name FROM " + t + " WHERE name <> ? ORDER BY id")) {
                                    ps.setString(1, "v" + i);
                                    try (ResultSet rs = ps.executeQuery()) {
                                        assertTrue(rs.next());
                                    }
                                }
                            }
                        }
                    }
                    assertEquals(before, engine.parser().parseCount(), "statements naming no migrated table were parsed");
                    assertArrayEquals(cachedBefore, engine.cachedPlans(), "they must not even reach the plan caches");

                    // the control: the same engine does parse a statement naming the migrated table
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("SELECT COUNT(*) FROM " + f.from).close();
                    }
                    assertEquals(before + 1, engine.parser().parseCount());
                }
            } finally {
                try (Connection raw = db.connect()) {
                    TestTables.drop(raw, tables);
                }
            }
        }
    }

    // ============================================================================================== parsed once

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStatementNamingAMigratedTableIsParsedOnce(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db); Connection c = f.connect()) {
            TandemEngine engine = engine(c);
            String[] prepared = {
                    "INSERT INTO " + f.from + " (id, name) VALUES (?, ?)",
                    "INSERT INTO " + f.from + " VALUES (?, ?)",
                    "UPDATE " + f.from + " SET name = ? WHERE id = ?",
                    "SELECT id, name FROM " + f.from + " WHERE id = ?",
                    "DELETE FROM " + f.from + " WHERE id = ?",
            };
            int base = 0;
            for (String sql : prepared) {
                long before = engine.parser().parseCount();
                for (int i = 1; i <= 100; i++) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        if (sql.startsWith("INSERT")) {
                            ps.setInt(1, base + i);
                            ps.setString(2, "n" + i);
                        } else if (sql.startsWith("UPDATE")) {
                            ps.setString(1, "m" + i);
                            ps.setInt(2, i);
                        } else {
                            ps.setInt(1, i);
                        }
                        ps.execute();
                    }
                }
                base += 100;
                assertEquals(before + 1, engine.parser().parseCount(), "prepared and executed 100 times: " + sql);
            }
            assertEquals(prepared.length, engine.cachedPlans()[0], "one prepared plan per distinct SQL");

            String[] adhoc = {
                    "UPDATE " + f.from + " SET name = 'x' WHERE id = 150",
                    "SELECT name FROM " + f.from + " WHERE id = 150",
                    "DELETE FROM " + f.from + " WHERE id = 9999",
            };
            for (String sql : adhoc) {
                long before = engine.parser().parseCount();
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                    s.execute(sql);
                }
                assertEquals(before + 1, engine.parser().parseCount(), "Statement.execute twice: " + sql);
            }
            assertEquals(adhoc.length, engine.cachedPlans()[1], "one ad hoc plan per distinct SQL");
            assertEquals(0, meters(engine).unsupportedCount());

            // another connection of the same data source shares the plans
            long before = engine.parser().parseCount();
            try (Connection other = f.connect()) {
                assertSame(engine, engine(other));
                for (String sql : prepared) {
                    other.prepareStatement(sql).close();
                }
                try (Statement s = other.createStatement()) {
                    for (String sql : adhoc) {
                        s.execute(sql);
                    }
                }
            }
            assertEquals(before, engine.parser().parseCount(), "a second connection parsed again");
        }
    }

    // ============================================================================================== cache isolation

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statementsFullOfLiteralsDoNotEvictPreparedPlans(TestDatabase db) throws Exception {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            Properties small = new Properties();
            small.setProperty("tandem.planCacheSize", "50");
            small.setProperty("tandem.adhocPlanCacheSize", "20");
            try (Connection c = f.connect(small)) {
                TandemEngine engine = engine(c);
                assertEquals(50, engine.config().planCacheSize());
                assertEquals(20, engine.config().adhocPlanCacheSize());

                List<String> prepared = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    prepared.add(i % 2 == 0
                            ? "SELECT id, name FROM " + f.from + " WHERE id = ? AND " + i + " = " + i
                            : "UPDATE " + f.from + " SET name = ? WHERE id = ? AND " + i + " = " + i);
                }
                long start = engine.parser().parseCount();
                for (String sql : prepared) {
                    c.prepareStatement(sql).close();
                }
                assertEquals(start + 30, engine.parser().parseCount());

                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 2000; i++) {
                        switch (i % 3) {
                            case 0 -> s.executeQuery("SELECT name FROM " + f.from + " WHERE id = " + i).close();
                            case 1 -> s.executeUpdate("UPDATE " + f.from + " SET name = 'v" + i + "' WHERE id = " + i);
                            default -> s.executeUpdate("DELETE FROM " + f.from + " WHERE id = " + (100_000 + i));
                        }
                    }
                }
                long afterFlood = engine.parser().parseCount();
                assertEquals(start + 30 + 2000, afterFlood, "each distinct literal-filled statement is parsed once");
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (engine.cachedPlans()[1] > 20 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(engine.cachedPlans()[1] <= 20, "the ad hoc cache holds at most 20 plans: "
                        + engine.cachedPlans()[1]);

                for (String sql : prepared) {
                    c.prepareStatement(sql).close();
                }
                assertEquals(afterFlood, engine.parser().parseCount(),
                        "2000 literal-filled statements evicted prepared plans");
                assertEquals(30, engine.cachedPlans()[0]);
            }
        }
    }

    // ============================================================================================== failed parses

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aParseThatFailsIsCachedAsSuch(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db); Connection c = f.connect()) {
            TandemEngine engine = engine(c);
            Connection vendor = c.unwrap(TandemConnection.class).delegate();
            String garbage = "UPDATE " + f.from + " SETT name = 'x' WHERE id = 1";
            String callEscape = "{call tandem_no_such_proc((SELECT COUNT(*) FROM " + f.from + "))}";

            for (String sql : List.of(garbage, callEscape)) {
                long before = engine.parser().parseCount();
                long unsupported = meters(engine).unsupportedCount();
                for (int i = 0; i < 2; i++) {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                        fail("the database accepted " + sql);
                    } catch (SQLException databaseRejectsIt) {
                        assertTrue(!Routing.REFUSED_SQLSTATE.equals(databaseRejectsIt.getSQLState()),
                                "Tandem refused instead of passing through: " + databaseRejectsIt);
                    }
                }
                assertEquals(before + 1, engine.parser().parseCount(), "executed twice, parsed once: " + sql);
                assertEquals(unsupported + 2, meters(engine).unsupportedCount(),
                        "each execution counts as unsupported (write-both): " + sql);
                StatementPlan plan = engine.plan(sql, false, vendor);
                assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind(), sql);
                assertEquals(before + 1, engine.parser().parseCount());
            }

            // prepared twice: planned when prepared (before the database sees it), parsed once
            long before = engine.parser().parseCount();
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement ps = c.prepareStatement(garbage)) {
                    assertEquals(StatementPlan.Kind.UNSUPPORTED,
                            ps.unwrap(TandemPreparedStatement.class).plan().kind());
                    ps.execute();
                    fail("the database accepted " + garbage);
                } catch (SQLException databaseRejectsIt) {
                    // at prepare or at execution, as the driver does
                }
            }
            assertEquals(before + 1, engine.parser().parseCount(), "prepared twice, parsed once: " + garbage);
        }
    }

    /** A statement that JSqlParser takes hundreds of milliseconds to parse: a 20000-element IN list. */
    private static String slowToParse(String table) {
        StringBuilder sql = new StringBuilder("UPDATE " + table + " SET name = 'slow' WHERE id IN (");
        for (int i = 0; i < 20_000; i++) {
            sql.append(i == 0 ? "" : ", ").append(i);
        }
        return sql.append(')').toString();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aParseThatTimesOutIsUnsupportedAndNotRetried(TestDatabase db) throws Exception {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            f.raw("INSERT INTO " + f.from + " (id, name) VALUES (1, 'a')");
            String sql = slowToParse(f.from);
            Properties impatient = new Properties();
            impatient.setProperty("tandem.parseTimeoutMs", "5");
            try (Connection c = f.connect(impatient)) {
                TandemEngine engine = engine(c);
                long parses = engine.parser().parseCount();
                long unsupported = meters(engine).unsupportedCount();

                long t0 = System.nanoTime();
                SQLException first = executeCatching(c, sql);
                long firstMillis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(firstMillis < 8_000, "the slow statement took " + firstMillis + " ms");
                assertEquals(parses + 1, engine.parser().parseCount());
                assertEquals(unsupported + 1, meters(engine).unsupportedCount(), "treated as unsupported");
                if (first != null) {
                    assertTrue(!Routing.REFUSED_SQLSTATE.equals(first.getSQLState()), "Tandem refused it: " + first);
                }

                executeCatching(c, sql);
                assertEquals(parses + 1, engine.parser().parseCount(), "re-executed: not parsed again");
                assertEquals(unsupported + 2, meters(engine).unsupportedCount());

                StatementPlan plan = engine.plan(sql, false, c.unwrap(TandemConnection.class).delegate());
                assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind());
                assertTrue(plan.reason().contains("5 ms"), plan.reason());
                assertEquals(parses + 1, engine.parser().parseCount());

                if (first == null) {
                    // passed through: the database ran it, and nothing was mirrored from a plan Tandem does not have
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT name FROM " + f.from + " WHERE id = 1")) {
                        assertTrue(rs.next());
                        assertEquals("slow", rs.getString(1));
                    }
                }
            }
        }
    }

    /** Nesting too deep for JSqlParser (it would overflow the stack or take exponential time) is refused at once. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pathologicalNestingIsUnsupportedAtOnceAndNotRetried(TestDatabase db) throws Exception {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            String sql = "UPDATE " + f.from + " SET name = " + "(".repeat(2000) + "'deep'" + ")".repeat(2000)
                    + " WHERE id = 1";
            try (Connection c = f.connect()) {
                TandemEngine engine = engine(c);
                long parses = engine.parser().parseCount();
                long t0 = System.nanoTime();
                executeCatching(c, sql);
                executeCatching(c, sql);
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 8_000, "bounded");
                assertEquals(parses + 1, engine.parser().parseCount(), "parsed once");
                StatementPlan plan = engine.plan(sql, false, c.unwrap(TandemConnection.class).delegate());
                assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind());
                assertTrue(plan.reason().contains("nested more than"), plan.reason());
                // ordinary statements still plan at once
                for (int i = 0; i < 20; i++) {
                    long t = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE " + f.from + " SET name = ? WHERE id = ? AND " + i + " = " + i)) {
                        StatementPlan p = ps.unwrap(TandemPreparedStatement.class).plan();
                        assertEquals(StatementPlan.Kind.WRITE, p.kind(), p.reason());
                    }
                    long ms = (System.nanoTime() - t) / 1_000_000;
                    assertTrue(ms < 1_000, "an ordinary statement took " + ms + " ms to plan");
                }
            }
        }
    }

    /**
     * Statements are parsed in the thread that runs them: a slow parse elsewhere (another data source's, allowed
     * 30 s each) never makes an ordinary statement wait, time out, and stay "unsupported" (from read-new on, that
     * would refuse a perfectly ordinary write for the life of the plan cache).
     */
    @Test
    void anOrdinaryStatementIsNotLeftUnsupportedByOtherStatementsSlowParses() throws Exception {
        TestDatabase db = TestDatabase.H2;
        try (MigrationFixture slow = MigrationFixture.create(db); MigrationFixture ordinary = MigrationFixture.create(db)) {
            Properties patient = new Properties();
            patient.setProperty("tandem.parseTimeoutMs", "30000");
            try (Connection slowConnection = slow.connect(patient); Connection c = ordinary.connect()) {
                TandemEngine slowEngine = engine(slowConnection);
                awaitWarmUp();
                Connection slowVendor = slowConnection.unwrap(TandemConnection.class).delegate();
                List<Thread> hogs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String sql = slowToParse(slow.from) + " AND " + i + " = " + i;
                    Thread t = new Thread(() -> slowEngine.plan(sql, false, slowVendor), "slow-parse-" + i);
                    t.start();
                    hogs.add(t);
                }
                Thread.sleep(100);
                String sql = "UPDATE " + ordinary.from + " SET name = ? WHERE id = ?";
                StatementPlan during;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    during = ps.unwrap(TandemPreparedStatement.class).plan();
                }
                for (Thread t : hogs) {
                    t.join(60_000);
                }
                assertEquals(StatementPlan.Kind.WRITE, during.kind(), "while other statements were being parsed: "
                        + during.reason());
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    assertEquals(StatementPlan.Kind.WRITE, ps.unwrap(TandemPreparedStatement.class).plan().kind());
                }
            }
        }
    }

    @Test
    void aParseTimeoutSetByPropertyMakesTheStatementUnsupported() throws SQLException {
        TestDatabase db = TestDatabase.H2;
        try (MigrationFixture f = MigrationFixture.create(db)) {
            Properties p = new Properties();
            p.setProperty("tandem.parseTimeoutMs", "1");
            try (Connection c = f.connect(p)) {
                TandemEngine engine = engine(c);
                assertEquals(1, engine.parser().timeoutMillis());
                String sql = slowToParse(f.from);
                long parses = engine.parser().parseCount();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    StatementPlan plan = ps.unwrap(TandemPreparedStatement.class).plan();
                    assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind());
                    assertTrue(plan.reason().contains("1 ms"), plan.reason());
                    ps.executeUpdate(); // passes through to H2
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    assertEquals(StatementPlan.Kind.UNSUPPORTED, ps.unwrap(TandemPreparedStatement.class).plan().kind());
                }
                assertEquals(parses + 1, engine.parser().parseCount());
                assertEquals(1, meters(engine).unsupportedCount(), "one execution, counted as unsupported");
            }
        }
    }

    /**
     * Executes on a thread with a large stack: H2's own recursive-descent parser overflows the default stack on 2000
     * nested parentheses (the raw driver does the same), and the database's limits are not what is tested here.
     */
    private static SQLException executeCatching(Connection c, String sql) throws Exception {
        SQLException[] failure = new SQLException[1];
        Throwable[] unexpected = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                failure[0] = e;
            } catch (Throwable e) {
                unexpected[0] = e;
            }
        }, "big-stack-statement", 1L << 30);
        t.start();
        t.join();
        if (unexpected[0] != null) {
            throw new AssertionError("executing the statement threw " + unexpected[0], unexpected[0]);
        }
        return failure[0];
    }

    // ============================================================================================== several statements

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void textAfterASemicolonIsNeverDropped(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MigrationFixture f = MigrationFixture.create(db)) {
            f.raw("INSERT INTO " + f.from + " (id, name) VALUES (1, 'a')",
                    "INSERT INTO " + f.to + " (id, full_name) VALUES (1, 'A')");
            Properties p = new Properties();
            if (db == TestDatabase.MARIADB) {
                p.setProperty("allowMultiQueries", "true"); // so that MariaDB, like H2 and PostgreSQL, runs both
            }
            String insertThenDelete = "INSERT INTO " + f.from + " (id, name) VALUES (7, 'seven'); DELETE FROM "
                    + f.from + " WHERE id = 7";
            String twoUpdates = "UPDATE " + f.from + " SET name = 'first' WHERE id = 1; UPDATE " + f.from
                    + " SET name = 'second' WHERE id = 1";
            try (Connection c = f.connect(p)) {
                TandemEngine engine = engine(c);
                Connection vendor = c.unwrap(TandemConnection.class).delegate();
                for (String sql : List.of(insertThenDelete, twoUpdates)) {
                    long unsupported = meters(engine).unsupportedCount();
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                        while (s.getMoreResults() || s.getUpdateCount() != -1) {
                            // drain every result
                        }
                    }
                    assertEquals(unsupported + 1, meters(engine).unsupportedCount(), "not counted unsupported: " + sql);
                    StatementPlan plan = engine.plan(sql, false, vendor);
                    assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind(), sql);
                }
            }
            // the database ran both parts of each
            assertEquals(0, f.scalar("SELECT COUNT(*) FROM " + f.from + " WHERE id = 7"));
            try (Connection raw = db.connect(); Statement s = raw.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM " + f.from + " WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("second", rs.getString(1));
            }
            // and Tandem mirrored no half of them
            assertEquals(0, f.scalar("SELECT COUNT(*) FROM " + f.to + " WHERE id = 7"),
                    "the INSERT before the ';' was mirrored on its own");
            assertTrue(!"FIRST".equals(f.mirroredName(1)), "the UPDATE before the ';' was mirrored on its own");
        }
    }

    // ============================================================================================== threads

    @Test
    void parsingNeverStartsAThreadPerStatement() throws Exception {
        TestDatabase db = TestDatabase.H2;
        try (MigrationFixture f = MigrationFixture.create(db); Connection c = f.connect()) {
            TandemEngine engine = engine(c);
            awaitWarmUp();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            long startedBefore = mx.getTotalStartedThreadCount();
            long parses = engine.parser().parseCount();

            for (int i = 0; i < 2000; i++) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, name FROM " + f.from + " WHERE id = ? AND name <> 'v" + i + "'")) {
                    assertEquals(StatementPlan.Kind.READ, ps.unwrap(TandemPreparedStatement.class).plan().kind());
                }
            }
            assertEquals(parses + 2000, engine.parser().parseCount());

            long started = mx.getTotalStartedThreadCount() - startedBefore;
            Set<Thread> after = Thread.getAllStackTraces().keySet();
            Set<Thread> added = new HashSet<>(after);
            added.removeAll(before);
            List<String> timers = new ArrayList<>();
            List<String> others = new ArrayList<>();
            int commonPool = 0;
            for (Thread t : added) {
                if (t.getName().startsWith("tandem-sql-parse-timer")) {
                    timers.add(t.getName());
                } else if (t.getName().startsWith("ForkJoinPool.commonPool-worker")) {
                    commonPool++; // Caffeine's cache maintenance: a shared, bounded JVM pool, not Tandem's
                } else {
                    others.add(t.getName());
                }
            }
            assertEquals(List.of(), others, "threads started by parsing");
            assertTrue(timers.size() <= 1, "the parse timeout's one shared timer thread: " + timers);
            for (Thread t : after) {
                if (t.getName().startsWith("tandem-sql-parse-timer")) {
                    assertTrue(t.isDaemon(), t.getName() + " is not a daemon");
                }
            }
            // threads that started and already ended are caught here: 2000 statements would be 2000 threads
            assertTrue(started <= 1 + ForkJoinPool.getCommonPoolParallelism(),
                    started + " threads were started while parsing 2000 statements");
        }
    }

    private static void awaitWarmUp() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("tandem-warm-up")) {
                t.join(30_000);
            }
        }
    }
}
