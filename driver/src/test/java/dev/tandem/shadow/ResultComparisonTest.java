package dev.tandem.shadow;

import static dev.tandem.shadow.Comparison.Outcome.MATCH;
import static dev.tandem.shadow.Comparison.Outcome.MISMATCH;
import static dev.tandem.shadow.Comparison.Outcome.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

import org.junit.jupiter.api.Test;

/** The shadow compare on synthetic rows: every normalisation, every outcome, and that no value is ever printed. */
class ResultComparisonTest {

    // ================================================================================================== helpers

    static CapturedColumn col(String label, int jdbcType) {
        return CapturedColumn.of(label, jdbcType);
    }

    static CapturedColumn col(String label, int jdbcType, String typeName, int scale) {
        return new CapturedColumn(label, jdbcType, typeName, scale);
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @SafeVarargs
    static CapturedResult result(List<CapturedColumn> columns, List<Object>... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (List<Object> row : rows) {
            list.add(row);
        }
        return CapturedResult.of(columns, list);
    }

    /** A result read through {@link ResultCapture} from a fake result set, to its end. */
    static CapturedResult captured(List<CapturedColumn> columns, List<List<Object>> rows) throws SQLException {
        ResultSet rs = FakeResultSet.of(columns, rows);
        ResultCapture capture = new ResultCapture();
        while (rs.next()) {
            capture.row(rs);
        }
        capture.end(rs);
        return capture.result();
    }

    static Comparison compareOne(CapturedColumn originalColumn, Object originalValue, CapturedColumn shadowColumn,
            Object shadowValue) {
        return ResultComparison.compare(result(List.of(originalColumn), row(originalValue)),
                result(List.of(shadowColumn), row(shadowValue)), false);
    }

    static void assertSame(CapturedColumn oc, Object o, CapturedColumn sc, Object s) {
        Comparison c = compareOne(oc, o, sc, s);
        assertEquals(MATCH, c.outcome(), () -> "expected equal: " + c.describe(true));
    }

    static void assertSame(int type, Object o, Object s) {
        assertSame(col("v", type), o, col("v", type), s);
    }

    static void assertDiffer(CapturedColumn oc, Object o, CapturedColumn sc, Object s) {
        Comparison c = compareOne(oc, o, sc, s);
        assertEquals(MISMATCH, c.outcome(), () -> "expected different: " + c.describe(true));
        assertEquals(List.of(oc.label()), c.differingColumns());
    }

    static void assertDiffer(int type, Object o, Object s) {
        assertDiffer(col("v", type), o, col("v", type), s);
    }

    static final List<CapturedColumn> ID_NAME_AMOUNT = List.of(col("id", Types.INTEGER), col("name", Types.VARCHAR),
            col("amount", Types.NUMERIC));

    // =============================================================================================== numbers

    @Test
    void equalByNumericValueWhateverTheJavaTypeAndScale() {
        Object[] fives = {5, 5L, (short) 5, (byte) 5, BigInteger.valueOf(5), new BigDecimal("5"),
            new BigDecimal("5.00"), new BigDecimal("5.0000"), new BigDecimal("0.5E1"), 5.0d, 5.0f};
        for (Object a : fives) {
            for (Object b : fives) {
                assertSame(Types.NUMERIC, a, b);
            }
        }
        assertSame(col("v", Types.NUMERIC, "NUMERIC", 2), new BigDecimal("12.50"),
                col("v", Types.NUMERIC, "NUMERIC", 4), new BigDecimal("12.5000"));
        assertSame(Types.NUMERIC, new BigDecimal("0.00"), 0);
        assertSame(Types.NUMERIC, -0.0d, 0);
        assertSame(Types.NUMERIC, new BigDecimal("-3.10"), -3.1d);
    }

    @Test
    void differentValuesDiffer() {
        assertDiffer(Types.NUMERIC, 5, new BigDecimal("5.01"));
        assertDiffer(Types.NUMERIC, 5L, 6);
        assertDiffer(Types.NUMERIC, new BigDecimal("-5"), 5);
        assertDiffer(Types.NUMERIC, Long.MAX_VALUE, new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE));
    }

    @Test
    void doublesAreComparedExactlyThroughTheirDecimalForm() {
        assertSame(Types.NUMERIC, 0.1d, new BigDecimal("0.1"));
        assertSame(Types.NUMERIC, 0.1f, new BigDecimal("0.1"));
        assertSame(Types.NUMERIC, 0.1f, 0.1d); // a REAL column against a DOUBLE one
        assertDiffer(Types.NUMERIC, 0.1d + 0.2d, new BigDecimal("0.3")); // 0.30000000000000004
        assertDiffer(Types.NUMERIC, 1.0000001d, 1.0d);
    }

