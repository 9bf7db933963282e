package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.metrics.MigrationMeters.Kind;
import dev.tandem.metrics.MigrationMeters.Path;
import dev.tandem.plan.StatementPlan;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.state.MigrationState;
import dev.tandem.state.PhaseSnapshot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with one execution of a planned statement, given the phases in force (PRODUCT.md §3). Counts the
 * statement in {@code tandem.statements} on the way.
 *
 * <table>
 *   <caption>by phase</caption>
 *   <tr><th>phase</th><th>a write naming {@code from}</th><th>a read naming {@code from}</th></tr>
 *   <tr><td>off</td><td>as sent</td><td>as sent</td></tr>
 *   <tr><td>write-both</td><td>as sent + mirror (best effort)</td><td>as sent</td></tr>
 *   <tr><td>read-both</td><td>as in write-both</td><td>as sent; {@code percent}% also shadowed</td></tr>
 *   <tr><td>read-new</td><td>as sent + mirror (strict)</td><td>{@code percent}% of transactions from {@code to}</td></tr>
 *   <tr><td>write-new</td><td>translated onto {@code to} + {@code from} kept fresh through {@code down}</td>
 *       <td>from {@code to}</td></tr>
 *   <tr><td>contracted</td><td>translated onto {@code to}</td><td>from {@code to}</td></tr>
 * </table>
 */
public final class Routing {
    /**
     * The SQLState of a statement Tandem refuses: class {@code 0A} (feature not supported) with an
     * implementation-defined subclass. Not {@code 0A000}: connection pools read that one as a broken connection
     * (HikariCP evicts the connection and closes it under the application), and a refusal leaves the connection
     * perfectly usable.
     */
    public static final String REFUSED_SQLSTATE = "0AT00";

    /** The possible courses. */
    public enum Action {
        /** Run as the application sent it. */
        AS_SENT,
        /** Run as sent, then sync the touched keys into {@code to}. */
        MIRROR,
        /** Run the read translated onto {@code to}. */
        READ_NEW,
        /** Run the read as sent, and translated, and compare. */
        SHADOW,
        /** Run the write translated onto {@code to}; then (write-new) sync the touched keys back into {@code from}. */
        WRITE_NEW,
        /** Refuse with an {@link SQLException}. */
        REFUSE
    }

    private static final Routing AS_SENT = new Routing(Action.AS_SENT, List.of(), false, null, false);

    private final Action action;
    private final List<Migration> active;
    private final boolean strict;
    private final String refusal;
    private final boolean keepOldFresh;
    private final ParameterizedSql inlineMirror;
    private final String keyLock;

    private Routing(Action action, List<Migration> active, boolean strict, String refusal, boolean keepOldFresh) {
        this(action, active, strict, refusal, keepOldFresh, null, null);
    }

    private Routing(Action action, List<Migration> active, boolean strict, String refusal, boolean keepOldFresh,
                    ParameterizedSql inlineMirror) {
        this(action, active, strict, refusal, keepOldFresh, inlineMirror, null);
    }

    private Routing(Action action, List<Migration> active, boolean strict, String refusal, boolean keepOldFresh,
                    ParameterizedSql inlineMirror, String keyLock) {
        this.action = action;
        this.active = active;
        this.strict = strict;
        this.refusal = refusal;
        this.keepOldFresh = keepOldFresh;
        this.inlineMirror = inlineMirror;
        this.keyLock = keyLock;
    }

    /**
     * What routing needs to know about its surroundings, and where it reports what it decided: the engine on the
     * statement path ({@link #of(StatementPlan, PhaseSnapshot, double, double, TandemEngine)}), or a recorder
     * ({@code tandem lint} asks how a statement would be routed, without running it).
     */
    public interface Context {
        /** Whether this database has a mirror for the migration (none on an unknown database). */
        boolean mirrors(Migration m);

        /** A statement naming the migration's {@code from} took this path. */
        void counted(Migration m, Kind kind, Path path);

        /** A statement naming the migration's {@code from} could not be handled (passed through or refused). */
        void unsupported(Migration m);

        /** A statement passes through the old structure unhandled: {@code message} is logged once per {@code key}. */
        void passedThrough(Migration m, String key, String message);
    }

    /** The engine as routing's context: its meters, its mirrors, its statement log. */
    private record EngineContext(TandemEngine engine) implements Context {
        @Override
        public boolean mirrors(Migration m) {
            return engine.sync(m) != null;
        }

        @Override
        public void counted(Migration m, Kind kind, Path path) {
            engine.meters(m).statement(kind, path);
        }

        @Override
        public void unsupported(Migration m) {
            engine.meters(m).unsupported();
        }

        @Override
        public void passedThrough(Migration m, String key, String message) {
            engine.statementLog().warnOnce(key, message);
        }
    }

