package dev.tandem.bench.micro;

import dev.tandem.engine.TandemEngine;
import dev.tandem.plan.StatementPlan;
import dev.tandem.plan.StatementPlanner;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

/**
 * Tandem's own time per statement, before the real driver sees it: the no-migration check (the word search for
 * migrated table names, {@code TableNameFilter} through {@link StatementPlanner#mayConcernMigrations}) and the
 * engine's whole answer for such a statement, and a plan-cache hit for a statement that names a migrated table.
 * Targets (issue 5): each under 1 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
    private H2Fixture fixture;
    private Connection raw;
    private TandemEngine engine;
    private StatementPlanner planner;
    private String unrelatedShort;
    private String unrelatedLong;
    private String migratedRead;
    private String migratedUpdate;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new H2Fixture();
        raw = fixture.raw();
        engine = fixture.engine(raw);
        planner = new StatementPlanner(OrmStatements.rules(), Dialect.H2, new SqlParser(10_000));
        unrelatedShort = OrmStatements.UNRELATED.get("point-read");
        unrelatedLong = OrmStatements.UNRELATED.get("join");
        migratedRead = OrmStatements.MIGRATED.get("point-read");
        migratedUpdate = OrmStatements.MIGRATED.get("update");
        if (engine.plan(unrelatedLong, true, raw).kind() != StatementPlan.Kind.UNRELATED) {
            throw new IllegalStateException("expected no migration to concern: " + unrelatedLong);
        }
        StatementPlan first = engine.plan(migratedRead, true, raw);
        if (first.kind() != StatementPlan.Kind.READ || engine.plan(migratedRead, true, raw) != first) {
            throw new IllegalStateException("expected a cached READ plan for: " + migratedRead + " (got "
                    + first.kind() + ")");
        }
        StatementPlan update = engine.plan(migratedUpdate, true, raw);
        if (update.kind() != StatementPlan.Kind.WRITE || engine.plan(migratedUpdate, true, raw) != update) {
            throw new IllegalStateException("expected a cached WRITE plan for: " + migratedUpdate + " (got "
                    + update.kind() + ")");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        raw.close();
        fixture.close();
    }

    /** The word search alone, on a short statement naming no migrated table. */
    @Benchmark
    public boolean noMigrationCheckShort() {
        return planner.mayConcernMigrations(unrelatedShort);
    }

    /** The word search alone, on a 250-character join naming no migrated table. */
    @Benchmark
    public boolean noMigrationCheckLong() {
        return planner.mayConcernMigrations(unrelatedLong);
    }

    /** The engine's whole answer for a statement naming no migrated table (what every such statement pays). */
    @Benchmark
    public StatementPlan enginePlanUnrelated() {
        return engine.plan(unrelatedLong, true, raw);
    }

    /** A plan-cache hit: a prepared read naming a migrated table, planned before. */
    @Benchmark
    public StatementPlan planCacheHitRead() {
        return engine.plan(migratedRead, true, raw);
    }

    /** A plan-cache hit: a prepared update naming a migrated table, planned before. */
    @Benchmark
    public StatementPlan planCacheHitUpdate() {
        return engine.plan(migratedUpdate, true, raw);
    }
}
