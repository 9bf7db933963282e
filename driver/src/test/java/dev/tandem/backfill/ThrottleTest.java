package dev.tandem.backfill;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle's decisions, from numbers alone. */
class ThrottleTest {
    private static final Duration BUDGET = Duration.ofMillis(500);

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void noLimitsNoWaiting() {
        Throttle t = new Throttle(1000, 0, BUDGET, null, ms(1000));
        Throttle.Decision d = t.afterBatch(1000, ms(100));
        assertEquals(1000, d.batchSize());
        assertEquals(Duration.ZERO, d.pause());
        assertNull(d.reason());
        assertEquals(Duration.ZERO, t.beforeBatch(Duration.ofHours(1)).pause(), "no replica limit: never waits");
    }

    @Test
    void maxRateWaitsWhatTheBatchOwes() {
        Throttle t = new Throttle(1000, 2000, BUDGET, null, ms(1000));
        // 1000 rows at 2000 rows/s take 500 ms; the batch took 120 ms: wait 380 ms
        Throttle.Decision d = t.afterBatch(1000, ms(120));
        assertEquals(ms(380), d.pause());
        assertTrue(d.reason().contains("rate limit 2000 rows/s"), d.reason());
        assertEquals(Duration.ZERO, t.afterBatch(1000, ms(499)).pause().minus(ms(1)), "owes 1 ms");
        assertEquals(Duration.ZERO, t.afterBatch(0, ms(10)).pause(), "an empty batch owes nothing");
    }

    @Test
    void aSlowBatchHalvesTheBatchAndWaitsAsLongAsItTook() {
        Throttle t = new Throttle(1000, 0, BUDGET, null, ms(1000));
        Throttle.Decision d = t.afterBatch(1000, ms(800));
        assertEquals(500, d.batchSize());
        assertEquals(ms(800), d.pause());
        assertTrue(d.reason().contains("over the 500 ms budget"), d.reason());
        assertEquals(250, t.afterBatch(500, ms(900)).batchSize());
        for (int i = 0; i < 10; i++) {
            t.afterBatch(10, ms(5000));
        }
        assertEquals(Throttle.MIN_BATCH, t.batchSize(), "never below the minimum");
    }

    @Test
    void recoversSlowlyAfterFastBatches() {
        Throttle t = new Throttle(1000, 0, BUDGET, null, ms(1000));
        t.afterBatch(1000, ms(600)); // 500
        t.afterBatch(500, ms(600));  // 250
        assertEquals(250, t.batchSize());
        for (int i = 1; i < Throttle.RECOVERY_STREAK; i++) {
            assertEquals(250, t.afterBatch(250, ms(100)).batchSize(), "not after " + i + " fast batch(es)");
        }
        assertEquals(312, t.afterBatch(250, ms(100)).batchSize(), "a quarter more after a streak of fast ones");
        for (int i = 0; i < Throttle.RECOVERY_STREAK - 1; i++) {
            t.afterBatch(312, ms(100));
        }
        t.afterBatch(312, ms(300)); // within budget but not fast: the streak starts again
        for (int i = 0; i < Throttle.RECOVERY_STREAK - 1; i++) {
            assertEquals(312, t.afterBatch(312, ms(100)).batchSize());
        }
        assertEquals(390, t.afterBatch(312, ms(100)).batchSize());
        for (int i = 0; i < 100; i++) {
            t.afterBatch(t.batchSize(), ms(1));
        }
        assertEquals(1000, t.batchSize(), "back to the size asked for, never more");
    }

    @Test
    void aLaggingReplicaMakesItWaitAndShrink() {
        Throttle t = new Throttle(1000, 0, BUDGET, Duration.ofSeconds(10), ms(1500));
        assertEquals(Duration.ZERO, t.beforeBatch(null).pause(), "no replicas");
        assertEquals(Duration.ZERO, t.beforeBatch(Duration.ofSeconds(10)).pause(), "at the limit is fine");
        Throttle.Decision d = t.beforeBatch(Duration.ofSeconds(12));
        assertEquals(ms(1500), d.pause());
        assertEquals(500, d.batchSize());
        assertTrue(d.reason().contains("12000 ms behind, over the 10000 ms limit"), d.reason());
        assertEquals(Duration.ZERO, t.beforeBatch(Duration.ofSeconds(3)).pause());
    }

    @Test
    void theSlowerOfRateAndLatencyWins() {
        Throttle t = new Throttle(100, 10, BUDGET, null, ms(1000));
        // 100 rows at 10 rows/s owe 10 s minus 600 ms; the slow batch alone would wait 600 ms
        Throttle.Decision d = t.afterBatch(100, ms(600));
        assertEquals(ms(9400), d.pause());
        assertEquals(50, d.batchSize());
        assertTrue(d.reason().contains("budget"), d.reason());
    }
}