    /**
     * Routes one execution of a statement naming a migrated table, counting it in the engine's meters and in the
     * old-structure usage of each migration it names (by caller, sampled).
     *
     * @param readDraw the transaction's draw in [0, 100): it reads the new structure of a migration in read-new at
     *                 {@code percent} when {@code readDraw < percent} (pinned per transaction)
     * @param sample   this statement's draw in [0, 100), for the read-both shadow sample
     */
    public static Routing of(StatementPlan plan, PhaseSnapshot phases, double readDraw, double sample,
                             TandemEngine engine) {
        if (plan.kind() != StatementPlan.Kind.UNRELATED) {
            engine.usage().statement(plan.migrations(), phases);
        }
        Routing routing = of(plan, phases, readDraw, sample, new EngineContext(engine));
        if (routing.action == Action.MIRROR || routing.action == Action.WRITE_NEW) {
            String lock = KeyHandover.lockFor(plan, phases, engine.phases(), engine.dialect());
            if (lock != null) {
                return new Routing(routing.action, routing.active, routing.strict, routing.refusal,
                        routing.keepOldFresh, routing.inlineMirror, lock);
            }
        }
        return routing;
    }

    /**
     * Routes one execution of a statement: the decision alone, reported to {@code context}. {@code tandem lint}
     * calls this with each phase to tell how a statement would fare.
     */
    public static Routing of(StatementPlan plan, PhaseSnapshot phases, double readDraw, double sample,
                             Context context) {
        switch (plan.kind()) {
            case UNRELATED:
                return AS_SENT;
            case READ:
                return read(plan, phases, readDraw, sample, context);
            case OTHER:
                count(plan, context, Kind.OTHER, Path.AS_SENT);
                return AS_SENT;
            case UNSUPPORTED:
                return unsupported(plan, phases, context);
            case WRITE:
            default:
                return write(plan, phases, context);
        }
    }

    private static Routing read(StatementPlan plan, PhaseSnapshot phases, double readDraw, double sample,
                                Context context) {
        boolean allNew = true;
        boolean anyNew = false;
        boolean contracted = false;
        boolean allShadowed = true;
        int shadowPercent = 100;
        for (Migration m : plan.migrations()) {
            MigrationState state = phases.of(m);
            Phase phase = state.phase();
            boolean fromNew = phase.compareTo(Phase.WRITE_NEW) >= 0
                    || (phase == Phase.READ_NEW && readDraw < state.percent());
            allNew &= fromNew;
            anyNew |= fromNew;
            contracted |= phase == Phase.CONTRACTED;
            allShadowed &= phase == Phase.READ_BOTH;
            shadowPercent = Math.min(shadowPercent, state.percent());
        }
        if (allNew) {
            if (plan.translatedRead() != null) {
                count(plan, context, Kind.READ, Path.TRANSLATED);
                return new Routing(Action.READ_NEW, plan.migrations(), false, null, false);
            }
            return untranslatable(plan, context, Kind.READ, contracted);
        }
        if (anyNew && contracted) {
            return untranslatable(plan, context, Kind.READ, true);
        }
        if (allShadowed && plan.translatedRead() != null && sample < shadowPercent) {
            count(plan, context, Kind.READ, Path.SHADOWED);
            return new Routing(Action.SHADOW, plan.migrations(), false, null, false);
        }
        count(plan, context, Kind.READ, Path.AS_SENT);
        return AS_SENT;
    }

    private static Routing write(StatementPlan plan, PhaseSnapshot phases, Context context) {
        List<Migration> mirrored = new ArrayList<>(plan.write().migrations().size());
        boolean strict = false;
        boolean newPrimary = false;
        boolean contracted = false;
        for (Migration m : plan.write().migrations()) {
            Phase phase = phases.of(m).phase();
            newPrimary |= phase.compareTo(Phase.WRITE_NEW) >= 0;
            contracted |= phase == Phase.CONTRACTED;
            if (phase.mirrorsWrites() && plan.write().needsMirror(m) && context.mirrors(m)) {
                mirrored.add(m);
                strict |= phase.newStoreAuthoritative();
            }
        }
        if (newPrimary) {
            if (plan.writeNew() == null || plan.write().migrations().size() != 1) {
                return untranslatable(plan, context, Kind.WRITE, true);
            }
            count(plan, context, Kind.WRITE, Path.TRANSLATED);
            return new Routing(Action.WRITE_NEW, plan.write().migrations(), false, null, !contracted);
        }
        count(plan, context, Kind.WRITE, mirrored.isEmpty() ? Path.AS_SENT : Path.MIRRORED);
        if (mirrored.isEmpty()) {
            return AS_SENT;
        }
        // a single column-level migration whose mirror the statement itself can carry: one statement, no sync
        ParameterizedSql inline = mirrored.size() == plan.write().migrations().size() ? plan.inlineMirror() : null;
        return new Routing(Action.MIRROR, List.copyOf(mirrored), strict, null, false, inline);
    }

