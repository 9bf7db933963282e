package dev.tandem.jdbc.params;

import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every parameter setter of {@link PreparedStatement}, set through a {@link RecordingPreparedStatement} on an INSERT
 * into {@code t1}, then replayed with {@link BoundParameters#bindTo} onto a plain statement with the same INSERT into
 * an identical {@code t2}: both tables must then hold identical rows.
 *
 * <p><b>Streams are single-use.</b> A stream or reader is recorded as the very object the application passed, and
 * whoever reads it first consumes it. H2 reads it inside the setter itself (verified below), so with H2 a recorded
 * stream can be replayed only after the test rewinds it; this simulates a driver that reads streams only at
 * execution, with the first statement never executed. Binding a consumed stream silently binds what is left of it
 * (with H2: an empty LOB).
 */
class RecordingPreparedStatementTest {

    private static final String COLUMNS = "id INT PRIMARY KEY,"
            + " c_bool BOOLEAN, c_tiny TINYINT, c_small SMALLINT, c_int INTEGER, c_big BIGINT,"
            + " c_real REAL, c_double DOUBLE PRECISION, c_dec DECIMAL(20, 5),"
            + " c_varchar VARCHAR(200), c_nvarchar NATIONAL CHARACTER VARYING(200), c_binary VARBINARY(200),"
            + " c_date DATE, c_time TIME, c_ts TIMESTAMP(9), c_tstz TIMESTAMP(9) WITH TIME ZONE, c_uuid UUID,"
            + " c_clob CLOB, c_nclob NCLOB, c_blob BLOB, c_array INTEGER ARRAY";

    private static final String UNICODE = "héllo, wörld — 世界 🌍 Ωμέγα ✓";
    private static final byte[] BYTES = {0, 1, -1, 127, -128, 42, 13, 10};
    private static final String TEXT = "a long text value with unicode: " + UNICODE;
    private static final byte[] ASCII = "plain ascii text 123".getBytes(StandardCharsets.US_ASCII);

    /** A zone other than the JVM default, with a non-whole-hour offset. */
    private static final TimeZone OTHER_ZONE = otherZone();

    private Connection conn;

    private static TimeZone otherZone() {
        for (String id : List.of("Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns")) {
            TimeZone z = TimeZone.getTimeZone(id);
            if (!z.hasSameRules(TimeZone.getDefault())) {
                return z;
            }
        }
        throw new IllegalStateException("no usable time zone");
    }

    private static Calendar otherCalendar() {
        return Calendar.getInstance(OTHER_ZONE);
    }

    @BeforeEach
    void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:h2:mem:rec_" + UUID.randomUUID());
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t1 (" + COLUMNS + ")");
            s.execute("CREATE TABLE t2 (" + COLUMNS + ")");
        }
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One case per setter overload
    // ---------------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Setter {
        void set(Connection conn, PreparedStatement ps, int index) throws Exception;
    }

    enum Kind { VALUE, NULL, STREAM }

    /**
     * @param column the column of t1/t2 the value goes into
     * @param check  a predicate that the row inserted into t1 must satisfy, so that the comparison is never vacuous
     */
    record Case(String column, Kind kind, String check, Setter setter) {
    }

    private static Arguments c(String name, String column, Kind kind, String check, Setter setter) {
        return Arguments.of(Named.of(name, new Case(column, kind, check, setter)));
    }

    @SuppressWarnings("deprecation")
    static Stream<Arguments> setters() {
        Kind V = Kind.VALUE;
        Kind N = Kind.NULL;
        Kind S = Kind.STREAM;
        return Stream.of(
                c("setNull(int,int)", "c_int", N, "c_int IS NULL", (k, ps, i) -> ps.setNull(i, Types.INTEGER)),
                c("setNull(int,int,String)", "c_varchar", N, "c_varchar IS NULL",
                        (k, ps, i) -> ps.setNull(i, Types.VARCHAR, "VARCHAR")),
                c("setNull(int,int,String) array", "c_array", N, "c_array IS NULL",
                        (k, ps, i) -> ps.setNull(i, Types.ARRAY, "INTEGER ARRAY")),
                c("setBoolean", "c_bool", V, "c_bool = TRUE", (k, ps, i) -> ps.setBoolean(i, true)),
                c("setByte", "c_tiny", V, "c_tiny = -7", (k, ps, i) -> ps.setByte(i, (byte) -7)),
                c("setShort", "c_small", V, "c_small = 1234", (k, ps, i) -> ps.setShort(i, (short) 1234)),
                c("setInt", "c_int", V, "c_int = -42", (k, ps, i) -> ps.setInt(i, -42)),
                c("setLong", "c_big", V, "c_big = 9223372036854775806",
                        (k, ps, i) -> ps.setLong(i, Long.MAX_VALUE - 1)),
                c("setFloat", "c_real", V, "c_real = 1.5", (k, ps, i) -> ps.setFloat(i, 1.5f)),
                c("setDouble", "c_double", V, "c_double = 3.141592653589793", (k, ps, i) -> ps.setDouble(i, Math.PI)),
                c("setBigDecimal", "c_dec", V, "c_dec = 12345.67891",
                        (k, ps, i) -> ps.setBigDecimal(i, new BigDecimal("12345.67891"))),
                c("setBigDecimal null", "c_dec", N, "c_dec IS NULL", (k, ps, i) -> ps.setBigDecimal(i, null)),
                c("setString unicode", "c_varchar", V, "c_varchar = '" + UNICODE + "'",
                        (k, ps, i) -> ps.setString(i, UNICODE)),
                c("setString null", "c_varchar", N, "c_varchar IS NULL", (k, ps, i) -> ps.setString(i, null)),
                c("setNString", "c_nvarchar", V, "c_nvarchar = '" + UNICODE + "'",
                        (k, ps, i) -> ps.setNString(i, UNICODE)),
                c("setBytes", "c_binary", V, "c_binary = X'0001FF7F802A0D0A'", (k, ps, i) -> ps.setBytes(i, BYTES)),
                c("setBytes null", "c_binary", N, "c_binary IS NULL", (k, ps, i) -> ps.setBytes(i, null)),
                c("setDate", "c_date", V, "c_date = DATE '2024-02-29'",
                        (k, ps, i) -> ps.setDate(i, Date.valueOf("2024-02-29"))),
                c("setDate(Calendar)", "c_date", V, "c_date IS NOT NULL",
                        (k, ps, i) -> ps.setDate(i, Date.valueOf("2024-02-29"), otherCalendar())),
                c("setTime", "c_time", V, "c_time = TIME '23:59:58'",
                        (k, ps, i) -> ps.setTime(i, Time.valueOf("23:59:58"))),
                c("setTime(Calendar)", "c_time", V, "c_time IS NOT NULL",
                        (k, ps, i) -> ps.setTime(i, Time.valueOf("23:59:58"), otherCalendar())),
                c("setTimestamp", "c_ts", V, "c_ts = TIMESTAMP '2031-12-25 13:14:15.123456789'",
                        (k, ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2031-12-25 13:14:15.123456789"))),
                c("setTimestamp(Calendar)", "c_ts", V, "c_ts IS NOT NULL",
                        (k, ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2031-12-25 13:14:15.123456789"),
                                otherCalendar())),
                c("setTimestamp(Calendar) into TIMESTAMP WITH TIME ZONE", "c_tstz", V, "c_tstz IS NOT NULL",
                        (k, ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2031-12-25 13:14:15.5"), otherCalendar())),
                c("setObject(int,Object) UUID", "c_uuid", V, "c_uuid = '0b0e2a3c-8f3a-4c11-9a55-6f6b0d7e1a2b'",
                        (k, ps, i) -> ps.setObject(i, UUID.fromString("0b0e2a3c-8f3a-4c11-9a55-6f6b0d7e1a2b"))),
                c("setObject(int,Object) LocalDateTime", "c_ts", V, "c_ts = TIMESTAMP '1999-12-31 23:59:59.999'",
                        (k, ps, i) -> ps.setObject(i, LocalDateTime.parse("1999-12-31T23:59:59.999"))),
                c("setObject(int,Object) OffsetDateTime", "c_tstz", V,
                        "c_tstz = TIMESTAMP WITH TIME ZONE '2020-06-01 10:00:00+05:30'",
                        (k, ps, i) -> ps.setObject(i, OffsetDateTime.of(2020, 6, 1, 10, 0, 0, 0,
                                ZoneOffset.ofHoursMinutes(5, 30)))),
                c("setObject(int,Object) null", "c_varchar", N, "c_varchar IS NULL",
                        (k, ps, i) -> ps.setObject(i, null)),
                c("setObject(int,Object,int)", "c_int", V, "c_int = 123",
                        (k, ps, i) -> ps.setObject(i, "123", Types.INTEGER)),
                c("setObject(int,Object,int) null", "c_int", N, "c_int IS NULL",
                        (k, ps, i) -> ps.setObject(i, null, Types.INTEGER)),
                c("setObject(int,Object,int,int) with scale", "c_dec", V, "c_dec IS NOT NULL",
                        (k, ps, i) -> ps.setObject(i, new BigDecimal("3.14159265"), Types.DECIMAL, 2)),
                c("setObject(int,Object,SQLType)", "c_big", V, "c_big = 99",
                        (k, ps, i) -> ps.setObject(i, 99, JDBCType.BIGINT)),
                c("setObject(int,Object,SQLType,int)", "c_dec", V, "c_dec IS NOT NULL",
                        (k, ps, i) -> ps.setObject(i, 2.675d, JDBCType.DECIMAL, 2)),
                c("setObject(int,Object,int) InputStream", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setObject(i, new ByteArrayInputStream(BYTES), Types.BLOB)),
                c("setAsciiStream(int,InputStream,int)", "c_clob", S, "c_clob = 'plain ascii text 123'",
                        (k, ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ASCII), ASCII.length)),
                c("setAsciiStream(int,InputStream,long)", "c_clob", S, "c_clob = 'plain ascii text 123'",
                        (k, ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ASCII), (long) ASCII.length)),
                c("setAsciiStream(int,InputStream)", "c_clob", S, "c_clob = 'plain ascii text 123'",
                        (k, ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ASCII))),
                c("setBinaryStream(int,InputStream,int)", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES), BYTES.length)),
                c("setBinaryStream(int,InputStream,long)", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES), (long) BYTES.length)),
                c("setBinaryStream(int,InputStream)", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES))),
                c("setBinaryStream(int,InputStream) null", "c_blob", N, "c_blob IS NULL",
                        (k, ps, i) -> ps.setBinaryStream(i, null)),
                c("setCharacterStream(int,Reader,int)", "c_clob", S, "c_clob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setCharacterStream(i, new StringReader(TEXT), TEXT.length())),
                c("setCharacterStream(int,Reader,long)", "c_clob", S, "c_clob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setCharacterStream(i, new StringReader(TEXT), (long) TEXT.length())),
                c("setCharacterStream(int,Reader)", "c_clob", S, "c_clob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setCharacterStream(i, new StringReader(TEXT))),
                c("setNCharacterStream(int,Reader,long)", "c_nclob", S, "c_nclob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setNCharacterStream(i, new StringReader(TEXT), (long) TEXT.length())),
                c("setNCharacterStream(int,Reader)", "c_nvarchar", S, "c_nvarchar = '" + UNICODE + "'",
                        (k, ps, i) -> ps.setNCharacterStream(i, new StringReader(UNICODE))),
                c("setBlob(int,InputStream,long)", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setBlob(i, new ByteArrayInputStream(BYTES), BYTES.length)),
                c("setBlob(int,InputStream)", "c_blob", S, "c_blob = X'0001FF7F802A0D0A'",
                        (k, ps, i) -> ps.setBlob(i, new ByteArrayInputStream(BYTES))),
                c("setBlob(int,Blob)", "c_blob", V, "c_blob = X'0001FF7F802A0D0A'", (k, ps, i) -> {
                    Blob b = k.createBlob();
                    b.setBytes(1, BYTES);
                    ps.setBlob(i, b);
                }),
                c("setClob(int,Reader,long)", "c_clob", S, "c_clob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setClob(i, new StringReader(TEXT), TEXT.length())),
                c("setClob(int,Reader)", "c_clob", S, "c_clob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setClob(i, new StringReader(TEXT))),
                c("setClob(int,Clob)", "c_clob", V, "c_clob = '" + TEXT + "'", (k, ps, i) -> {
                    Clob cl = k.createClob();
                    cl.setString(1, TEXT);
                    ps.setClob(i, cl);
                }),
                c("setNClob(int,Reader,long)", "c_nclob", S, "c_nclob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setNClob(i, new StringReader(TEXT), TEXT.length())),
                c("setNClob(int,Reader)", "c_nclob", S, "c_nclob = '" + TEXT + "'",
                        (k, ps, i) -> ps.setNClob(i, new StringReader(TEXT))),
                c("setNClob(int,NClob)", "c_nclob", V, "c_nclob = '" + TEXT + "'", (k, ps, i) -> {
                    NClob n = k.createNClob();
                    n.setString(1, TEXT);
                    ps.setNClob(i, n);
                }),
                c("setArray", "c_array", V, "c_array = ARRAY[3, 1, 2]",
                        (k, ps, i) -> ps.setArray(i, k.createArrayOf("INTEGER", new Integer[] {3, 1, 2}))),
                c("setSQLXML", "c_clob", V, "c_clob = '<doc><p>" + UNICODE + "</p></doc>'", (k, ps, i) -> {
                    SQLXML x = k.createSQLXML();
                    x.setString("<doc><p>" + UNICODE + "</p></doc>");
                    ps.setSQLXML(i, x);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setters")
    void everySetterReplaysOntoASecondStatement(Case c) throws Exception {
        ParameterValue recorded;
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, " + c.column() + ") VALUES (?, ?)"))) {
            rec.setInt(1, 1);
            c.setter().set(conn, rec, 2);
            assertEquals(1, rec.executeUpdate());

            BoundParameters params = rec.parameters();
            assertEquals(2, params.highestIndex());
            recorded = params.get(2);
            assertNotNull(recorded);
            assertEquals(c.kind() == Kind.NULL, recorded.isNull(), "isNull");
            assertEquals(c.kind() == Kind.STREAM, recorded.isStream(), "isStream");
            if (recorded.value() != null) {
                assertFalse(recorded.toString().contains(String.valueOf(recorded.value())), recorded.toString());
            }
            if (recorded.isStream()) {
                // The first statement consumed the stream (H2 reads it inside the setter). Rewind it to stand for a
                // stream that the first statement has not consumed: only then can it be replayed, and only once.
                rewind(recorded.value());
            }

            try (PreparedStatement plain = conn.prepareStatement(
                    "INSERT INTO t2 (id, " + c.column() + ") VALUES (?, ?)")) {
                params.bindTo(plain);
                assertEquals(1, plain.executeUpdate());
            }
        }
        assertEquals(1, count("SELECT COUNT(*) FROM t1 WHERE " + c.check()), "t1 satisfies " + c.check());
        assertTablesIdentical();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Focused tests
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void calendarInANonDefaultZoneIsReplayedAndCopied() throws SQLException {
        Timestamp ts = Timestamp.valueOf("2031-12-25 13:14:15.123456789");
        Date date = Date.valueOf("2024-02-29");
        Time time = Time.valueOf("23:30:00");
        Calendar cal = otherCalendar();
        String insert = "INSERT INTO %s (id, c_ts, c_tstz, c_date, c_time) VALUES (?, ?, ?, ?, ?)";
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement(String.format(insert, "t1")))) {
            rec.setInt(1, 1);
            rec.setTimestamp(2, ts, cal);
            rec.setTimestamp(3, ts, cal);
            rec.setDate(4, date, cal);
            rec.setTime(5, time, cal);
            rec.executeUpdate();

            // The application changes its Calendar and Timestamp afterwards: the record keeps what was set.
            cal.setTimeZone(TimeZone.getDefault());
            ts.setNanos(0);
            date.setTime(0);

            try (PreparedStatement plain = conn.prepareStatement(String.format(insert, "t2"))) {
                rec.parameters().bindTo(plain, new int[] {1, 2, 3, 4, 5});
                plain.executeUpdate();
            }
        }
        assertTablesIdentical();

        // The Calendar really was used: read back with it, the instant is the original; without it, it is not.
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT c_ts FROM t2")) {
            assertTrue(rs.next());
            Timestamp original = Timestamp.valueOf("2031-12-25 13:14:15.123456789");
            assertEquals(original, rs.getTimestamp(1, otherCalendar()));
            assertNotEquals(original, rs.getTimestamp(1));
        }
    }

    @Test
    void mutableArgumentsAreCopiedWhenRecorded() throws SQLException {
        byte[] buffer = BYTES.clone();
        Timestamp ts = Timestamp.valueOf("2020-01-01 00:00:00.5");
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, c_binary, c_ts, c_varchar) VALUES (?, ?, ?, ?)"))) {
            rec.setInt(1, 1);
            rec.setBytes(2, buffer);
            rec.setTimestamp(3, ts);
            rec.setObject(4, buffer, Types.VARBINARY);
            rec.executeUpdate();

            buffer[0] = 99; // an application reusing its buffer
            ts.setTime(0);
            try (PreparedStatement plain = conn.prepareStatement(
                    "INSERT INTO t2 (id, c_binary, c_ts, c_varchar) VALUES (?, ?, ?, ?)")) {
                rec.parameters().bindTo(plain);
                plain.executeUpdate();
            }
            assertArrayEquals(BYTES, (byte[]) rec.parameters().get(2).value());
        }
        assertTablesIdentical();
    }

    @Test
    void streamRecordedWithoutExecutingTheFirstStatementCanBeReplayedOnlyOnce() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(BYTES);
        StringReader reader = new StringReader(TEXT);
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, c_blob, c_clob) VALUES (?, ?, ?)"))) {
            rec.setInt(1, 1);
            rec.setBinaryStream(2, in, (long) BYTES.length);
            rec.setCharacterStream(3, reader);
            // rec is never executed.

            assertTrue(rec.parameters().get(2).isStream());
            assertSame(in, rec.parameters().get(2).value());
            assertSame(reader, rec.parameters().get(3).value());

            // Caveat, documented: H2 reads a stream inside the setter, before any execution, so forwarding to H2
            // consumes it. Rewind to stand for a driver that reads streams only when the statement is executed.
            assertEquals(0, in.available(), "H2 consumed the stream in the setter");
            in.reset();
            reader.reset();

            try (PreparedStatement plain = conn.prepareStatement(
                    "INSERT INTO t2 (id, c_blob, c_clob) VALUES (?, ?, ?)")) {
                rec.parameters().bindTo(plain);
                assertEquals(1, plain.executeUpdate());
            }
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT c_blob, c_clob FROM t2")) {
                assertTrue(rs.next());
                assertArrayEquals(BYTES, rs.getBytes(1));
                assertEquals(TEXT, rs.getString(2));
            }

            // Single use: the replay consumed the stream; binding it again binds an exhausted stream (H2: empty).
            try (PreparedStatement again = conn.prepareStatement("SELECT OCTET_LENGTH(?), CHAR_LENGTH(?)")) {
                rec.parameters().bindTo(again, new int[] {2, 3});
                try (ResultSet rs = again.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getLong(1));
                    assertEquals(0, rs.getLong(2));
                }
            }
        }
    }

    @Test
    void clearParametersForwardsAndClearsTheRecord() throws SQLException {
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, c_varchar) VALUES (?, ?)"))) {
            rec.setInt(1, 1);
            rec.setString(2, "one");
            assertEquals(2, rec.parameters().highestIndex());
            BoundParameters before = rec.parameters().copy();

            rec.clearParameters();
            assertEquals(0, rec.parameters().highestIndex());
            assertNull(rec.parameters().get(1));
            assertThrows(SQLException.class, rec::executeUpdate, "the vendor statement was cleared too");

            assertEquals(2, before.highestIndex(), "a copy taken before is unaffected");

            rec.setInt(1, 2);
            rec.setString(2, "two");
            assertEquals(1, rec.executeUpdate());
            try (PreparedStatement plain = conn.prepareStatement("INSERT INTO t2 (id, c_varchar) VALUES (?, ?)")) {
                rec.parameters().bindTo(plain);
                plain.executeUpdate();
            }
        }
        assertTablesIdentical();
        assertEquals(1, count("SELECT COUNT(*) FROM t2 WHERE id = 2 AND c_varchar = 'two'"));
    }

    @Test
    void aCopyIsASnapshotAcrossExecutions() throws SQLException {
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, c_varchar) VALUES (?, ?)"));
             PreparedStatement plain = conn.prepareStatement("INSERT INTO t2 (id, c_varchar) VALUES (?, ?)")) {
            rec.setInt(1, 1);
            rec.setString(2, "first");
            rec.executeUpdate();
            BoundParameters first = rec.parameters().copy();

            rec.setInt(1, 2);
            rec.setString(2, "second");
            rec.executeUpdate();
            BoundParameters second = rec.parameters().copy();
            rec.clearParameters();

            first.bindTo(plain);
            plain.executeUpdate();
            second.bindTo(plain);
            plain.executeUpdate();
        }
        assertTablesIdentical();
        assertEquals(2, count("SELECT COUNT(*) FROM t2"));
    }

    @Test
    void aSetterTheVendorRejectsIsNotRecorded() throws Exception {
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(
                conn.prepareStatement("INSERT INTO t1 (id, c_varchar) VALUES (?, ?)"))) {
            rec.setString(2, "kept");
            ParameterValue kept = rec.parameters().get(2);

            assertThrows(SQLException.class, () -> rec.setInt(3, 1), "index out of range");
            assertThrows(SQLException.class, () -> rec.setString(0, "x"), "index out of range");
            assertEquals(2, rec.parameters().highestIndex());

            // Setters H2 does not support: the vendor's exception comes through and nothing is recorded.
            List<Setter> unsupported = List.of(
                    (k, ps, i) -> ps.setURL(i, new URL("https://example.com/")),
                    (k, ps, i) -> ps.setRef(i, null),
                    (k, ps, i) -> ps.setRowId(i, null),
                    (k, ps, i) -> unicodeStream(ps, i));
            for (Setter s : unsupported) {
                assertThrows(SQLFeatureNotSupportedException.class, () -> s.set(conn, rec, 2));
                assertSame(kept, rec.parameters().get(2));
            }
            assertNull(rec.parameters().get(1));
        }
    }

    @SuppressWarnings("deprecation")
    private static void unicodeStream(PreparedStatement ps, int i) throws SQLException {
        ps.setUnicodeStream(i, new ByteArrayInputStream(new byte[] {0, 65}), 2);
    }

    @Test
    void unwrapAndDelegate() throws SQLException {
        PreparedStatement vendor = conn.prepareStatement("SELECT 1");
        try (RecordingPreparedStatement rec = new RecordingPreparedStatement(vendor)) {
            assertSame(vendor, rec.delegate());
            assertSame(rec, rec.unwrap(RecordingPreparedStatement.class));
            assertSame(rec, rec.unwrap(PreparedStatement.class));
            assertSame(vendor, rec.unwrap(JdbcPreparedStatement.class));
            assertTrue(rec.isWrapperFor(RecordingPreparedStatement.class));
            assertTrue(rec.isWrapperFor(JdbcPreparedStatement.class));
            assertFalse(rec.isWrapperFor(Connection.class));
            assertThrows(SQLException.class, () -> rec.unwrap(Connection.class));

            // Everything else is forwarded.
            try (ResultSet rs = rec.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
        assertTrue(vendor.isClosed(), "close() is forwarded");
        assertThrows(NullPointerException.class, () -> new RecordingPreparedStatement(null));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    private static void rewind(Object stream) throws IOException {
        if (stream instanceof InputStream) {
            ((InputStream) stream).reset();
        } else {
            ((Reader) stream).reset();
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** Same number of rows, and no row of either table is missing from the other, compared by SQL. */
    private void assertTablesIdentical() throws SQLException {
        long rows = count("SELECT COUNT(*) FROM t1");
        assertTrue(rows > 0, "t1 is not empty");
        assertEquals(rows, count("SELECT COUNT(*) FROM t2"), "row counts");
        assertEquals(0, count("SELECT COUNT(*) FROM (SELECT * FROM t1 EXCEPT SELECT * FROM t2)"), "t1 EXCEPT t2");
        assertEquals(0, count("SELECT COUNT(*) FROM (SELECT * FROM t2 EXCEPT SELECT * FROM t1)"), "t2 EXCEPT t1");
    }
}
