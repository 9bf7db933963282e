package dev.tandem.faults;

import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The mirror's target fails under a running application, on every database:
 * <ul>
 *   <li>{@code DROPPED_COLUMN}: a column the mirror writes is dropped from {@code to} after the engine started;</li>
 *   <li>{@code CONSTRAINT}: a row violates a unique constraint that only {@code to} has;</li>
 *   <li>{@code LOCKED}: another transaction holds the row of {@code to} the mirror must write, past the lock timeout
 *       (PostgreSQL {@code lock_timeout}, MariaDB {@code innodb_lock_wait_timeout}, H2 {@code LOCK_TIMEOUT}).</li>
 * </ul>
 * Best effort ({@code write-both}): the application's transaction commits whole, its writes stand in {@code from},
 * each failed mirror is counted in {@code tandem.mirror.failures}, and the application goes on writing. Strict
 * ({@code read-new}): the statement fails with SQLState 40000, nothing of the transaction is left in {@code from} or
 * {@code to}, and the failure is counted.
 */
class MirrorTargetFailsTest {

    enum Fault { DROPPED_COLUMN, CONSTRAINT, LOCKED }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            for (String phase : List.of("write-both", "read-new")) {
                for (Fault fault : Fault.values()) {
                    all.add(Arguments.of(db, phase, fault));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("cases")
    void bestEffortKeepsServingAndCountsStrictRollsBackWhole(TestDatabase db, String phase, Fault fault)
            throws Exception {
        db.assumeAvailable();
        boolean strict = phase.equals("read-new");
        try (FaultTables t = FaultTables.create(db, phase, fault == Fault.CONSTRAINT ? ", UNIQUE (name)" : "");
             Connection app = DriverManager.getConnection(db.tandemUrl(), t.tandemProperties());
             Connection locker = db.connect()) {
            insert(app, t.from, 1, "a");
            setLockTimeout(db, app);
            switch (fault) {
                case DROPPED_COLUMN -> exec(locker, "ALTER TABLE " + t.to + " DROP COLUMN name");
                case LOCKED -> {
                    locker.setAutoCommit(false);
                    exec(locker, "SELECT id FROM " + t.to + " WHERE id = 1 FOR UPDATE");
                }
                default -> {
                }
            }
            long failuresBefore = failures(app, t);
            app.setAutoCommit(false);
            Runnable transaction = () -> {
                try {
                    insert(app, t.from, 3, "c");
                    if (fault == Fault.CONSTRAINT) {
                        insert(app, t.from, 2, "a"); // `to` already has a row named 'a'
                    } else {
                        update(app, t.from, 1, "b");
                    }
                } catch (SQLException e) {
                    throw new WrappedFailure(e);
                }
            };
            if (strict) {
                WrappedFailure e = assertThrows(WrappedFailure.class, transaction::run, "the statement fails");
                assertEquals("40000", e.failure.getSQLState(), e.failure::toString);
                app.rollback();
                assertEquals(1, failures(app, t) - failuresBefore, "counted");
                release(locker, fault);
                assertEquals(Map.of(1L, "a"), t.rows(t.from), "from: nothing of the transaction");
                assertToIs(t, fault, Map.of(1L, "a"));
                return;
            }
            transaction.run();
            app.commit();
            release(locker, fault);
            assertEquals(fault == Fault.DROPPED_COLUMN ? 2 : 1, failures(app, t) - failuresBefore,
                    "each failed mirror counted");
            app.setAutoCommit(true);
            insert(app, t.from, 4, "d");
            Map<Long, String> from = fault == Fault.CONSTRAINT
                    ? Map.of(1L, "a", 2L, "a", 3L, "c", 4L, "d")
                    : Map.of(1L, "b", 3L, "c", 4L, "d");
            assertEquals(from, t.rows(t.from), "every application write stands, and the application goes on");
            assertToIs(t, fault, Map.of(1L, "a", 3L, "c", 4L, "d"));
        }
    }

    /** {@code to} as expected; without its {@code name} column, only its ids ({@code to} lost the mirror of 3). */
    private static void assertToIs(FaultTables t, Fault fault, Map<Long, String> expected) throws SQLException {
        if (fault != Fault.DROPPED_COLUMN) {
            assertEquals(expected, t.rows(t.to), "to");
            return;
        }
        Set<Long> ids = new java.util.TreeSet<>();
        try (Connection c = t.db.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT id FROM " + t.to)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        assertEquals(Set.of(1L), ids, "to: only the row written before the column was dropped");
    }

    private static void release(Connection locker, Fault fault) throws SQLException {
        if (fault == Fault.LOCKED) {
            locker.rollback();
        }
    }

    /** A short lock timeout on the application's session (a statement naming no migrated table passes through). */
    private static void setLockTimeout(TestDatabase db, Connection app) throws SQLException {
        exec(app, switch (db) {
            case POSTGRESQL -> "SET lock_timeout = '300ms'";
            case MARIADB -> "SET SESSION innodb_lock_wait_timeout = 1";
            case H2 -> "SET LOCK_TIMEOUT 300";
        });
    }

    private static long failures(Connection app, FaultTables t) throws SQLException {
        TandemEngine engine = app.unwrap(TandemConnection.class).engine();
        return engine.meters(engine.rules().migration(t.migration).orElseThrow()).mirrorFailures();
    }

    private static void insert(Connection c, String table, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static void update(Connection c, String table, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static final class WrappedFailure extends RuntimeException {
        final SQLException failure;

        WrappedFailure(SQLException failure) {
            super(failure);
            this.failure = failure;
        }
    }
}
