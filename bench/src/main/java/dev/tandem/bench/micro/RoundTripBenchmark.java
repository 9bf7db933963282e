package dev.tandem.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The wrapper's own cost on a statement round trip against H2 in memory (where the database's own time is
 * smallest, so Tandem's share is as large as it gets): prepare, bind, execute, read one row, close — the way an ORM
 * does it — through the raw driver and through {@code jdbc:tandem:} with the rules of {@link OrmStatements}.
 * {@code query=unrelated} names no migrated table; {@code query=migrated-read} reads the migrated table in write-both (a
 * plan-cache hit, then the read as sent).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoundTripBenchmark {
    @Param({"raw", "tandem"})
    public String driver;

    @Param({"unrelated", "migrated-read"})
    public String query;

    private H2Fixture fixture;
    private Connection connection;
    private String sql;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new H2Fixture();
        connection = driver.equals("raw") ? fixture.raw() : fixture.tandem();
        sql = query.equals("unrelated") ? OrmStatements.UNRELATED.get("point-read")
                : OrmStatements.MIGRATED.get("point-read");
        if (roundTrip() != 1) {
            throw new IllegalStateException("expected row 1 from: " + sql);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        fixture.close();
    }

    @Benchmark
    public long roundTrip() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, 1L);
            try (ResultSet rs = ps.executeQuery()) {
                long sum = 0;
                while (rs.next()) {
                    sum += rs.getLong(1);
                }
                return sum;
            }
        }
    }
}
