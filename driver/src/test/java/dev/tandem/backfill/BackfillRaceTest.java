package dev.tandem.backfill;

import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backfill beside live writes: application threads insert, update and delete through the Tandem driver (phase
 * write-both: the driver mirrors each write into {@code to}) while the backfill runs in small batches over the same
 * keys. Afterwards {@code to} must equal {@code up(from)} exactly: no row of the application's overwritten by an
 * older copy, none missing, none left over. And under a steady insert load the backfill still finishes (its
 * high-water mark: later rows are the mirror's).
 */
class BackfillRaceTest {
    private static final int ROWS = 3000;
    private static final int WRITERS = 4;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentWritesThroughTheDriverLeaveNoDrift(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, ROWS);           // written before the mirror was on: only in from
                t.insert(t.to, ROWS + 500, 20);      // stale rows in to
                AtomicInteger nextId = new AtomicInteger(ROWS + 1);
                try (Writers writers = new Writers(f, t, nextId, true)) {
                    writers.awaitOperations(200);
                    BackfillResult r;
                    try (Connection c = f.connect()) {
                        r = Backfill.of(c, t.migration(), BackfillOptions.defaults().batchSize(50)).run();
                    }
                    long during = writers.operations.get();
                    writers.awaitOperations(during + 100);
                    writers.stopAndCheck();
                    System.out.printf("backfill race on %s: %d rows backfilled in %d batches (%d retried), %d"
                                    + " orphans deleted, %d application writes (%d retried by the application)%n",
                            db, r.rowsDone(), r.batches(), r.retries(), r.orphansDeleted(),
                            writers.operations.get(), writers.retries.get());
                    assertTrue(during > 300, "the writers wrote while the backfill ran: " + during);
                }
                t.assertToIsUpOfFrom();
            } finally {
                t.drop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void finishesUnderAHeavyInsertLoad(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, ROWS);
                AtomicInteger nextId = new AtomicInteger(ROWS + 1);
                try (Writers writers = new Writers(f, t, nextId, false)) {
                    writers.awaitOperations(100);
                    BackfillResult r;
                    try (Connection c = f.connect()) {
                        r = Backfill.of(c, t.migration(), BackfillOptions.defaults().batchSize(100)).run();
                    }
                    long atEnd = writers.operations.get();
                    writers.awaitOperations(atEnd + 50); // still inserting: the backfill did not wait for quiet
                    writers.stopAndCheck();
                    assertTrue(r.rowsDone() >= ROWS && r.rowsDone() < nextId.get() - 1,
                            "stopped at its high-water mark: " + r.rowsDone() + " of " + (nextId.get() - 1));
                }
                t.assertToIsUpOfFrom();
            } finally {
                t.drop();
            }
        }
    }

    /** Application threads writing {@code from} through Tandem connections; deadlocks are retried, as apps do. */
    private static final class Writers implements AutoCloseable {
        final AtomicLong operations = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Writers(StateFixture f, BackfillTables t, AtomicInteger nextId, boolean mixed) throws SQLException {
            for (int w = 0; w < WRITERS; w++) {
                Connection c = f.tandem("200ms");
                Random random = new Random(42 + w);
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            step(c, t, nextId, random, mixed);
                            operations.incrementAndGet();
                        } catch (SQLException e) {
                            if (Backfill.retryable(e)) {
                                retries.incrementAndGet();
                                try {
                                    c.rollback();
                                } catch (SQLException ignored) {
                                    // autocommit
                                }
                            } else {
                                failures.add(e.toString());
                                return;
                            }
                        }
                    }
                }, "bf-writer-" + w);
                threads.add(th);
                th.start();
            }
        }

        private static void step(Connection c, BackfillTables t, AtomicInteger nextId, Random random, boolean mixed)
                throws SQLException {
            int dice = mixed ? random.nextInt(100) : 0;
            int id = 1 + random.nextInt(nextId.get() - 1);
            if (dice < 30) {
                int fresh = mixed && dice < 10 ? id : nextId.getAndIncrement(); // mixed: also re-insert old keys
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.from + " (id, name) VALUES (?, ?)")) {
                    ps.setInt(1, fresh);
                    ps.setString(2, "ins-" + random.nextInt(1000));
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e; // a duplicate key is the application's own business
                    }
                }
            } else if (dice < 75) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.from + " SET name = ? WHERE id = ?")) {
                    ps.setString(1, "upd-" + random.nextInt(1000));
                    ps.setInt(2, id);
                    ps.executeUpdate();
                }
            } else if (dice < 90) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.from + " WHERE id = ?")) {
                    ps.setInt(1, id);
                    ps.executeUpdate();
                }
            } else {
                // a multi-row update in a transaction of its own
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.from + " SET name = ? WHERE id BETWEEN ?"
                        + " AND ?")) {
                    ps.setString(1, "rng-" + random.nextInt(1000));
                    ps.setInt(2, id);
                    ps.setInt(3, id + 5);
                    ps.executeUpdate();
                    c.commit();
                } finally {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // committed
                    }
                    c.setAutoCommit(true);
                }
            }
        }

        void awaitOperations(long n) throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (operations.get() < n && failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(failures.isEmpty(), () -> "the application failed: " + failures);
            assertTrue(operations.get() >= n, "the writers made progress: " + operations.get());
        }

        void stopAndCheck() throws InterruptedException {
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
            assertTrue(failures.isEmpty(), () -> "the application failed: " + failures);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
        }
    }
}
