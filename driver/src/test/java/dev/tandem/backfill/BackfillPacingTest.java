package dev.tandem.backfill;

import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backfill waits as its throttle says, with a clock and a replica-lag source of the test's own: what it slept is
 * recorded, never measured. And on PostgreSQL the real replica query runs (there are no replicas here: it finds none).
 */
class BackfillPacingTest {

    /** A clock that moves only when the backfill sleeps. */
    private static final class FakeClock implements Backfill.Clock {
        long now;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            if (!d.isZero()) {
                sleeps.add(d);
                now += d.toNanos();
            }
        }
    }

    @Test
    void maxRateAndReplicaLagDecideTheWaits() throws Exception {
        try (StateFixture f = StateFixture.shared(TestDatabase.H2)) {
            BackfillTables t = BackfillTables.create(f, "write-both", false);
            try {
                t.insert(t.from, 1, 1000);
                FakeClock clock = new FakeClock();
                AtomicInteger asked = new AtomicInteger();
                List<BackfillProgress> seen = new ArrayList<>();
                // the replica lags 30 s on the first two questions, then catches up
                ReplicaLag lag = c -> asked.incrementAndGet() <= 2 ? Duration.ofSeconds(30) : Duration.ofMillis(5);
                BackfillResult r;
                try (Connection c = f.connect()) {
                    r = Backfill.of(c, t.migration(), BackfillOptions.defaults().batchSize(200).maxRate(1000)
                                    .maxReplicaLag(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(2)))
                            .clock(clock).replicaLag(lag).listener(seen::add).run();
                }
                // two waits for the replica, each halving the batch (200 -> 100 -> 50); then each batch owes its rows
                // at 1000 rows/s, and the batch grows by a quarter after every 5 fast ones (the fake clock makes
                // every batch take no time): 5 x 50, 5 x 62, 5 x 77, then 55 rows are left: the last batch
                List<Duration> expected = new ArrayList<>(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)));
                for (int size : new int[]{50, 62, 77}) {
                    for (int i = 0; i < 5; i++) {
                        expected.add(Duration.ofMillis(size));
                    }
                }
                assertEquals(expected, clock.sleeps);
                assertEquals(1000, r.rowsDone());
                assertEquals(16, r.batches());
                assertEquals(Duration.ofMillis(4000 + 5 * (50 + 62 + 77)), r.elapsed());
                assertTrue(seen.get(0).state().equals("throttled") && seen.get(0).note().contains("replica lags"),
                        seen.get(0).toString());
                t.assertToIsUpOfFrom();
            } finally {
                t.drop();
            }
        }
    }

    @Test
    void theReplicaQueryRunsOnPostgreSqlAndFindsNoReplica() throws Exception {
        TestDatabase.POSTGRESQL.assumeAvailable();
        try (Connection c = TestDatabase.POSTGRESQL.connect()) {
            assertEquals(null, ReplicaLag.of(dev.tandem.sql.Dialect.POSTGRESQL).worst(c));
        }
        assertEquals(null, ReplicaLag.of(dev.tandem.sql.Dialect.MARIADB).worst(null));
    }
}
