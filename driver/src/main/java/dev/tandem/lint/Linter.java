package dev.tandem.lint;

import dev.tandem.execution.Routing;
import dev.tandem.lint.StatementLint.Verdict;
import dev.tandem.metrics.MigrationMeters.Kind;
import dev.tandem.metrics.MigrationMeters.Path;
import dev.tandem.mirror.SyncStatements;
import dev.tandem.plan.StatementPlan;
import dev.tandem.plan.StatementPlanner;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.SqlParser;
import dev.tandem.sql.TableNameFilter;
import dev.tandem.state.MigrationState;
import dev.tandem.state.PhaseSnapshot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells how statements would fare in each phase of a migration, without running them: each is planned by the
 * driver's own {@link StatementPlanner} and routed by the driver's own {@link Routing} under the phase, with the
 * migration at 100 % (every read of read-both shadowed, every transaction of read-new on the new structure) and
 * the other migrations at their rules files' phases.
 *
 * <pre>{@code
 * Linter linter = new Linter(rules, Dialect.POSTGRESQL, TableShapes.UNKNOWN);
 * LintReport report = linter.lint("person-to-people", statements, Linter.DEFAULT_PHASES);
 * if (report.unmirroredWrites()) { ... }
 * }</pre>
 */
public final class Linter {
    /** The phases examined unless told otherwise: every phase in which Tandem does something. */
    public static final List<Phase> DEFAULT_PHASES = List.of(Phase.WRITE_BOTH, Phase.READ_BOTH, Phase.READ_NEW,
            Phase.WRITE_NEW, Phase.CONTRACTED);

    private final RuleSet rules;
    private final Dialect dialect;
    private final TableShapes shapes;
    private final StatementPlanner planner;
    private final Map<String, Boolean> mirrors = new HashMap<>();

    /**
     * @param shapes what may be looked up about tables (the database's catalog; {@link TableShapes#UNKNOWN} for
     *               none: statements that need it, an INSERT without a column list say, are then judged without)
     */
    public Linter(RuleSet rules, Dialect dialect, TableShapes shapes) {
        this.rules = rules;
        this.dialect = dialect;
        this.shapes = shapes;
        this.planner = new StatementPlanner(rules, dialect, new SqlParser(10_000));
    }

    /**
     * Lints statements for one migration.
     *
     * @throws IllegalArgumentException for a migration the rules do not have, or no phases
     */
    public LintReport lint(String migration, List<SourceStatement> statements, List<Phase> phases) {
        Migration m = rules.migration(migration).orElseThrow(() -> new IllegalArgumentException("unknown migration '"
                + migration + "': it is in no rules file" + known()));
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("no phase to examine");
        }
        TableNameFilter namesFrom = TableNameFilter.of(List.of(Identifier.canonical(m.from().name())));
        List<StatementLint> out = new ArrayList<>();
        int notAffected = 0;
        for (SourceStatement s : statements) {
            if (s.truncated()) {
                if (namesFrom.mayName(s.sql())) {
                    out.add(cannotTell(s, phases));
                } else {
                    notAffected++;
                }
                continue;
            }
            StatementPlan plan = planner.plan(s.sql(), shapes);
            if (!plan.migrations().contains(m)) {
                notAffected++;
                continue;
            }
            Map<Phase, Verdict> verdicts = new EnumMap<>(Phase.class);
            for (Phase phase : phases) {
                verdicts.put(phase, verdict(plan, m, phase));
            }
            out.add(new StatementLint(s, kind(plan), verdicts));
        }
        return new LintReport(m, phases, out, notAffected);
    }

    private static StatementLint cannotTell(SourceStatement s, List<Phase> phases) {
        Map<Phase, Verdict> verdicts = new EnumMap<>(Phase.class);
        for (Phase p : phases) {
            verdicts.put(p, new Verdict(Outcome.CANNOT_TELL, "the statistics truncated the statement's text"));
        }
        return new StatementLint(s, "unknown", verdicts);
    }

    private static String kind(StatementPlan plan) {
        return switch (plan.kind()) {
            case READ -> "read";
            case WRITE -> "write";
            case UNSUPPORTED -> plan.mayWrite() ? "write" : "read";
            default -> "other";
        };
    }

    /** Routes the plan as the driver would under {@code phase}, and reads the outcome for {@code m}. */
    private Verdict verdict(StatementPlan plan, Migration m, Phase phase) {
        Map<String, MigrationState> states = new HashMap<>();
        for (Migration other : rules.migrations()) {
            states.put(other.id(), new MigrationState(other.phase(), other.percent()));
        }
        states.put(m.id(), new MigrationState(phase, 100));
        Recorder recorder = new Recorder();
        Routing routing = Routing.of(plan, new PhaseSnapshot(states, 0), 0, 0, recorder);
        String reason = plan.untranslatable() != null ? plan.untranslatable() : plan.reason();
        switch (routing.action()) {
            case REFUSE:
                return new Verdict(Outcome.REFUSED, reason);
            case READ_NEW:
            case WRITE_NEW:
                return new Verdict(Outcome.TRANSLATED, null);
            case SHADOW:
                return new Verdict(Outcome.SHADOWED, null);
            case MIRROR:
                return routing.active().contains(m) ? new Verdict(Outcome.MIRRORED, null)
                        : new Verdict(Outcome.AS_SENT, null);
            default:
                break;
        }
        Path path = recorder.paths.get(m);
        Kind kind = recorder.kinds.get(m);
        if (path == Path.UNMIRRORED) {
            boolean write = kind == Kind.WRITE;
            return new Verdict(write ? Outcome.UNMIRRORED : Outcome.UNTRANSLATED, reason);
        }
        if (plan.kind() == StatementPlan.Kind.WRITE && phase.mirrorsWrites()) {
            return new Verdict(Outcome.AS_SENT, !plan.write().needsMirror(m)
                    ? "nothing to mirror: the new structure is the same table"
                    : "no mirror on " + dialect.displayName());
        }
        if (plan.kind() == StatementPlan.Kind.READ && phase == Phase.READ_BOTH && plan.translatedRead() == null) {
            return new Verdict(Outcome.AS_SENT, "not shadowed: " + reason);
        }
        if (plan.kind() == StatementPlan.Kind.OTHER) {
            return new Verdict(Outcome.AS_SENT, plan.reason() + ": not a read or write of rows");
        }
        return new Verdict(Outcome.AS_SENT, null);
    }

    private String known() {
        List<String> ids = new ArrayList<>();
        rules.migrations().forEach(x -> ids.add(x.id()));
        return ids.isEmpty() ? " (no rules were given)" : " (known: " + String.join(", ", ids) + ")";
    }

    /** Routing's context for lint: every database with a mirror has one; what routing counts is recorded. */
    private final class Recorder implements Routing.Context {
        final Map<Migration, Path> paths = new LinkedHashMap<>();
        final Map<Migration, Kind> kinds = new LinkedHashMap<>();

        @Override
        public boolean mirrors(Migration m) {
            return mirrors.computeIfAbsent(m.id(), id -> dialect != Dialect.GENERIC
                    && SyncStatements.of(m, dialect, false) != null);
        }

        @Override
        public void counted(Migration m, Kind kind, Path path) {
            paths.put(m, path);
            kinds.put(m, kind);
        }

        @Override
        public void unsupported(Migration m) {
        }

        @Override
        public void passedThrough(Migration m, String key, String message) {
        }
    }
}