    /**
     * A statement Tandem cannot run on the new structure. A read is still served as sent while {@code from} is kept
     * fresh (read-new, write-new); a write is refused once {@code to} is authoritative, as is anything in
     * contracted, where {@code from} may be gone.
     */
    private static Routing untranslatable(StatementPlan plan, Context context, Kind kind, boolean refuse) {
        String reason = plan.untranslatable() != null ? plan.untranslatable() : "not translatable";
        for (Migration m : plan.migrations()) {
            context.unsupported(m);
            context.counted(m, kind, refuse ? Path.REFUSED : Path.UNMIRRORED);
            if (!refuse) {
                context.passedThrough(m, m.id() + "|read|" + reason, "a read naming " + m.from().sql()
                        + " is served from the old structure, untranslated (migration '" + m.id() + "'): " + reason
                        + ". 'tandem lint' lists such statements. Logged once per reason.");
            }
        }
        if (!refuse) {
            return AS_SENT;
        }
        Migration m = plan.migrations().get(0);
        return new Routing(Action.REFUSE, List.of(), true, "Tandem refuses this statement: migration '" + m.id()
                + "' has moved to the new structure " + m.to().sql() + ", and this "
                + (kind == Kind.WRITE ? "write" : "read") + " cannot be translated onto it (" + reason + ")", false);
    }

    private static Routing unsupported(StatementPlan plan, PhaseSnapshot phases, Context context) {
        Kind kind = plan.mayWrite() ? Kind.WRITE : Kind.READ;
        for (Migration m : plan.migrations()) {
            Phase phase = phases.of(m).phase();
            boolean refuse = plan.mayWrite() ? phase.newStoreAuthoritative() : phase == Phase.CONTRACTED;
            if (refuse) {
                context.unsupported(m);
                context.counted(m, kind, Path.REFUSED);
                return new Routing(Action.REFUSE, List.of(), true, "Tandem refuses this statement: migration '"
                        + m.id() + "' is at " + phase + ", where " + m.to().sql() + " is authoritative, and "
                        + (plan.mayWrite() ? "a write to " + m.from().sql() + " that cannot be mirrored would be"
                        + " lost there" : "this read of " + m.from().sql() + " cannot be translated")
                        + " (" + plan.reason() + ")", false);
            }
            if (phase != Phase.OFF) {
                context.unsupported(m);
                context.counted(m, kind, Path.UNMIRRORED);
                context.passedThrough(m, m.id() + "|" + plan.reason(), "statement naming " + m.from().sql()
                        + " passes through " + (plan.mayWrite() ? "unmirrored" : "untranslated") + " (migration '"
                        + m.id() + "', " + phase + "): " + plan.reason() + ". The backfill repairs the new structure;"
                        + " 'tandem lint' lists such statements. Logged once per reason.");
            } else {
                context.counted(m, kind, Path.AS_SENT);
            }
        }
        return AS_SENT;
    }

    /**
     * For a plain Statement's batch: whether this entry must run on its own, outside the driver's batch — because it
     * runs translated (write-new and later), or because its mirror needs the driver's generated keys, which a
     * Statement batch cannot return, or because it may be refused. Counts nothing.
     */
    public static boolean runsAlone(StatementPlan plan, PhaseSnapshot phases) {
        for (Migration m : plan.migrations()) {
            Phase phase = phases.of(m).phase();
            if (phase.compareTo(Phase.WRITE_NEW) >= 0) {
                return true;
            }
            if (plan.kind() == StatementPlan.Kind.UNSUPPORTED && plan.mayWrite() && phase.newStoreAuthoritative()) {
                return true;
            }
            if (plan.kind() == StatementPlan.Kind.WRITE && phase.mirrorsWrites()
                    && plan.write().keys().returned() != dev.tandem.plan.ReturnedKeys.NONE) {
                return true;
            }
        }
        return false;
    }

    private static void count(StatementPlan plan, Context context, Kind kind, Path path) {
        for (Migration m : plan.migrations()) {
            context.counted(m, kind, path);
        }
    }

    public Action action() {
        return action;
    }

    /** The migrations this execution mirrors (MIRROR), or reads or writes on the new structure. */
    public List<Migration> active() {
        return active;
    }

    /** Whether a failed mirror must fail the statement (and roll back the transaction). */
    public boolean strict() {
        return strict;
    }

    /** Whether a write on the new structure must also keep {@code from} fresh (write-new, not contracted). */
    public boolean keepOldFresh() {
        return keepOldFresh;
    }

    /**
     * MIRROR only: the statement to run instead of the application's, which writes the new columns itself — nothing
     * to sync afterwards; null when the write must be synced ({@link StatementPlan#inlineMirror()}).
     */
    public ParameterizedSql inlineMirror() {
        return inlineMirror;
    }

    /**
     * The key lock the write and its mirror must run under ({@link KeyHandover}): an insert during a key handover;
     * null otherwise.
     */
    public String keyLock() {
        return keyLock;
    }

    /** The error for a refused statement. */
    public SQLException refusal() {
        return new SQLException(refusal, REFUSED_SQLSTATE);
    }
}