    @Test
    void nanAndInfinitiesEqualThemselvesOnly() {
        assertSame(Types.DOUBLE, Double.NaN, Float.NaN);
        assertSame(Types.DOUBLE, Double.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
        assertDiffer(Types.DOUBLE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertDiffer(Types.DOUBLE, Double.NaN, 0);
    }

    @Test
    void booleansEqualOneAndZero() {
        assertSame(col("flag", Types.BOOLEAN), true, col("flag", Types.TINYINT), 1);
        assertSame(col("flag", Types.BIT), false, col("flag", Types.SMALLINT), 0);
        assertSame(col("flag", Types.BOOLEAN), true, col("flag", Types.NUMERIC), new BigDecimal("1.0"));
        assertSame(Types.BOOLEAN, true, true);
        assertDiffer(col("flag", Types.BOOLEAN), true, col("flag", Types.TINYINT), 0);
        assertDiffer(col("flag", Types.BOOLEAN), true, col("flag", Types.TINYINT), 2);
        assertDiffer(col("flag", Types.BOOLEAN), true, col("flag", Types.VARCHAR), "1");
        assertDiffer(col("flag", Types.BOOLEAN), false, col("flag", Types.VARCHAR), "false");
    }

    @Test
    void numbersAndTheirTextDiffer() {
        assertDiffer(col("v", Types.INTEGER), 5, col("v", Types.VARCHAR), "5");
    }

    // ============================================================================== timestamps, times, dates

    final LocalDateTime micros = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);
    final LocalDateTime millis = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000);

    @Test
    void timestampsAreComparedAtTheLowerDeclaredPrecision() {
        CapturedColumn ts6 = col("at", Types.TIMESTAMP, "timestamp", 6);
        CapturedColumn ts3 = col("at", Types.TIMESTAMP, "timestamp", 3);
        assertSame(ts6, Timestamp.valueOf(micros), ts3, Timestamp.valueOf(millis)); // truncated
        assertSame(ts6, Timestamp.valueOf(millis), ts3, millis);
        assertSame(ts6, micros, ts3, Timestamp.valueOf(millis));
        // the lower precision side rounded (PostgreSQL, H2) rather than truncated (MariaDB)
        assertSame(ts6, micros.withNano(123_500_000), ts3, millis.withNano(124_000_000));
        assertSame(ts6, micros.withNano(999_900_000), ts3, LocalDateTime.of(2024, 1, 2, 3, 4, 6));
        // a real difference stays one
        assertDiffer(ts6, micros, ts3, millis.withNano(125_000_000));
        assertDiffer(ts6, micros, ts3, millis.plusSeconds(1));
    }

    @Test
    void sameDeclaredPrecisionComparesEveryDigit() {
        CapturedColumn ts6 = col("at", Types.TIMESTAMP, "timestamp", 6);
        assertDiffer(ts6, Timestamp.valueOf(micros), ts6, Timestamp.valueOf(micros.plusNanos(1_000)));
        assertSame(ts6, Timestamp.valueOf(micros), ts6, micros);
    }

    @Test
    void withoutDeclaredPrecisionTheDigitsTheValuesShowCount() {
        CapturedColumn unknown = col("at", Types.TIMESTAMP); // scale -1
        CapturedResult sixDigits = result(List.of(unknown), row(Timestamp.valueOf(micros)),
                row(Timestamp.valueOf(micros.plusNanos(1_000))));
        CapturedResult threeDigits = result(List.of(unknown), row(Timestamp.valueOf(millis)),
                row(Timestamp.valueOf(millis)));
        assertEquals(MATCH, ResultComparison.compare(sixDigits, threeDigits, false).outcome());
        CapturedResult otherMillis = result(List.of(unknown), row(Timestamp.valueOf(millis)),
                row(Timestamp.valueOf(millis.plusNanos(1_000_000))));
        assertEquals(MISMATCH, ResultComparison.compare(sixDigits, otherMillis, false).outcome());
    }

