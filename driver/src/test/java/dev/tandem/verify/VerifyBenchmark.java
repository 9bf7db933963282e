package dev.tandem.verify;

import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Not a test of speed (nothing is asserted about time): measures verify's rate on 1,000,000 rows on PostgreSQL and,
 * for scale, one full-table join counting the rows whose values differ, and prints both. Runs only when asked:
 * {@code ./mvnw -pl driver -am test -Dtest=VerifyBenchmark -Dtandem.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dtandem.benchmark.rows=N} for another size).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "tandem.benchmark", matches = "true")
class VerifyBenchmark {

    @Test
    void verifyRateAgainstOneJoinOnPostgresql() throws Exception {
        int rows = Integer.getInteger("tandem.benchmark.rows", 1_000_000);
        try (VerifyFixture f = VerifyFixture.create(TestDatabase.POSTGRESQL)) {
            String from = f.table("bench_person");
            String to = f.table("bench_people");
            f.exec("CREATE TABLE " + from + " (id BIGINT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40),"
                            + " amount NUMERIC(10,2), seen TIMESTAMP(3))",
                    "CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name TEXT, amount NUMERIC(12,4),"
                            + " seen TIMESTAMP(3))",
                    "INSERT INTO " + from + " SELECT g, 'first' || g, 'last' || g, g / 100.0,"
                            + " TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 millisecond'"
                            + " FROM generate_series(1, " + rows + ") g",
                    "INSERT INTO " + to + " SELECT id, first_name || ' ' || last_name, amount, seen FROM " + from,
                    "ANALYZE " + from, "ANALYZE " + to);
            Migration m = f.tableLevel("vf-" + from, from, "id", to, "id",
                    "  id: id\n  full_name: \"first_name || ' ' || last_name\"\n  amount: amount\n  seen: seen\n",
                    "  first_name: full_name\n  last_name: full_name\n  amount: amount\n  seen: seen\n");

            for (int chunk : new int[] {1_000, 5_000, 10_000}) {
                VerifyReport r = Verify.of(f.raw, Dialect.POSTGRESQL, m).chunkSize(chunk).run();
                assertTrue(r.clean(), r.toString());
                assertEquals(rows, r.rowsCompared());
                System.out.printf("verify, chunk %,d: %,d rows in %.2f s = %,.0f rows/s (%,d chunks)%n", chunk,
                        r.rowsCompared(), r.duration().toNanos() / 1e9, r.rowsPerSecond(), r.chunks());
            }

            Dialect d = Dialect.POSTGRESQL;
            String join = "SELECT count(*) FROM " + from + " f JOIN " + to + " t ON t.id = f.id WHERE "
                    + d.differs("t.full_name", "f.first_name || ' ' || f.last_name") + " OR "
                    + d.differs("t.amount", "f.amount") + " OR " + d.differs("t.seen", "f.seen");
            long started = System.nanoTime();
            long differing;
            try (Statement s = f.raw.createStatement(); ResultSet rs = s.executeQuery(join)) {
                rs.next();
                differing = rs.getLong(1);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // CAST(... AS text) sees 1.5000 and 1.50 as different: the join counts form, verify counts values
            System.out.printf("one join counting differing rows: %,d rows in %.2f s = %,.0f rows/s"
                    + " (%,d differ by text form)%n", rows, seconds, rows / seconds, differing);
        }
    }
}
