package dev.tandem.cli;

import dev.tandem.backfill.BackfillProgress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows a backfill's progress: on a terminal one line redrawn in place ({@code \r}) with a bar, rows done, rate and
 * ETA, at most a few times a second; otherwise (CI, a log file) one plain line every {@code every}.
 */
final class ProgressLine implements Consumer<BackfillProgress> {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private long lastShown = Long.MIN_VALUE;
    private int drawnWidth;
    private String lastState;

    ProgressLine(PrintStream out, boolean terminal, Duration every, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.everyNanos = terminal ? REDRAW_NANOS : every.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void accept(BackfillProgress p) {
        long now = nanoTime.getAsLong();
        boolean stateChanged = !p.state().equals(lastState);
        lastState = p.state();
        boolean done = p.state().equals("done");
        if (!done && !stateChanged && lastShown != Long.MIN_VALUE && now - lastShown < everyNanos) {
            return;
        }
        lastShown = now;
        if (terminal) {
            String line = bar(p) + " " + describe(p);
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            if (done) {
                out.println();
            }
            out.flush();
        } else if (!done) {
            out.println("backfill " + p.migration() + (p.direction().equals("reverse") ? " (reverse)" : "") + ": "
                    + describe(p));
        }
    }

    /** Ends a redrawn line (before an error message, say). */
    void finish() {
        if (terminal && drawnWidth > 0) {
            out.println();
            drawnWidth = 0;
        }
    }

    private static String bar(BackfillProgress p) {
        double pct = p.percent();
        int filled = pct < 0 ? 0 : (int) Math.round(pct / 100 * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    static String describe(BackfillProgress p) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d", p.rowsDone()));
        if (p.rowsTotal() > 0) {
            sb.append(String.format(Locale.ROOT, "/%,d rows (%.1f%%)", p.rowsTotal(), p.percent()));
        } else {
            sb.append(" rows");
        }
        sb.append(String.format(Locale.ROOT, ", %,.0f rows/s", p.rowsPerSecond()));
        if (p.eta() != null && !p.state().equals("done")) {
            sb.append(", ETA ").append(duration(p.eta()));
        }
        if (!p.state().equals("running") && !p.state().equals("done")) {
            sb.append(" [").append(p.state()).append(p.note() == null ? "" : ": " + p.note()).append(']');
        }
        return sb.toString();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