    @Test
    void zonedTimestampsAreComparedAsInstants() {
        OffsetDateTime utc = OffsetDateTime.of(micros, ZoneOffset.UTC);
        CapturedColumn tz = col("at", Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz", 6);
        assertSame(tz, utc, tz, utc.withOffsetSameInstant(ZoneOffset.ofHours(2)));
        assertSame(tz, utc, tz, utc.toInstant());
        assertSame(tz, utc, tz, utc.atZoneSameInstant(ZoneId.of("America/New_York")));
        assertDiffer(tz, utc, tz, utc.withOffsetSameLocal(ZoneOffset.ofHours(2)));
        // a column mixing local and zoned timestamps: the local ones are taken in the JVM's zone (as JDBC does)
        Timestamp local = Timestamp.valueOf(micros);
        assertSame(col("at", Types.TIMESTAMP, "timestamp", 6), local, tz,
                OffsetDateTime.ofInstant(local.toInstant(), ZoneOffset.UTC));
        assertSame(col("at", Types.TIMESTAMP), new java.util.Date(1_700_000_000_123L), tz,
                Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void timesAreComparedAtTheLowerPrecisionToo() {
        Time sqlTime = new Time(Time.valueOf("03:04:05").getTime() + 123); // java.sql.Time with milliseconds
        CapturedColumn t3 = col("t", Types.TIME, "time", 3);
        CapturedColumn t6 = col("t", Types.TIME, "time", 6);
        assertSame(t3, sqlTime, t3, LocalTime.of(3, 4, 5, 123_000_000));
        assertSame(t6, LocalTime.of(3, 4, 5, 123_456_000), t3, sqlTime);
        assertDiffer(t3, sqlTime, t3, LocalTime.of(3, 4, 5, 124_000_000));
        assertDiffer(t3, sqlTime, t3, LocalTime.of(3, 4, 6, 123_000_000));
        CapturedColumn ttz = col("t", Types.TIME_WITH_TIMEZONE, "timetz", 6);
        assertSame(ttz, OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC), ttz,
                OffsetTime.of(5, 4, 5, 0, ZoneOffset.ofHours(2)));
    }

    @Test
    void datesAreComparedAsDates() {
        assertSame(Types.DATE, Date.valueOf("2024-01-02"), LocalDate.of(2024, 1, 2));
        assertDiffer(Types.DATE, Date.valueOf("2024-01-02"), LocalDate.of(2024, 1, 3));
        assertDiffer(col("d", Types.DATE), Date.valueOf("2024-01-02"), col("d", Types.TIMESTAMP),
                Timestamp.valueOf("2024-01-02 00:00:00"));
    }

    // =============================================================================================== strings

    @Test
    void fixedWidthPaddingIsIgnored() {
        CapturedColumn fixed = col("code", Types.CHAR, "bpchar", 0);
        CapturedColumn varying = col("code", Types.VARCHAR, "varchar", 0);
        assertSame(fixed, "abc       ", varying, "abc");
        assertSame(varying, "abc", fixed, "abc       ");
        assertSame(fixed, "abc  ", fixed, "abc       ");
        assertSame(col("code", Types.NCHAR), "abc ", varying, "abc");
        assertSame(fixed, "", varying, "");
        assertDiffer(fixed, "abc       ", varying, "abd");
        assertDiffer(fixed, "abc       ", varying, " abc"); // leading spaces are not padding
        assertDiffer(fixed, "abc", varying, "ABC");
    }

    @Test
    void trailingSpacesOfVaryingColumnsMatter() {
        assertDiffer(Types.VARCHAR, "abc ", "abc");
        assertDiffer(Types.VARCHAR, "abc\t", "abc");
    }

    @Test
    void charactersAreStrings() {
        assertSame(col("c", Types.CHAR), 'x', col("c", Types.VARCHAR), "x");
    }

    @Test
    void arraysOfFixedWidthStringsIgnorePaddingToo() {
        assertSame(col("codes", Types.ARRAY, "_bpchar", 0), List.of("a  ", "b  "),
                col("codes", Types.ARRAY, "_varchar", 0), List.of("a", "b"));
        assertDiffer(col("codes", Types.ARRAY, "_varchar", 0), List.of("a  ", "b  "),
                col("codes", Types.ARRAY, "_varchar", 0), List.of("a", "b"));
    }

    // ============================================================== bytes, LOBs, arrays, null, other objects

    @Test
    void bytesByContent() {
        assertSame(Types.VARBINARY, new byte[] {1, 2, 3}, new byte[] {1, 2, 3});
        assertDiffer(Types.VARBINARY, new byte[] {1, 2, 3}, new byte[] {1, 2, 4});
        assertDiffer(Types.VARBINARY, new byte[] {1, 2, 3}, new byte[] {1, 2});
        assertSame(Types.VARBINARY, new byte[0], new byte[0]);
    }

    @Test
    void lobsAreReadRightAwayAndComparedByContent() throws SQLException {
        List<CapturedColumn> columns = List.of(col("doc", Types.CLOB), col("pic", Types.BLOB));
        CapturedResult lobs = captured(columns,
                List.of(row(new SerialClob("long text".toCharArray()), new SerialBlob(new byte[] {7, 8}))));
        CapturedResult plain = result(List.of(col("doc", Types.VARCHAR), col("pic", Types.VARBINARY)),
                row("long text", new byte[] {7, 8}));
        assertEquals(MATCH, ResultComparison.compare(lobs, plain, false).outcome());
        assertEquals("long text", lobs.rows().get(0).get(0));
        assertTrue(lobs.rows().get(0).get(1) instanceof byte[]);
        CapturedResult other = result(List.of(col("doc", Types.VARCHAR), col("pic", Types.VARBINARY)),
                row("long text", new byte[] {7, 9}));
        Comparison c = ResultComparison.compare(lobs, other, false);
        assertEquals(MISMATCH, c.outcome());
        assertEquals(List.of("pic"), c.differingColumns());
    }

    @Test
    void sqlArraysAreListsOfNormalisedElements() throws SQLException {
        java.sql.Array array = (java.sql.Array) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {java.sql.Array.class},
                (proxy, method, args) -> method.getName().equals("getArray") ? new int[] {1, 2, 3} : null);
        CapturedResult fromArray = captured(List.of(col("a", Types.ARRAY)), List.of(row(array)));
        assertEquals(MATCH, ResultComparison.compare(fromArray,
                result(List.of(col("a", Types.ARRAY)), row((Object) new Long[] {1L, 2L, 3L})), false).outcome());
        assertEquals(MISMATCH, ResultComparison.compare(fromArray,
                result(List.of(col("a", Types.ARRAY)), row(List.of(1, 3, 2))), false).outcome());
    }

    @Test
    void nullEqualsNullOnly() {
        assertSame(Types.VARCHAR, null, null);
        assertDiffer(Types.VARCHAR, null, "");
        assertDiffer(Types.INTEGER, null, 0);
        assertDiffer(Types.BOOLEAN, null, false);
        assertDiffer(col("code", Types.CHAR), null, col("code", Types.VARCHAR), " ");
    }

    @Test
    void otherObjectsByTheirEquals() {
        UUID u = UUID.randomUUID();
        assertSame(Types.OTHER, u, UUID.fromString(u.toString()));
        assertDiffer(Types.OTHER, u, UUID.randomUUID());
    }

    // ================================================================================================== outcomes

    final CapturedResult abc = result(ID_NAME_AMOUNT, row(1, "a", new BigDecimal("1.10")), row(2, "b", 2),
            row(3, "c", 3.5d));

    @Test
    void sameRowsInAnotherOrderMatchAsMultisets() {
        CapturedResult cba = result(ID_NAME_AMOUNT, row(3L, "c", new BigDecimal("3.50")), row(2L, "b", 2.0d),
                row(1L, "a", 1.1d));
        Comparison c = ResultComparison.compare(abc, cba, false, List.of("id"));
        assertEquals(MATCH, c.outcome());
        assertAll(() -> assertEquals(3, c.originalRows()), () -> assertEquals(3, c.shadowRows()),
                () -> assertEquals(0, c.onlyInOriginal()), () -> assertEquals(0, c.onlyInShadow()),
                () -> assertEquals(List.of(), c.differingColumns()),
                () -> assertEquals(List.of(), c.differingKeyHashes()),
                () -> assertFalse(c.orderDiffers()));
        assertEquals("MATCH (multiset): 3 rows on each side", c.toString());
    }

    @Test
    void sameRowsInAnotherOrderMismatchWhenOrdered() {
        CapturedResult acb = result(ID_NAME_AMOUNT, row(1, "a", 1.1d), row(3, "c", 3.5d), row(2, "b", 2));
        Comparison c = ResultComparison.compare(abc, acb, true, List.of("id"));
        assertEquals(MISMATCH, c.outcome());
        assertTrue(c.orderDiffers());
        assertEquals(2, c.firstOutOfOrderRow());
        assertEquals(0, c.onlyInOriginal());
        assertEquals(0, c.onlyInShadow());
        assertEquals(List.of(), c.differingColumns());
        assertEquals("MISMATCH (ordered): 3 rows on each side; the same rows in a different order, first at row 2",
                c.toString());
        assertEquals(MATCH, ResultComparison.compare(abc, abc, true).outcome());
    }

    @Test
    void duplicatesCountAsAMultiset() {
        List<CapturedColumn> one = List.of(col("name", Types.VARCHAR));
        CapturedResult aab = result(one, row("a"), row("a"), row("b"));
        CapturedResult abb = result(one, row("a"), row("b"), row("b"));
        CapturedResult ab = result(one, row("a"), row("b"));
        CapturedResult baa = result(one, row("b"), row("a"), row("a"));

        Comparison c = ResultComparison.compare(aab, abb, false);
        assertEquals(MISMATCH, c.outcome());
        assertEquals(1, c.onlyInOriginal());
        assertEquals(1, c.onlyInShadow());
        assertEquals(List.of("name"), c.differingColumns());

        Comparison missing = ResultComparison.compare(aab, ab, false);
        assertEquals(MISMATCH, missing.outcome());
        assertEquals(1, missing.onlyInOriginal());
        assertEquals(0, missing.onlyInShadow());

        assertEquals(MATCH, ResultComparison.compare(aab, baa, false).outcome());
    }

    @Test
    void missingAndExtraRowsAreCountedWithoutBlamingAColumn() {
        CapturedResult ab = result(ID_NAME_AMOUNT, row(1, "a", 1.1d), row(2, "b", 2));
        Comparison missing = ResultComparison.compare(abc, ab, false, List.of("id"));
        assertEquals(MISMATCH, missing.outcome());
        assertEquals(1, missing.onlyInOriginal());
        assertEquals(0, missing.onlyInShadow());
        assertEquals(0, missing.differingRowPairs());
        assertEquals(List.of(), missing.differingColumns());
        assertEquals(List.of(ResultComparison.keyHash(List.of(3))), missing.differingKeyHashes());
        assertEquals("MISMATCH (multiset): original 3 rows, shadow 2 rows; 1 only in original, 0 only in shadow;"
                + " differing keys (sha256/12) [" + ResultComparison.keyHash(List.of(3)) + "]", missing.toString());

        Comparison extra = ResultComparison.compare(ab, abc, false, List.of("id"));
        assertEquals(MISMATCH, extra.outcome());
        assertEquals(0, extra.onlyInOriginal());
        assertEquals(1, extra.onlyInShadow());
        assertEquals(List.of(ResultComparison.keyHash(List.of(3))), extra.differingKeyHashes());

        CapturedResult empty = result(ID_NAME_AMOUNT);
        Comparison none = ResultComparison.compare(abc, empty, false);
        assertEquals(MISMATCH, none.outcome());
        assertEquals(3, none.onlyInOriginal());
    }

    @Test
    void aChangedValueIsPairedByKeyAndNamesItsColumn() {
        CapturedResult changed = result(ID_NAME_AMOUNT, row(1, "a", 1.1d), row(2, "b", 2.01d), row(3, "c", 3.5d));
        Comparison c = ResultComparison.compare(abc, changed, false, List.of("ID")); // key labels ignore case
        assertEquals(MISMATCH, c.outcome());
        assertEquals(1, c.onlyInOriginal());
        assertEquals(1, c.onlyInShadow());
        assertEquals(1, c.differingRowPairs());
        assertEquals(List.of("amount"), c.differingColumns());
        assertTrue(c.keysHashed());
        assertEquals(List.of(ResultComparison.keyHash(List.of(2))), c.differingKeyHashes());
        assertEquals(12, c.differingKeyHashes().get(0).length());
        assertTrue(c.differingKeyHashes().get(0).matches("[0-9a-f]{12}"));
    }

    @Test
    void withoutKeysRowsArePairedByTheirMostEqualColumns() {
        CapturedResult changed = result(ID_NAME_AMOUNT, row(1, "a", 1.1d), row(2, "B", 2), row(3, "c", 3.5d));
        Comparison c = ResultComparison.compare(abc, changed, false);
        assertEquals(MISMATCH, c.outcome());
        assertEquals(List.of("name"), c.differingColumns());
        assertFalse(c.keysHashed());
        assertEquals(List.of(), c.differingKeyHashes());

        // two values swapped between rows: still attributed to the one column
        CapturedResult swapped = result(ID_NAME_AMOUNT, row(1, "b", 1.1d), row(2, "a", 2), row(3, "c", 3.5d));
        Comparison s = ResultComparison.compare(abc, swapped, false);
        assertEquals(MISMATCH, s.outcome());
        assertEquals(List.of("name"), s.differingColumns());
    }

    @Test
    void aWrongKeyIsStillAttributedToItsColumn() {
        CapturedResult shifted = result(ID_NAME_AMOUNT, row(11, "a", 1.1d), row(2, "b", 2), row(3, "c", 3.5d));
        Comparison c = ResultComparison.compare(abc, shifted, false, List.of("id"));
        assertEquals(MISMATCH, c.outcome());
        assertEquals(List.of("id"), c.differingColumns());
        assertEquals(List.of(ResultComparison.keyHash(List.of(1)), ResultComparison.keyHash(List.of(11))),
                c.differingKeyHashes());
    }

    @Test
    void keysAreHashedOnlyWhenTheKeyColumnsAreInBothResults() {
        List<CapturedColumn> noId = List.of(col("name", Types.VARCHAR), col("amount", Types.NUMERIC));
        CapturedResult a = result(noId, row("a", 1), row("b", 2));
        CapturedResult b = result(noId, row("a", 1), row("b", 3));
        Comparison c = ResultComparison.compare(a, b, false, List.of("id"));
        assertEquals(MISMATCH, c.outcome());
        assertFalse(c.keysHashed());
        assertEquals(List.of(), c.differingKeyHashes());
        assertEquals(List.of("amount"), c.differingColumns());

        // in the original only (the shadow lost the column): no hash either
        List<CapturedColumn> idLabelRenamed = List.of(col("ident", Types.INTEGER), col("name", Types.VARCHAR),
                col("amount", Types.NUMERIC));
        Comparison half = ResultComparison.compare(abc,
                result(idLabelRenamed, row(1, "a", 1.1d), row(2, "b", 2), row(3, "c", 4)), false, List.of("id"));
        assertFalse(half.keysHashed());
        assertEquals(List.of(), half.differingKeyHashes());

        // a composite key, all present
        Comparison both = ResultComparison.compare(a, b, false, List.of("name", "amount"));
        assertTrue(both.keysHashed());
        assertEquals(List.of(ResultComparison.keyHash(List.of("b", 2)), ResultComparison.keyHash(List.of("b", 3))),
                both.differingKeyHashes());
    }

    @Test
    void keyHashesDependOnTheNormalisedValueOnly() {
        assertEquals(ResultComparison.keyHash(List.of(5)), ResultComparison.keyHash(List.of(new BigDecimal("5.00"))));
        assertEquals(ResultComparison.keyHash(List.of(5)), ResultComparison.keyHash(List.of(5L)));
        assertNotEquals(ResultComparison.keyHash(List.of(5)), ResultComparison.keyHash(List.of("5")));
        assertNotEquals(ResultComparison.keyHash(List.of("a", "bc")), ResultComparison.keyHash(List.of("ab", "c")));
        assertNotEquals(ResultComparison.keyHash(Arrays.asList((Object) null)),
                ResultComparison.keyHash(List.of("")));
    }

    @Test
    void columnLabelsThatDifferAreAMismatch() {
        List<CapturedColumn> renamed = List.of(col("id", Types.INTEGER), col("full_name", Types.VARCHAR),
                col("amount", Types.NUMERIC));
        Comparison c = ResultComparison.compare(abc,
                result(renamed, row(1, "a", 1.1d), row(2, "b", 2), row(3, "c", 3.5d)), false);
        assertEquals(MISMATCH, c.outcome());
        assertTrue(c.columnsDiffer());
        assertTrue(c.rowsCompared());
        assertEquals(0, c.onlyInOriginal());
        assertEquals(List.of("name", "full_name"), c.differingColumns());
        assertEquals("MISMATCH (multiset): 3 rows on each side; column labels differ: original [id, name, amount],"
                + " shadow [id, full_name, amount]; differing columns [name, full_name]", c.toString());

        // labels compare exactly: the application sees their case
        List<CapturedColumn> upper = List.of(col("ID", Types.INTEGER), col("name", Types.VARCHAR),
                col("amount", Types.NUMERIC));
        Comparison cased = ResultComparison.compare(abc,
                result(upper, row(1, "a", 1.1d), row(2, "b", 2), row(3, "c", 3.5d)), false);
        assertEquals(MISMATCH, cased.outcome());
        assertEquals(List.of("id", "ID"), cased.differingColumns());
    }

    @Test
    void aDifferentColumnCountIsAMismatchWithoutComparingRows() {
        List<CapturedColumn> two = List.of(col("id", Types.INTEGER), col("name", Types.VARCHAR));
        Comparison c = ResultComparison.compare(abc, result(two, row(1, "a"), row(2, "b"), row(3, "c")), false);
        assertEquals(MISMATCH, c.outcome());
        assertTrue(c.columnsDiffer());
        assertFalse(c.rowsCompared());
        assertEquals(List.of("amount"), c.differingColumns());
        assertEquals("MISMATCH (multiset): 3 rows on each side; column labels differ: original [id, name, amount],"
                + " shadow [id, name]; rows not compared (different column counts)", c.toString());
    }

    @Test
    void emptyResultsMatch() throws SQLException {
        assertEquals(MATCH, ResultComparison.compare(result(ID_NAME_AMOUNT), result(ID_NAME_AMOUNT), false)
                .outcome());
        // an empty result whose capture ended without its result set: columns unknown, compared by rows
        ResultCapture capture = new ResultCapture();
        capture.end();
        CapturedResult unknown = capture.result();
        assertFalse(unknown.columnsKnown());
        assertEquals(MATCH, ResultComparison.compare(unknown, captured(ID_NAME_AMOUNT, List.of()), false)
                .outcome());
        Comparison c = ResultComparison.compare(unknown, abc, false, List.of("id"));
        assertEquals(MISMATCH, c.outcome());
        assertEquals(3, c.onlyInShadow());
        assertFalse(c.keysHashed());
    }

    @Test
    void overflowingTheRowCapIsSkipped() throws SQLException {
        ResultSet rs = FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1), row(2, "b", 2), row(3, "c", 3)));
        ResultCapture capture = new ResultCapture(2);
        while (rs.next()) {
            capture.row(rs);
        }
        capture.end(rs);
        CapturedResult over = capture.result();
        assertTrue(over.overflowed());
        assertTrue(over.complete());
        assertFalse(over.comparable());
        assertEquals(3, over.rowCount());
        assertEquals(List.of(), over.rows(), "an overflowed capture holds no rows");

        Comparison c = ResultComparison.compare(over, abc, false);
        assertEquals(SKIPPED, c.outcome());
        assertEquals("original overflowed (more rows than the row cap of 2) with 3 rows read", c.skipReason());
        assertEquals(3, c.originalRows());
        assertEquals(SKIPPED, ResultComparison.compare(abc, over, false).outcome());

        CapturedResult shadowOver = ResultCapture.readAll(
                FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1), row(2, "b", 2), row(3, "c", 3))), 1);
        assertTrue(shadowOver.overflowed());
        assertEquals(3, shadowOver.rowCount(), "readAll keeps counting past the cap");
        assertEquals(SKIPPED, ResultComparison.compare(abc, shadowOver, false).outcome());
    }

    @Test
    void exactlyTheCapIsNotAnOverflow() throws SQLException {
        CapturedResult full = ResultCapture.readAll(
                FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1.1d), row(2, "b", 2), row(3, "c", 3.5d))), 3);
        assertFalse(full.overflowed());
        assertEquals(MATCH, ResultComparison.compare(abc, full, false).outcome());
    }

    @Test
    void overflowingTheByteBudgetIsSkipped() throws SQLException {
        String big = "x".repeat(10_000);
        List<CapturedColumn> one = List.of(col("doc", Types.CLOB));
        CapturedResult over = ResultCapture.readAll(FakeResultSet.of(one,
                List.of(row(big), row(new SerialClob(big.toCharArray())))), 100, 30_000);
        assertTrue(over.overflowed());
        assertEquals(2, over.rowCount());
        assertTrue(over.status().contains("byte budget of 30000 bytes"), over.status());
        assertEquals(SKIPPED, ResultComparison.compare(over, over, false).outcome());
    }

    @Test
    void aResultNotReadToItsEndIsSkipped() throws SQLException {
        ResultSet rs = FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1.1d), row(2, "b", 2),
                row(3, "c", 3.5d)));
        ResultCapture capture = new ResultCapture();
        rs.next();
        capture.row(rs);
        rs.next();
        capture.row(rs); // and the application closes it here
        CapturedResult partial = capture.result();
        assertFalse(partial.complete());
        Comparison c = ResultComparison.compare(partial, abc, false);
        assertEquals(SKIPPED, c.outcome());
        assertEquals("original not read to the end: 2 rows read", c.skipReason());
        assertEquals("SKIPPED (multiset): original not read to the end: 2 rows read", c.toString());
    }

    @Test
    void anAbandonedCaptureIsSkipped() throws SQLException {
        ResultSet rs = FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1.1d)));
        ResultCapture capture = new ResultCapture();
        rs.next();
        capture.row(rs);
        capture.abandon("the application scrolled backwards");
        capture.end(rs);
        assertFalse(capture.storing());
        Comparison c = ResultComparison.compare(capture.result(), abc, false);
        assertEquals(SKIPPED, c.outcome());
        assertEquals("original capture abandoned after 1 row read: the application scrolled backwards",
                c.skipReason());

        // rows after the end (a scrollable result set read again) abandon the capture too
        ResultCapture again = new ResultCapture();
        again.end(rs);
        again.row(rs);
        assertFalse(again.result().complete());
    }

    @Test
    void aFailedCaptureIsSkippedWithoutItsMessage() throws SQLException {
        ResultSet rs = FakeResultSet.failing(ID_NAME_AMOUNT, List.of(row(1, "a", 1), row(2, "b", 2)), 2,
                "TOP-SECRET-42");
        ResultCapture capture = new ResultCapture();
        while (rs.next()) {
            capture.row(rs); // never throws
        }
        capture.end(rs);
        CapturedResult failed = capture.result();
        assertFalse(failed.complete());
        assertTrue(failed.failure() instanceof SQLException);
        Comparison c = ResultComparison.compare(abc, failed, false);
        assertEquals(SKIPPED, c.outcome());
        assertEquals("shadow capture failed after 2 rows read: SQLException (SQLState 22018)", c.skipReason());
        assertFalse(c.describe(false).contains("TOP-SECRET-42"));
        assertFalse(failed.toString().contains("TOP-SECRET-42"));
    }

    @Test
    void bothSidesSkippedNameBoth() {
        ResultCapture a = new ResultCapture();
        ResultCapture b = new ResultCapture();
        Comparison c = ResultComparison.compare(a.result(), b.result(), true);
        assertEquals("SKIPPED (ordered): original not read to the end: 0 rows read; shadow not read to the end:"
                + " 0 rows read", c.toString());
    }

    @Test
    void manyDifferingKeysAreCapped() {
        List<List<Object>> original = new ArrayList<>();
        List<List<Object>> shadow = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            original.add(row(i, "n" + i, i));
            shadow.add(row(i, "n" + i, i + 1));
        }
        Comparison c = ResultComparison.compare(CapturedResult.of(ID_NAME_AMOUNT, original),
                CapturedResult.of(ID_NAME_AMOUNT, shadow), false, List.of("id"));
        assertEquals(MISMATCH, c.outcome());
        assertEquals(ResultComparison.MAX_KEY_HASHES, c.differingKeyHashes().size());
        assertEquals(500, c.differingKeyCount());
        assertEquals(500, c.differingRowPairs());
        assertEquals(List.of("amount"), c.differingColumns());
        assertTrue(c.toString().contains("(first 100 of 500)"), c.toString());
    }

    @Test
    void unmatchedRowsBeyondThePairingBudgetAreComparedColumnByColumn() {
        List<List<Object>> original = new ArrayList<>();
        List<List<Object>> shadow = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            original.add(row(i, "n" + i, i));
            shadow.add(row(i, "n" + i, i + 0.5d));
        }
        Comparison c = ResultComparison.compare(CapturedResult.of(ID_NAME_AMOUNT, original),
                CapturedResult.of(ID_NAME_AMOUNT, shadow), false);
        assertEquals(MISMATCH, c.outcome());
        assertEquals(0, c.differingRowPairs());
        assertEquals(List.of("amount"), c.differingColumns());
    }

    // ========================================================================================= no value printed

    static final String SECRET = "alice@example.org";
    static final long SECRET_NUMBER = 987_654_321L;

    List<String> everything(Comparison c) {
        return List.of(c.toString(), c.describe(false), String.valueOf(c.skipReason()));
    }

    void assertNoValue(Comparison c) {
        for (String s : everything(c)) {
            assertFalse(s.contains(SECRET), s);
            assertFalse(s.contains(String.valueOf(SECRET_NUMBER)), s);
            assertFalse(s.contains("2031"), s);
        }
    }

    @Test
    void mismatchesNameColumnsCountsAndHashesOnly() {
        List<CapturedColumn> columns = List.of(col("id", Types.BIGINT), col("email", Types.VARCHAR),
                col("seen", Types.TIMESTAMP), col("photo", Types.VARBINARY));
        CapturedResult o = result(columns, row(SECRET_NUMBER, SECRET, Timestamp.valueOf("2031-01-01 00:00:00"),
                new byte[] {1}));
        CapturedResult s = result(columns, row(SECRET_NUMBER, SECRET.toUpperCase(),
                Timestamp.valueOf("2031-01-02 00:00:00"), new byte[] {2}));
        for (boolean ordered : new boolean[] {false, true}) {
            for (List<String> keys : List.of(List.<String>of(), List.of("id"), List.of("email"))) {
                Comparison c = ResultComparison.compare(o, s, ordered, keys);
                assertEquals(MISMATCH, c.outcome());
                assertNoValue(c);
                assertEquals(List.of("email", "seen", "photo"), c.differingColumns());
                String withValues = c.describe(true);
                assertTrue(withValues.contains(SECRET), withValues);
                assertTrue(withValues.contains(String.valueOf(SECRET_NUMBER)), withValues);
                assertTrue(withValues.contains("0x02"), withValues);
            }
        }
        Comparison missing = ResultComparison.compare(o, result(columns), false, List.of("id"));
        assertNoValue(missing);
        assertNoValue(ResultComparison.compare(o, o, false, List.of("id")));
        assertFalse(o.toString().contains(SECRET));
    }

    @Test
    void labelsThatMayQuoteALiteralAreShownByPosition() {
        // H2 labels an unaliased expression with its text, which may hold a literal
        List<CapturedColumn> o = List.of(col("id", Types.INTEGER), col("'" + SECRET + "'", Types.VARCHAR));
        List<CapturedColumn> s = List.of(col("id", Types.INTEGER), col("NAME", Types.VARCHAR));
        Comparison c = ResultComparison.compare(result(o, row(1, "x")), result(s, row(1, "y")), false);
        assertEquals(MISMATCH, c.outcome());
        assertNoValue(c);
        assertTrue(c.toString().contains("original [id, #2], shadow [id, NAME]"), c.toString());
        assertEquals(List.of("'" + SECRET + "'", "NAME"), c.differingColumns(), "the accessor gives raw labels");
    }

    @Test
    void describeWithValuesShowsSampleRows() {
        Comparison c = ResultComparison.compare(result(ID_NAME_AMOUNT, row(1, "a", new BigDecimal("1.50"))),
                result(ID_NAME_AMOUNT, row(1, "a", 2)), false, List.of("id"));
        assertEquals("MISMATCH (multiset): 1 row on each side; 1 only in original, 1 only in shadow (1 pair of rows"
                + " differing in some columns); differing columns [amount] (rows paired by key);"
                + " differing keys (sha256/12) [" + ResultComparison.keyHash(List.of(1)) + "]", c.describe(false));
        assertEquals(c.describe(false) + "; rows only in original: {id=1, name='a', amount=1.50};"
                + " rows only in shadow: {id=1, name='a', amount=2}", c.describe(true));
    }

    // ================================================================================================== capture

    @Test
    void recordsLabelsTypesAndScalesAndCopiesValues() throws SQLException {
        List<CapturedColumn> columns = List.of(col("id", Types.INTEGER, "int4", 0),
                col("at", Types.TIMESTAMP, "timestamp", 3));
        Timestamp ts = Timestamp.valueOf("2024-01-02 03:04:05.123");
        CapturedResult r = captured(columns, List.of(row(1, ts)));
        assertEquals(columns, r.columns());
        assertEquals(List.of("id", "at"), r.labels());
        assertTrue(r.complete());
        assertTrue(r.comparable());
        ts.setNanos(0); // the driver's object changing afterwards does not change the capture
        assertEquals(Timestamp.valueOf("2024-01-02 03:04:05.123"), r.rows().get(0).get(1));
        assertEquals("CapturedResult[2 columns, complete, 1 row read]", r.toString());
    }

    @Test
    void aSnapshotIsImmutableWhileTheCaptureGoesOn() throws SQLException {
        ResultSet rs = FakeResultSet.of(ID_NAME_AMOUNT, List.of(row(1, "a", 1), row(2, "b", 2)));
        ResultCapture capture = new ResultCapture();
        rs.next();
        capture.row(rs);
        CapturedResult early = capture.result();
        rs.next();
        capture.row(rs);
        capture.end(rs);
        assertEquals(1, early.rows().size());
        assertEquals(2, capture.result().rows().size());
        assertEquals(2, capture.rowCount());
    }

    @Test
    void syntheticRowsMustHaveOneValuePerColumn() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> result(ID_NAME_AMOUNT, row(1, "a")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ResultCapture(-1));
        assertEquals(Collections.emptyList(), result(ID_NAME_AMOUNT).rows());
    }
}
