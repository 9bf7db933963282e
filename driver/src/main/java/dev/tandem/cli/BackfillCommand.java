package dev.tandem.cli;

import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.backfill.BackfillRefusedException;
import dev.tandem.backfill.BackfillResult;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.StateStore;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tandem backfill MIGRATION}: derives {@code to} from {@code from} (or the reverse) for every existing row, in
 * keyset batches beside the live writes; or, with {@code --pause} / {@code --resume}, pauses or resumes a running one.
 * A shell over {@link Backfill}.
 */
final class BackfillCommand implements Command {
    static final String BATCH = "--batch";
    static final String MAX_RATE = "--max-rate";
    static final String REVERSE = "--reverse";
    static final String PAUSE = "--pause";
    static final String RESUME = "--resume";
    static final String RESTART = "--restart";
    static final String FORCE = "--force";
    static final String LATENCY_BUDGET = "--latency-budget";
    static final String MAX_REPLICA_LAG = "--max-replica-lag";
    static final String PROGRESS_EVERY = "--progress-every";
    static final String BY = CommonOptions.BY;

    private final Environment env;

    BackfillCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String summary() {
        return "copy every existing row into the new structure, in batches, beside the live writes";
    }

    @Override
    public String usage() {
        return "usage: tandem backfill MIGRATION --url URL --rules PATH [--batch N] [--max-rate ROWS_PER_S] [--reverse]\n"
                + "                      [--latency-budget MS] [--max-replica-lag SECONDS] [--restart] [--force]\n"
                + "                      [--progress-every SECONDS] [--by NAME] [--user NAME]\n"
                + "       tandem backfill MIGRATION --url URL (--pause | --resume) [--reverse]\n"
                + "  Makes to = up(from) for every row of from up to its greatest key when the run starts (rows after\n"
                + "  it are the mirror's), in keyset batches of one short transaction each; deletes rows of to whose\n"
                + "  row in from is gone. Needs phase write-both, read-both or read-new (--reverse: write-new, making\n"
                + "  from = down(to)). A checkpoint per batch in tandem_backfill: run it again after a crash and it\n"
                + "  resumes; once finished, it starts over (running it twice changes nothing).\n"
                + "  --batch N              rows per batch (default " + BackfillOptions.DEFAULT_BATCH + ")\n"
                + "  --max-rate ROWS_PER_S  at most this many rows per second (default: no limit)\n"
                + "  --reverse              derive from from to through down (phase write-new)\n"
                + "  --latency-budget MS    a slower batch halves the batch size and waits (default "
                + BackfillOptions.DEFAULT_LATENCY_BUDGET.toMillis() + ")\n"
                + "  --max-replica-lag S    PostgreSQL: wait while a replica lags more (default "
                + BackfillOptions.DEFAULT_MAX_REPLICA_LAG.toSeconds() + ")\n"
                + "  --restart              start over instead of resuming an unfinished run\n"
                + "  --force                run even though the phase or the fleet does not mirror writes\n"
                + "  --progress-every S     without a terminal: one progress line every S seconds (default 5)\n"
                + "  --by NAME              who, recorded in tandem_history (default: user@host)\n"
                + "  --pause / --resume     ask the running backfill to pause after its batch, or to go on\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments,
                CommonOptions.valueOptions(BATCH, MAX_RATE, LATENCY_BUDGET, MAX_REPLICA_LAG, PROGRESS_EVERY, BY),
                Set.of(REVERSE, PAUSE, RESUME, RESTART, FORCE));
        if (a.positionals().size() != 1) {
            throw new UsageException("expected one MIGRATION (usage: tandem backfill MIGRATION --url URL --rules PATH)");
        }
        String id = a.positionals().get(0);
        boolean reverse = a.flag(REVERSE);
        if (a.flag(PAUSE) && a.flag(RESUME)) {
            throw new UsageException("--pause and --resume exclude each other");
        }
        int batch = a.intValue(BATCH, BackfillOptions.DEFAULT_BATCH, 1, 1_000_000);
        int maxRate = a.intValue(MAX_RATE, 0, 1, Integer.MAX_VALUE);
        int budget = a.intValue(LATENCY_BUDGET, (int) BackfillOptions.DEFAULT_LATENCY_BUDGET.toMillis(), 1, 3_600_000);
        int replicaLag = a.intValue(MAX_REPLICA_LAG, (int) BackfillOptions.DEFAULT_MAX_REPLICA_LAG.toSeconds(), 1,
                86_400);
        int every = a.intValue(PROGRESS_EVERY, 5, 1, 3600);
        String actor = CommonOptions.actor(a);
        CommonOptions common = CommonOptions.from(a, env);

        if (a.flag(PAUSE) || a.flag(RESUME)) {
            boolean pause = a.flag(PAUSE);
            try (Connection c = common.connect(env)) {
                requireControlTables(c, common);
                if (!Backfill.setPaused(c, id, reverse, pause)) {
                    throw new UsageException("no " + (reverse ? "reverse " : "") + "backfill of '" + id
                            + "' has started on " + common.displayUrl() + ": nothing to " + (pause ? "pause" : "resume"));
                }
            }
            out.println(id + ": backfill" + (reverse ? " (reverse)" : "") + (pause
                    ? " asked to pause (it stops after its current batch; 'tandem backfill " + id + " --resume' goes on)"
                    : " asked to resume"));
            return OK;
        }

        RuleSet rules = common.rules();
        if (!common.hasRules()) {
            throw new UsageException("the backfill needs the migration's rules: give --rules (or TANDEM_RULES)");
        }
        Migration migration = CommonOptions.migration(rules, id);
        BackfillOptions options = BackfillOptions.defaults().reverse(reverse).batchSize(batch).maxRate(maxRate)
                .latencyBudget(Duration.ofMillis(budget)).maxReplicaLag(Duration.ofSeconds(replicaLag))
                .restart(a.flag(RESTART)).force(a.flag(FORCE)).actor(actor);
        ProgressLine progress = new ProgressLine(out, env.console() != null, Duration.ofSeconds(every),
                System::nanoTime);
        try (Connection c = common.connect(env)) {
            requireControlTables(c, common);
            BackfillResult r;
            try {
                r = Backfill.of(c, migration, options).listener(progress).run();
            } catch (BackfillRefusedException e) {
                throw new UsageException(e.getMessage() + (e.forceable() ? " (--force overrides)" : ""));
            } catch (SQLException e) {
                progress.finish();
                throw new CheckFailedException("backfill of '" + id + "' stopped: " + TandemCli.oneLine(e)
                        + " (the checkpoint is kept: run it again to resume)");
            }
            out.println(String.format(Locale.ROOT, "backfill of %s%s done%s: %,d rows in %s (%,.0f rows/s), %,d"
                            + " stale rows deleted, %,d batches, %,d retried",
                    id, reverse ? " (reverse)" : "", r.resumed() ? " (resumed)" : "", r.rowsDone(),
                    seconds(r.elapsed()), r.rowsPerSecond(), r.orphansDeleted(), r.batches(), r.retries()));
            return OK;
        }
    }

    private static void requireControlTables(Connection c, CommonOptions common) throws Exception {
        if (!StateStore.forConnection(c).exists(c, ControlSchema.BACKFILL)) {
            throw new UsageException("the control tables do not exist on " + common.displayUrl()
                    + ": run 'tandem init' first");
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
