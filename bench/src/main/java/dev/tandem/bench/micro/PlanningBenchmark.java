package dev.tandem.bench.micro;

import dev.tandem.plan.StatementPlan;
import dev.tandem.plan.StatementPlanner;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A cold parse-and-plan: what the first execution of a statement naming a migrated table costs (JSqlParser, the
 * write analysis, the translation onto the new structure), for ten typical ORM statements, with no cache involved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanningBenchmark {
    @Param({"point-read", "range-read", "join", "count", "page", "subquery", "insert", "update", "delete",
            "bulk-update"})
    public String statement;

    private StatementPlanner planner;
    private String sql;

    @Setup
    public void setUp() {
        planner = new StatementPlanner(OrmStatements.rules(), Dialect.POSTGRESQL, new SqlParser(10_000));
        sql = OrmStatements.MIGRATED.get(statement);
        StatementPlan plan = planner.plan(sql, OrmStatements.SHAPES);
        if (plan.kind() == StatementPlan.Kind.UNRELATED) {
            throw new IllegalStateException("not planned as a statement naming a migrated table: " + sql);
        }
    }

    @Benchmark
    public StatementPlan coldParseAndPlan() {
        return planner.plan(sql, OrmStatements.SHAPES);
    }
}
