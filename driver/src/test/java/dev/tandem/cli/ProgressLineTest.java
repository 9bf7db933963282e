package dev.tandem.cli;

import dev.tandem.backfill.BackfillProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill's progress display: redrawn on a terminal, one plain line every so often otherwise. */
class ProgressLineTest {
    private static BackfillProgress progress(String state, long done, double rate, Duration eta) {
        return new BackfillProgress("m", "forward", state, done, 1_000_000, done, 0, done / 1000, 1000,
                Duration.ofSeconds(10), rate, eta, state.equals("paused") ? "paused by an operator" : null);
    }

    @Test
    void plainLinesEverySoOftenForLogs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Duration.ofSeconds(5), now::get);
        line.accept(progress("running", 1000, 1000, Duration.ofSeconds(999)));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        line.accept(progress("running", 5000, 1250, Duration.ofSeconds(796)));  // too soon: not shown
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        line.accept(progress("running", 6000, 1200, Duration.ofSeconds(3900)));
        line.accept(progress("paused", 6000, 1200, null));                      // a change of state shows at once
        line.accept(progress("done", 1_000_000, 1200, Duration.ZERO));          // the command prints the summary
        assertEquals(String.join("\n",
                "backfill m: 1,000/1,000,000 rows (0.1%), 1,000 rows/s, ETA 16:39",
                "backfill m: 6,000/1,000,000 rows (0.6%), 1,200 rows/s, ETA 1:05:00",
                "backfill m: 6,000/1,000,000 rows (0.6%), 1,200 rows/s [paused: paused by an operator]", ""),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneRedrawnLineOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                Duration.ofSeconds(5), now::get);
        line.accept(progress("running", 500_000, 25_000, Duration.ofSeconds(20)));
        now.addAndGet(Duration.ofMillis(300).toNanos());
        line.accept(progress("done", 1_000_000, 25_000, Duration.ZERO));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r[###############...............] 500,000/1,000,000 rows (50.0%), 25,000 rows/s,"
                + " ETA 20 s\r[##############################] 1,000,000/1,000,000 rows (100.0%), 25,000 rows/s"), out);
        assertTrue(out.endsWith("\n"), "the finished line is ended");
        assertEquals(1, out.chars().filter(ch -> ch == '\n').count(), "one line, redrawn");
    }
}
