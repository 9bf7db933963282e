package dev.tandem.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shadow compare on real databases: two tables holding the same data in different physical types (numeric scale,
 * integer width, timestamp and time precision, CHAR against VARCHAR, BOOLEAN against a small integer) compare equal,
 * and a real difference in a row is reported with its column and key hash.
 */
class ShadowCompareDatabaseTest {

    private static final String COLUMNS = "id, amount, qty, seen_at, at_time, code, flag, born, payload, ratio";

    /** id, amount, qty, seen_at, at_time, code, flag, born, payload, ratio: every value at millisecond precision. */
    private static final List<List<Object>> ROWS = List.of(
            row(1, new BigDecimal("12.50"), 3, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000),
                    LocalTime.of(3, 4, 5, 123_000_000), "abc", true, LocalDate.of(1990, 5, 17), new byte[] {1, 2, 3},
                    0.25d),
            row(2, new BigDecimal("0.00"), 0, LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000),
                    LocalTime.of(23, 59, 59, 999_000_000), "xy", false, LocalDate.of(2000, 2, 29), new byte[] {9},
                    1.5d),
            row(3, new BigDecimal("-7.25"), 100_000, LocalDateTime.of(2023, 12, 31, 0, 0),
                    LocalTime.MIDNIGHT, "abcdefghij", true, LocalDate.of(1970, 1, 1), new byte[] {-1, 0, 127},
                    -0.125d),
            row(4, null, null, null, null, null, null, null, null, null),
            // the same values as row 1 under another key: rows are compared as a multiset
            row(5, new BigDecimal("12.5"), 3, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000),
                    LocalTime.of(3, 4, 5, 123_000_000), "abc", true, LocalDate.of(1990, 5, 17), new byte[] {1, 2, 3},
                    0.25d));

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Table {@code a} (the "old" types) and {@code b} (the "new" ones), with {@link #ROWS} in both. */
    private static final class Tables implements AutoCloseable {
        final TestDatabase db;
        final Connection c;
        final String a = TestTables.unique("shadow_a");
        final String b = TestTables.unique("shadow_b");

        Tables(TestDatabase db) throws SQLException {
            this.db = db;
            this.c = db.connect();
            boolean mariadb = db == TestDatabase.MARIADB;
            String ts = mariadb ? "DATETIME" : "TIMESTAMP";
            String bytes = db == TestDatabase.POSTGRESQL ? "BYTEA" : "VARBINARY(16)";
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + a + " (id INTEGER PRIMARY KEY, amount NUMERIC(10,2), qty INTEGER, seen_at "
                        + ts + "(6), at_time TIME(6), code CHAR(10), flag BOOLEAN, born DATE, payload " + bytes
                        + ", ratio DOUBLE PRECISION)");
                s.execute("CREATE TABLE " + b + " (id BIGINT PRIMARY KEY, amount NUMERIC(12,4), qty BIGINT, seen_at "
                        + ts + "(3), at_time TIME(3), code VARCHAR(10), flag " + (mariadb ? "TINYINT" : "SMALLINT")
                        + ", born DATE, payload " + bytes + ", ratio NUMERIC(10,4))");
            }
            insert(a, false);
            insert(b, true);
        }

        private void insert(String table, boolean flagAsNumber) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (List<Object> r : ROWS) {
                    ps.setInt(1, (Integer) r.get(0));
                    ps.setObject(2, r.get(1), Types.NUMERIC);
                    ps.setObject(3, r.get(2), Types.INTEGER);
                    ps.setObject(4, r.get(3), Types.TIMESTAMP);
                    ps.setObject(5, r.get(4), Types.TIME);
                    ps.setObject(6, r.get(5), Types.VARCHAR);
                    if (r.get(6) == null) {
                        ps.setNull(7, flagAsNumber ? Types.SMALLINT : Types.BOOLEAN);
                    } else if (flagAsNumber) {
                        ps.setInt(7, (Boolean) r.get(6) ? 1 : 0);
                    } else {
                        ps.setBoolean(7, (Boolean) r.get(6));
                    }
                    ps.setObject(8, r.get(7), Types.DATE);
                    ps.setObject(9, r.get(8), Types.VARBINARY);
                    if (r.get(9) == null) {
                        ps.setNull(10, Types.DOUBLE);
                    } else {
                        ps.setDouble(10, (Double) r.get(9));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        void update(String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }

        /** Reads {@code SELECT ... FROM table} the way the application's result-set wrapper captures it. */
        CapturedResult captureAsApplication(String table, String orderBy) throws SQLException {
            ResultCapture capture = new ResultCapture();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table + orderBy)) {
                while (true) {
                    if (!rs.next()) {
                        capture.end(rs);
                        break;
                    }
                    capture.row(rs);
                    rs.getString(1); // the application reads the row after the capture
                    rs.getBytes(9);
                }
            }
            return capture.result();
        }

        /** Reads {@code SELECT ... FROM table} as Tandem reads its shadow. */
        CapturedResult readShadow(String table, String orderBy) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table + orderBy)) {
                return ResultCapture.readAll(rs, ResultCapture.DEFAULT_ROW_CAP);
            }
        }

        Comparison compare(boolean ordered) throws SQLException {
            String orderBy = ordered ? " ORDER BY id" : "";
            CapturedResult original = captureAsApplication(a, orderBy);
            CapturedResult shadow = readShadow(b, orderBy);
            assertTrue(original.comparable(), original.status());
            assertTrue(shadow.comparable(), shadow.status());
            return ResultComparison.compare(original, shadow, ordered, List.of("id"));
        }

        @Override
        public void close() throws SQLException {
            TestTables.drop(c, a, b);
            c.close();
        }
    }

    private static List<String> sorted(String... hashes) {
        return Arrays.stream(hashes).sorted().toList();
    }

    private static List<String> lower(List<String> labels) {
        return labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSameDataInOtherTypesMatches(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (Tables t = new Tables(db)) {
            CapturedResult original = t.captureAsApplication(t.a, "");
            CapturedResult shadow = t.readShadow(t.b, "");
            // the two results do differ in their types: the comparison is what makes them equal
            assertNotEquals(original.columns().get(1).scale(), shadow.columns().get(1).scale(), "amount scale");
            assertNotEquals(original.columns().get(3).scale(), shadow.columns().get(3).scale(), "seen_at scale");
            assertNotEquals(original.columns().get(5).jdbcType(), shadow.columns().get(5).jdbcType(), "code type");
            assertEquals(5, original.rowCount());
            assertEquals(5, shadow.rowCount());

            for (boolean ordered : new boolean[] {false, true}) {
                Comparison c = t.compare(ordered);
                assertEquals(Comparison.Outcome.MATCH, c.outcome(), () -> c.describe(true));
                assertEquals(5, c.originalRows());
                assertEquals(5, c.shadowRows());
                assertEquals(List.of(), c.differingColumns());
                assertEquals(List.of(), c.differingKeyHashes());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSubMillisecondDigitLostToTheLowerPrecisionIsNoDifference(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (Tables t = new Tables(db)) {
            // stored at microsecond precision in a, and rounded (PostgreSQL, H2) or truncated (MariaDB) in b
            for (String table : List.of(t.a, t.b)) {
                t.update("UPDATE " + table + " SET seen_at = " + (db == TestDatabase.MARIADB ? "" : "TIMESTAMP ")
                        + "'2024-01-02 03:04:05.123556' WHERE id = 1");
            }
            Comparison c = t.compare(false);
            assertEquals(Comparison.Outcome.MATCH, c.outcome(), () -> c.describe(true));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRealDifferenceNamesItsColumnAndKeyHash(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (Tables t = new Tables(db)) {
            t.update("UPDATE " + t.b + " SET amount = 0.01 WHERE id = 2");
            t.update("UPDATE " + t.b + " SET code = 'abd' WHERE id = 5"); // row 5 differs from its twin, row 1
            for (boolean ordered : new boolean[] {false, true}) {
                Comparison c = t.compare(ordered);
                assertEquals(Comparison.Outcome.MISMATCH, c.outcome(), c::toString);
                assertEquals(List.of("amount", "code"), lower(c.differingColumns()), c::toString);
                assertTrue(c.keysHashed());
                assertEquals(sorted(ResultComparison.keyHash(List.of(2)), ResultComparison.keyHash(List.of(5))),
                        sorted(c.differingKeyHashes().toArray(String[]::new)));
                assertEquals(2, c.onlyInOriginal());
                assertEquals(2, c.onlyInShadow());
                assertEquals(2, c.differingRowPairs());
                assertFalse(c.orderDiffers());
                String described = c.describe(false);
                assertFalse(described.contains("0.01"), described);
                assertFalse(described.contains("abd"), described);
                assertTrue(c.describe(true).contains("'abd'"), c.describe(true));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMissingRowAndADifferentTimestampAreReported(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (Tables t = new Tables(db)) {
            t.update("DELETE FROM " + t.b + " WHERE id = 4");
            // one millisecond off: a difference at the precision both sides hold
            t.update("UPDATE " + t.b + " SET seen_at = " + (db == TestDatabase.MARIADB ? "" : "TIMESTAMP ")
                    + "'2024-01-02 03:04:05.124' WHERE id = 1");
            Comparison c = t.compare(false);
            assertEquals(Comparison.Outcome.MISMATCH, c.outcome(), c::toString);
            assertEquals(List.of("seen_at"), lower(c.differingColumns()), c::toString);
            assertEquals(sorted(ResultComparison.keyHash(List.of(1)), ResultComparison.keyHash(List.of(4))),
                    sorted(c.differingKeyHashes().toArray(String[]::new)));
            assertEquals(2, c.onlyInOriginal());
            assertEquals(1, c.onlyInShadow());
            assertEquals(1, c.differingRowPairs());
            assertEquals(5, c.originalRows());
            assertEquals(4, c.shadowRows());
        }
    }
}
