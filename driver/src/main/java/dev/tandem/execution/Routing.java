package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.metrics.MigrationMeters.Kind;
import dev.tandem.metrics.MigrationMeters.Path;
import dev.tandem.plan.StatementPlan;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.state.PhaseSnapshot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with one execution of a planned statement, given the phases in force: run it as sent, run it and
 * mirror it, or refuse it. Counts the statement in {@code tandem.statements} on the way.
 */
public final class Routing {
    /** The possible courses. */
    public enum Action { AS_SENT, MIRROR, REFUSE }

    private static final Routing AS_SENT = new Routing(Action.AS_SENT, List.of(), false, null);

    private final Action action;
    private final List<Migration> active;
    private final boolean strict;
    private final String refusal;

    private Routing(Action action, List<Migration> active, boolean strict, String refusal) {
        this.action = action;
        this.active = active;
        this.strict = strict;
        this.refusal = refusal;
    }

    public static Routing of(StatementPlan plan, PhaseSnapshot phases, TandemEngine engine) {
        switch (plan.kind()) {
            case UNRELATED:
                return AS_SENT;
            case READ:
                count(plan, engine, Kind.READ, Path.AS_SENT);
                return AS_SENT;
            case OTHER:
                count(plan, engine, Kind.OTHER, Path.AS_SENT);
                return AS_SENT;
            case UNSUPPORTED:
                return unsupported(plan, phases, engine);
            case WRITE:
            default:
                List<Migration> active = new ArrayList<>(plan.write().migrations().size());
                boolean strict = false;
                for (Migration m : plan.write().migrations()) {
                    Phase phase = phases.of(m).phase();
                    boolean mirrored = phase.mirrorsWrites() || phase == Phase.WRITE_NEW;
                    if (mirrored && plan.write().needsMirror(m) && engine.sync(m) != null) {
                        active.add(m);
                        strict |= phase.newStoreAuthoritative();
                    }
                    engine.meters(m).statement(Kind.WRITE, mirrored ? Path.MIRRORED : Path.AS_SENT);
                }
                return active.isEmpty() ? AS_SENT : new Routing(Action.MIRROR, List.copyOf(active), strict, null);
        }
    }

    private static Routing unsupported(StatementPlan plan, PhaseSnapshot phases, TandemEngine engine) {
        Kind kind = plan.mayWrite() ? Kind.WRITE : Kind.READ;
        for (Migration m : plan.migrations()) {
            Phase phase = phases.of(m).phase();
            MigrationMeters meters = engine.meters(m);
            if (plan.mayWrite() && phase.newStoreAuthoritative()) {
                meters.unsupported();
                meters.statement(kind, Path.REFUSED);
                return new Routing(Action.REFUSE, List.of(), true, "Tandem refuses this statement: migration '"
                        + m.id() + "' is at " + phase + ", where " + m.to().sql() + " is authoritative, and a write"
                        + " to " + m.from().sql() + " that cannot be mirrored would be lost there (" + plan.reason()
                        + ")");
            }
            if (phase != Phase.OFF && plan.mayWrite()) {
                meters.unsupported();
                meters.statement(kind, Path.UNMIRRORED);
                engine.statementLog().warnOnce(m.id() + "|" + plan.reason(), "statement naming " + m.from().sql()
                        + " passes through unmirrored (migration '" + m.id() + "', " + phase + "): "
                        + plan.reason() + ". The backfill repairs the new structure; 'tandem lint' lists such"
                        + " statements. Logged once per reason.");
            } else {
                meters.statement(kind, Path.AS_SENT);
            }
        }
        return AS_SENT;
    }

    private static void count(StatementPlan plan, TandemEngine engine, Kind kind, Path path) {
        for (Migration m : plan.migrations()) {
            engine.meters(m).statement(kind, path);
        }
    }

    public Action action() {
        return action;
    }

    /** The migrations whose phase mirrors this write. */
    public List<Migration> active() {
        return active;
    }

    /** Whether a failed mirror must fail the statement. */
    public boolean strict() {
        return strict;
    }

    /** The error for a refused statement. */
    public SQLException refusal() {
        return new SQLException(refusal, "0A000");
    }
}
