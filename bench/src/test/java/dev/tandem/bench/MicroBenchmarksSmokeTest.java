package dev.tandem.bench;

import dev.tandem.bench.micro.EngineBenchmark;
import dev.tandem.bench.micro.PlanningBenchmark;
import dev.tandem.bench.micro.RoundTripBenchmark;
import dev.tandem.plan.StatementPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Each JMH benchmark's set-up and body, once, without JMH and without timing: the set-ups check that each
 * benchmark still measures what it says (a statement naming no migrated table is unrelated, a cached plan is hit,
 * each ORM statement is planned as naming the migrated table), so a change in the driver cannot silently turn a
 * benchmark into a measurement of something else.
 */
class MicroBenchmarksSmokeTest {

    @Test
    void engineBenchmarks() throws Exception {
        EngineBenchmark b = new EngineBenchmark();
        b.setUp();
        try {
            assertFalse(b.noMigrationCheckShort());
            assertFalse(b.noMigrationCheckLong());
            assertEquals(StatementPlan.Kind.UNRELATED, b.enginePlanUnrelated().kind());
            assertSame(b.planCacheHitRead(), b.planCacheHitRead());
            assertSame(b.planCacheHitUpdate(), b.planCacheHitUpdate());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void planningBenchmarkForEveryStatement() throws Exception {
        String[] statements = PlanningBenchmark.class.getField("statement")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
        assertEquals(10, statements.length);
        for (String statement : statements) {
            PlanningBenchmark b = new PlanningBenchmark();
            b.statement = statement;
            b.setUp();
            StatementPlan plan = b.coldParseAndPlan();
            assertNotEquals(StatementPlan.Kind.UNRELATED, plan.kind(), statement);
            assertNotEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind(), statement + ": " + plan.reason());
        }
    }

    @Test
    void roundTripThroughEachDriver() throws Exception {
        for (String driver : new String[]{"raw", "tandem"}) {
            for (String statement : new String[]{"unrelated", "migrated-read"}) {
                RoundTripBenchmark b = new RoundTripBenchmark();
                b.driver = driver;
                b.query = statement;
                b.setUp();
                try {
                    assertEquals(1L, b.roundTrip(), driver + " " + statement);
                } finally {
                    b.tearDown();
                }
            }
        }
    }
}
