package dev.tandem.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's connection is killed from the server ({@code pg_terminate_backend}, MariaDB
 * {@code KILL CONNECTION}) in the middle of a write that Tandem mirrors, at each point where a half-written change
 * could be left behind:
 * <ul>
 *   <li>{@code BEFORE_MIRROR}: the application's write is done, the mirror's is not (a trigger on the mirror's
 *       target sleeps {@code BEFORE INSERT});</li>
 *   <li>{@code AFTER_MIRROR}: both are written, the statement has not returned ({@code AFTER INSERT});</li>
 *   <li>{@code BEFORE_COMMIT}: the statement returned, the application has not committed yet.</li>
 * </ul>
 * In {@code write-both} and {@code read-new} the mirror writes {@code to}; in {@code write-new} the application's
 * write goes to {@code to} and the mirror keeps {@code from} fresh through {@code down}. Both in the application's
 * own transaction (with an earlier statement that must go too) and, for write-both, in autocommit mode (where
 * Tandem makes the transaction). Each time: the application gets an {@link SQLException}, nothing of the
 * transaction is in {@code from} or in {@code to}, and the pool (HikariCP, one connection, borrowed again at once)
 * hands out a working connection whose writes are mirrored. The failure the application gets names the lost
 * connection, with the real driver's SQLState, in every phase (it was once wrapped into 40000 in read-new, and
 * replaced by "connection closed" in autocommit mode on PostgreSQL).
 */
class ConnectionKilledMidTransactionTest {

    enum Point { BEFORE_MIRROR, AFTER_MIRROR, BEFORE_COMMIT }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TestDatabase db : List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) {
            for (String phase : List.of("write-both", "read-new", "write-new")) {
                for (Point point : Point.values()) {
                    all.add(Arguments.of(db, phase, point, false));
                    if (phase.equals("write-both") && point != Point.BEFORE_COMMIT) {
                        all.add(Arguments.of(db, phase, point, true));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}, killed {2}, autocommit {3}")
    @MethodSource("cases")
    void theTransactionIsGoneWholeAndThePoolRecovers(TestDatabase db, String phase, Point point, boolean autocommit)
            throws Exception {
        db.assumeAvailable();
        ExecutorService app = Executors.newSingleThreadExecutor();
        try (FaultTables t = FaultTables.create(db, phase)) {
            String mirrorTarget = phase.equals("write-new") ? t.from : t.to;
            if (point != Point.BEFORE_COMMIT) {
                t.sleepOnInsert(mirrorTarget, point == Point.BEFORE_MIRROR ? "BEFORE" : "AFTER");
            }
            try (HikariDataSource pool = pool(t)) {
                long killed;
                try (Connection c = pool.getConnection()) {
                    insert(c, t.from, 1, "kept");
                    c.setAutoCommit(autocommit);
                    killed = Sessions.idOf(db, c);
                    if (!autocommit) {
                        insert(c, t.from, 2, "earlier in the transaction");
                    }
                    if (point == Point.BEFORE_COMMIT) {
                        insert(c, t.from, 3, "doomed");
                        Sessions.kill(db, killed);
                        assertConnectionLost(db, assertThrows(SQLException.class, c::commit,
                                "the commit reports the lost connection"));
                    } else {
                        Future<?> write = app.submit(() -> {
                            insert(c, t.from, 3, FaultTables.SLEEP);
                            return null;
                        });
                        Sessions.awaitSleeping(db, killed);
                        Sessions.kill(db, killed);
                        ExecutionException e = assertThrows(ExecutionException.class,
                                () -> write.get(60, TimeUnit.SECONDS), "the statement reports the lost connection");
                        assertConnectionLost(db, assertInstanceOf(SQLException.class, e.getCause()));
                        if (!autocommit) {
                            try {
                                c.rollback(); // what an application does after a failed statement
                            } catch (SQLException expected) {
                                // the connection is gone
                            }
                        }
                    }
                }
                // borrowed again at once: the pool must not hand out the dead connection
                try (Connection c = pool.getConnection()) {
                    assertNotEquals(killed, Sessions.idOf(db, c), "a new session");
                    insert(c, t.from, 4, "after");
                }
            }
            Map<Long, String> expected = Map.of(1L, "kept", 4L, "after");
            assertEquals(expected, t.rows(t.from), "from: nothing of the killed transaction, the rest intact");
            assertEquals(expected, t.rows(t.to), "to: nothing of the killed transaction, the rest intact");
        } finally {
            app.shutdownNow();
        }
    }

    /**
     * The application learns that the connection is gone, as the real driver says it (PostgreSQL: 57P01, the server
     * terminated the session; MariaDB: class 08): not as a rolled-back transaction (40000) that it might retry on the
     * same connection, nor as a later "connection closed" that hides why.
     */
    private static void assertConnectionLost(TestDatabase db, SQLException e) {
        if (db == TestDatabase.POSTGRESQL) {
            assertEquals("57P01", e.getSQLState(), e::toString);
        } else {
            assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), e::toString);
        }
    }

    private static HikariDataSource pool(FaultTables t) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(t.migration);
        config.setJdbcUrl(t.db.tandemUrl());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(10_000);
        t.tandemProperties().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        return new HikariDataSource(config);
    }

    /** The application's write: it always names {@code from}, the old structure. */
    private static void insert(Connection c, String table, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
