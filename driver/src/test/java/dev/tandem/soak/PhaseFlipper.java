package dev.tandem.soak;

import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.backfill.BackfillRefusedException;
import dev.tandem.backfill.BackfillResult;
import dev.tandem.cli.Cli;
import dev.tandem.rules.Migration;
import dev.tandem.state.StateFixture;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator of the soak: walks the migration forward and back through every reversible phase at random, one step
 * every few seconds, with the CLI ({@code tandem phase ... --wait}), and runs the backfill beside it (the Java API,
 * forward in write-both/read-both/read-new, reverse in write-new) in a loop of its own.
 *
 * <p>It follows the runbook: after {@code off}, {@code to} has drifted, so it moves past write-both only once a
 * backfill that started after the return to write-both has finished; and it flips to read-new only after
 * {@code tandem verify} found the structures equal (the CLI's own gate). write-new comes only from read-new at
 * 100 %.
 */
final class PhaseFlipper {
    static final List<String> PHASES = List.of("off", "write-both", "read-both", "read-new", "write-new");
    /** "N rows in" of the verify command's summary line (grouped digits). */
    private static final Pattern ROWS = Pattern.compile("([0-9][0-9,.\\u00a0\\u202f]*) rows in");

    private final StateFixture fixture;
    private final String migration;
    private final Migration rules;
    private final SoakFigures figures;
    private final Random random;
    private final Object lock = new Object();
    /** Held by a backfill run; a flip into or out of write-new waits for it. */
    private final ReentrantLock backfillRun = new ReentrantLock();
    /** Index into {@link #PHASES}: the phase the whole fleet reports (each flip waits for it). */
    private volatile int phase;
    private volatile int percent = 100;
    /** Incremented at every return from off to write-both: the backfill must run again after each. */
    private volatile long epoch;
    private volatile long backfilledEpoch = -1;
    private final List<String> walk = new ArrayList<>();

    PhaseFlipper(StateFixture fixture, String migration, Migration rules, SoakFigures figures, long seed) {
        this.fixture = fixture;
        this.migration = migration;
        this.rules = rules;
        this.figures = figures;
        this.random = new Random(seed);
    }

    /** The phases visited, in order (with percents). */
    List<String> walk() {
        synchronized (walk) {
            return List.copyOf(walk);
        }
    }

    /** One random step (or none, when a gate says wait). */
    void step() {
        if (phase == 1 && backfilledEpoch != epoch) {
            return; // back from off: stay in write-both until the backfill has run (else the walk never gets higher)
        }
        int next;
        if (phase == 0) {
            next = 1;
        } else if (phase == PHASES.size() - 1) {
            next = phase - 1;
        } else {
            next = random.nextInt(10) < 6 ? phase + 1 : phase - 1;
        }
        if (next == 3 && !verifyClean()) {
            return;
        }
        if (next == 4 && percent != 100) {
            flip(3, 100); // write-new needs read-new at 100 % first
            return;
        }
        int pct = next == 2 || next == 3 ? (random.nextBoolean() ? 50 : 100) : 100;
        flip(next, pct);
    }

    /** Back (or forward) to write-both, step by step, and a backfill if the last return from off needs one. */
    void settleInWriteBoth() throws Exception {
        while (phase != 1) {
            flip(phase < 1 ? phase + 1 : phase - 1, 100);
        }
        if (backfilledEpoch != epoch) {
            backfill(true);
        }
    }

    private boolean verifyClean() {
        Cli.Result r = fixture.cliWithRules("verify", migration, "--by", "soak");
        figures.verifyRuns.increment();
        Matcher rows = ROWS.matcher(r.out());
        if (rows.find()) {
            figures.rowsVerified.add(Long.parseLong(rows.group(1).replaceAll("\\D", "")));
        }
        if (r.code() != 0) {
            figures.drift(1, "tandem verify before read-new, after " + walk() + ": " + r);
            return false;
        }
        return true;
    }

    private void flip(int next, int pct) {
        List<String> args = new ArrayList<>(List.of(migration, PHASES.get(next), "--reason", "soak", "--by", "soak",
                "--wait", "30"));
        if (next == 2 || next == 3) {
            args.addAll(List.of("--percent", Integer.toString(pct)));
        }
        // A backfill must not span a flip into or out of write-new, where the application's writes take their locks
        // in the other order (to, then from): see reliability.md. The flip waits for the running backfill.
        boolean acrossWriteNew = next == 4 || phase == 4;
        if (acrossWriteNew) {
            backfillRun.lock();
        }
        try {
            flipNow(next, pct, args);
        } finally {
            if (acrossWriteNew) {
                backfillRun.unlock();
            }
        }
    }

    private void flipNow(int next, int pct, List<String> args) {
        synchronized (lock) {
            Cli.Result r = fixture.cliWithRules("phase", args.toArray(new String[0]));
            if (r.code() != 0) {
                figures.unexpected("flip to " + PHASES.get(next) + " " + pct + "%: " + r);
                return;
            }
            if (r.out().contains("key handover: finished")) {
                figures.keyHandovers.increment();
            }
            if (phase == 0 && next == 1) {
                epoch++;
            }
            phase = next;
            percent = pct;
        }
        figures.flips.increment();
        synchronized (walk) {
            walk.add(PHASES.get(next) + (next == 2 || next == 3 ? " " + pct + "%" : ""));
        }
    }

    /**
     * One backfill run fitting the current phase: forward in write-both to read-new, reverse in write-new, none when
     * off. Returns false when there was nothing to run.
     */
    boolean backfill(boolean onlyWhenNeeded) throws Exception {
        long startedEpoch;
        boolean reverse;
        synchronized (lock) {
            if (phase == 0 || onlyWhenNeeded && (phase == 4 || backfilledEpoch == epoch)) {
                return false;
            }
            startedEpoch = epoch;
            reverse = phase == 4;
        }
        backfillRun.lock();
        try (Connection c = fixture.connect()) {
            if (reverse != (phase == 4)) {
                return false; // the phase crossed write-new since the check
            }
            BackfillResult r = Backfill.of(c, rules, BackfillOptions.defaults().batchSize(200).reverse(reverse)
                    .actor("soak")).run();
            figures.backfillRuns.increment();
            figures.backfillRows.add(r.rowsThisRun());
            figures.backfillRetries.add(r.retries());
            if (!reverse && startedEpoch > backfilledEpoch) {
                backfilledEpoch = startedEpoch;
            }
            return true;
        } catch (BackfillRefusedException | dev.tandem.backfill.BackfillStoppedException e) {
            figures.backfillRefused.increment(); // the phase moved between the check and the run, or during it
            return false;
        } finally {
            backfillRun.unlock();
        }
    }
}
