package dev.tandem.cli;

import dev.tandem.rules.Phase;
import dev.tandem.state.ConcurrentChangeException;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.PhaseRefusedException;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tandem phase MIGRATION PHASE}: flips a migration, fleet-wide, if the gates allow it; records it in
 * {@code tandem_history}; waits until every live instance reports it.
 */
final class PhaseCommand implements Command {
    static final String PERCENT = "--percent";
    static final String FORCE = "--force";
    static final String REASON = "--reason";
    static final String BY = CommonOptions.BY;
    static final String WAIT = "--wait";
    static final String STALE_AFTER = "--stale-after";
    static final int DEFAULT_WAIT_SECONDS = 30;

    private final Environment env;

    PhaseCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "phase";
    }

    @Override
    public String summary() {
        return "move a migration to another phase, fleet-wide, and wait until every instance applies it";
    }

    @Override
    public String usage() {
        return "usage: tandem phase MIGRATION PHASE --url URL [--percent N] [--force] [--reason TEXT] [--by NAME]\n"
                + "                   [--wait SECONDS] [--stale-after SECONDS] [--user NAME] [--rules PATH]\n"
                + "  PHASE is one of: " + Phase.idList() + ".\n"
                + "  Moving forward is refused (exit 1) when it skips a phase, when read-new comes before a clean\n"
                + "  verify, when write-new comes before read-new at 100% on every live instance, and for\n"
                + "  contracted (its gate comes with the contract command); --force overrides these. Moving back is\n"
                + "  a rollback and is never refused, except out of contracted, which nothing allows.\n"
                + "  --percent N          the share of reads (read-both: shadowed; read-new: served from the new\n"
                + "                       structure); default 100, or unchanged when the phase stays the same\n"
                + "  --force              move even though a gate refuses (recorded as 'forced')\n"
                + "  --reason TEXT        why, recorded in tandem_history\n"
                + "  --by NAME            who, recorded in tandem_history (default: user@host)\n"
                + "  --wait SECONDS       how long to wait for the live instances to report the new phase (default "
                + DEFAULT_WAIT_SECONDS + ";\n"
                + "                       0: do not wait); exit 1 when some still lag\n"
                + "  --stale-after SECS   an instance whose heartbeat is older is not waited for (default 10)\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments,
                CommonOptions.valueOptions(PERCENT, REASON, BY, WAIT, STALE_AFTER), Set.of(FORCE));
        if (a.positionals().size() != 2) {
            throw new UsageException("expected MIGRATION and PHASE (usage: tandem phase MIGRATION PHASE --url URL"
                    + " [--percent N] [--force])");
        }
        String migration = a.positionals().get(0);
        Phase target;
        try {
            target = Phase.parse(a.positionals().get(1));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Integer percent = a.has(PERCENT) ? a.intValue(PERCENT, 100, 0, 100) : null;
        int waitSeconds = a.intValue(WAIT, DEFAULT_WAIT_SECONDS, 0, 86_400);
        int staleAfter = a.intValue(STALE_AFTER, (int) Fleet.DEFAULT_STALE_AFTER.toSeconds(), 1, 86_400);
        String actor = CommonOptions.actor(a);
        String reason = a.value(REASON);
        CommonOptions common = CommonOptions.from(a, env);

        try (Connection c = common.connect(env)) {
            Fleet fleet = new Fleet(c, common.dialect(c), common.rules())
                    .staleAfter(Duration.ofSeconds(staleAfter));
            Map<String, Boolean> tables = fleet.tables();
            if (!tables.get(ControlSchema.STATE) || !tables.get(ControlSchema.HISTORY)) {
                throw new UsageException("the control tables do not exist on " + common.displayUrl()
                        + ": run 'tandem init' first");
            }
            Fleet.Change change = new Fleet.Change(migration, target, percent, a.flag(FORCE), actor, reason);
            boolean handover = needsKeyHandover(fleet, change, waitSeconds, out, err);
            Fleet.Flip flip;
            try {
                flip = fleet.flip(change);
            } catch (IllegalArgumentException e) {
                endHandoverAfterRefusal(fleet, migration, actor, handover);
                throw new UsageException(e.getMessage());
            } catch (PhaseRefusedException e) {
                endHandoverAfterRefusal(fleet, migration, actor, handover);
                throw new CheckFailedException("refused: " + e.getMessage()
                        + (e.forceable() ? " (--force overrides)" : ""));
            } catch (ConcurrentChangeException e) {
                endHandoverAfterRefusal(fleet, migration, actor, handover);
                throw new CheckFailedException(e.getMessage());
            }
            for (String forced : flip.forcedPast()) {
                err.println("warning: forced past: " + forced);
            }
            var after = flip.after();
            String state = after.phaseText() + " " + after.percent() + "%";
            if (flip.changed()) {
                out.println(migration + ": " + flip.before() + " -> " + state + " (version " + after.version()
                        + ", " + flip.outcome() + ", by " + actor + ")");
            } else {
                out.println(migration + ": already at " + state + " (version " + after.version() + ")");
            }
            if (waitSeconds == 0) {
                return OK;
            }
            out.println("waiting up to " + waitSeconds + " s for every live instance to report " + state + " ...");
            long started = System.nanoTime();
            Fleet.Convergence conv = fleet.awaitConvergence(migration, target, after.percent(),
                    Duration.ofSeconds(waitSeconds));
            double took = (System.nanoTime() - started) / 1e9;
            if (!conv.unaware().isEmpty()) {
                err.println("warning: " + conv.unaware().size() + " live instance(s) do not know '" + migration
                        + "' (it is not in their rules), so they do not apply it: " + ids(conv.unaware()));
            }
            if (!conv.done()) {
                for (InstanceReport i : conv.lagging()) {
                    out.println("  lagging: " + i.describe() + " reports " + i.phases().get(migration));
                }
                throw new CheckFailedException(conv.lagging().size() + " live instance(s) still do not report "
                        + state + " after " + waitSeconds + " s: " + Fleet.describe(conv.lagging(), migration)
                        + " (the change itself is recorded, version " + after.version() + ")");
            }
            String ignored = conv.stale() == 0 ? "" : "; " + conv.stale() + " stale instance(s) ignored";
            if (conv.converged().isEmpty()) {
                out.println("converged: no live instance applies '" + migration + "' (nothing to wait for)" + ignored);
            } else {
                out.printf("converged: %d live instance(s) report %s (%.1f s)%s%n", conv.converged().size(), state,
                        took, ignored);
            }
            if (after.handover() != null) {
                finishKeyHandover(fleet, migration, target, after.version(), actor, waitSeconds, out);
            }
            return OK;
        }
    }

    /**
     * Starts a key handover when the flip needs one ({@link Fleet#needsKeyHandover}), and waits until every live
     * instance takes it up; returns whether one was started. Gates are checked first, so that a refused flip leaves
     * nothing behind.
     */
    private static boolean needsKeyHandover(Fleet fleet, Fleet.Change change, int waitSeconds, PrintStream out,
                                            PrintStream err) throws Exception {
        Fleet.Standing before;
        int percent;
        try {
            before = fleet.standing(change.migration());
            percent = Fleet.percentFor(change, before);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (before.phase() == change.target() || !fleet.needsKeyHandover(before, change.target())) {
            return false;
        }
        var refused = fleet.gates(before, change.target(), percent);
        if (refused.isPresent() && !(change.force() && refused.get().forceable())) {
            return false; // the flip refuses it, with its own message
        }
        String tables = before.migration().from().sql() + " and " + before.migration().to().sql();
        if (waitSeconds == 0) {
            err.println("warning: no key handover with --wait 0: " + tables + " each generate keys (AUTO_INCREMENT),"
                    + " and until every instance applies the flip, inserts of the two phases can take the same key"
                    + " (one fails as a deadlock victim)");
            return false;
        }
        out.println("key handover: " + tables + " each generate keys (AUTO_INCREMENT); until no instance runs "
                + before.phaseText() + " any more, every insert into " + before.migration().from().sql()
                + " takes the migration's key lock around itself and its mirror");
        Fleet.Convergence seen;
        try {
            seen = fleet.beginKeyHandover(change.migration(), change.actor(), "key handover for the move to "
                    + change.target(), Duration.ofSeconds(waitSeconds));
        } catch (ConcurrentChangeException | IllegalStateException e) {
            throw new CheckFailedException(e.getMessage());
        }
        if (!seen.done()) {
            throw new CheckFailedException("the key handover did not start: " + seen.lagging().size() + " live"
                    + " instance(s) did not take it up within " + waitSeconds + " s: "
                    + Fleet.describe(seen.lagging(), change.migration()) + "; nothing was flipped");
        }
        return true;
    }

    private static void endHandoverAfterRefusal(Fleet fleet, String migration, String actor, boolean started)
            throws Exception {
        if (started) {
            fleet.endKeyHandover(migration, actor, "the flip it was for did not happen");
        }
    }

    /**
     * After a flip during a key handover: waits until no instance runs a transaction of an older version, then ends
     * the handover. When some still do, the handover goes on (inserts keep taking the lock, which is safe) and the
     * command fails, saying to run it again.
     */
    private static void finishKeyHandover(Fleet fleet, String migration, Phase target, long version, String actor,
                                          int waitSeconds, PrintStream out) throws Exception {
        if (waitSeconds == 0) {
            return;
        }
        out.println("key handover: waiting up to " + waitSeconds + " s until no instance runs a transaction of an"
                + " earlier phase ...");
        Fleet.Drain drained = fleet.awaitDrain(migration, version, Duration.ofSeconds(waitSeconds));
        if (!drained.done()) {
            throw new CheckFailedException("the flip is done (version " + version + "), but the key handover goes on:"
                    + " " + drained.lagging().size() + " live instance(s) still run transactions of an earlier phase: "
                    + Fleet.describe(drained.lagging(), migration) + ". Inserts keep taking the key lock meanwhile;"
                    + " run 'tandem phase " + migration + " " + target.id() + "' again to end it once they are done");
        }
        try {
            fleet.endKeyHandover(migration, actor, "no instance runs an earlier phase any more");
        } catch (ConcurrentChangeException e) {
            throw new CheckFailedException(e.getMessage());
        }
        out.println("key handover: finished");
    }

    private static String ids(List<InstanceReport> instances) {
        StringBuilder sb = new StringBuilder();
        for (InstanceReport i : instances) {
            sb.append(sb.length() == 0 ? "" : "; ").append(i.describe());
        }
        return sb.toString();
    }
}
