package dev.tandem.jdbc.params;

import dev.tandem.jdbc.forward.PreparedStatementForwarder;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Objects;

/**
 * Wraps a vendor {@link PreparedStatement} and records every parameter setter call the application makes, so that
 * the same parameters can later be bound onto another statement (see {@link BoundParameters#bindTo}).
 *
 * <p>Each setter first forwards the call to the vendor statement unchanged; only if that does not throw is a
 * {@link ParameterValue} recorded whose binder replays exactly that call (same overload, same extra arguments).
 * {@link #clearParameters()} forwards and clears the record. Everything else is forwarded by
 * {@link PreparedStatementForwarder}.
 *
 * <p>Mutable arguments ({@code byte[]}, {@code java.util.Date} and its {@code java.sql} subclasses, {@code Calendar})
 * are copied when recorded, so that an application reusing a buffer after the call does not change the record.
 * Streams and readers cannot be copied without reading them: they are recorded as-is and are single-use
 * ({@link ParameterValue#isStream()}). LOB, array, ref, row id and SQLXML objects are recorded by reference; they may
 * belong to the vendor connection that created them.
 *
 * <p>Values are never logged or put in exception messages.
 */
public final class RecordingPreparedStatement implements PreparedStatementForwarder {

    private final PreparedStatement vendor;
    /** Whether setters reach {@link #vendor} too (false: only recorded, the statement runs elsewhere). */
    private final boolean forward;
    private final BoundParameters parameters = new BoundParameters();

    public RecordingPreparedStatement(PreparedStatement vendor) {
        this(vendor, true);
    }

    /**
     * @param forward whether setters also reach {@code vendor}; false when the statement the application prepared
     *                cannot be prepared (its table is gone) and always runs translated, on another statement
     */
    public RecordingPreparedStatement(PreparedStatement vendor, boolean forward) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.forward = forward;
    }

    @Override
    public PreparedStatement delegate() {
        return vendor;
    }

    /** The live record of the parameters currently set; {@link BoundParameters#copy()} it to keep a snapshot. */
    public BoundParameters parameters() {
        return parameters;
    }

    private void record(int index, ParameterValue value) {
        if (index >= 1) { // the vendor accepted it; a driver lenient about index 0 is not our record's concern
            parameters.set(index, value);
        }
    }

    private static byte[] copy(byte[] x) {
        return x == null ? null : x.clone();
    }

    @SuppressWarnings("unchecked")
    private static <T extends java.util.Date> T copy(T x) {
        return x == null ? null : (T) x.clone();
    }

    private static Calendar copy(Calendar x) {
        return x == null ? null : (Calendar) x.clone();
    }

    /** A copy of a mutable {@code setObject} argument; immutable and uncopyable ones are returned as-is. */
    private static Object copyObject(Object x) {
        if (x instanceof byte[]) {
            return ((byte[]) x).clone();
        }
        if (x instanceof java.util.Date) {
            return ((java.util.Date) x).clone();
        }
        if (x instanceof Calendar) {
            return ((Calendar) x).clone();
        }
        return x;
    }

    /** A {@code setObject} value: single-use when it is a stream or reader. */
    private static ParameterValue objectValue(Object x, ParameterValue.Binder binder) {
        return x instanceof InputStream || x instanceof Reader
                ? ParameterValue.ofStream(x, binder)
                : ParameterValue.of(x, binder);
    }

    // ---- clearing ----

    @Override
    public void clearParameters() throws SQLException {
        vendor.clearParameters();
        parameters.clear();
    }

    // ---- nulls ----

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        if (forward) {
            vendor.setNull(parameterIndex, sqlType);
        }
        record(parameterIndex, ParameterValue.of(null, (t, i) -> t.setNull(i, sqlType)));
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        if (forward) {
            vendor.setNull(parameterIndex, sqlType, typeName);
        }
        record(parameterIndex, ParameterValue.of(null, (t, i) -> t.setNull(i, sqlType, typeName)));
    }

    // ---- primitives ----

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        if (forward) {
            vendor.setBoolean(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setBoolean(i, x)));
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        if (forward) {
            vendor.setByte(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setByte(i, x)));
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        if (forward) {
            vendor.setShort(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setShort(i, x)));
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        if (forward) {
            vendor.setInt(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setInt(i, x)));
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        if (forward) {
            vendor.setLong(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setLong(i, x)));
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        if (forward) {
            vendor.setFloat(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setFloat(i, x)));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        if (forward) {
            vendor.setDouble(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setDouble(i, x)));
    }

    // ---- immutable objects ----

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        if (forward) {
            vendor.setBigDecimal(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setBigDecimal(i, x)));
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        if (forward) {
            vendor.setString(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setString(i, x)));
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        if (forward) {
            vendor.setNString(parameterIndex, value);
        }
        record(parameterIndex, ParameterValue.of(value, (t, i) -> t.setNString(i, value)));
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        if (forward) {
            vendor.setURL(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setURL(i, x)));
    }

    // ---- mutable objects, copied ----

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        if (forward) {
            vendor.setBytes(parameterIndex, x);
        }
        byte[] v = copy(x);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setBytes(i, v)));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        if (forward) {
            vendor.setDate(parameterIndex, x);
        }
        Date v = copy(x);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setDate(i, v)));
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        if (forward) {
            vendor.setDate(parameterIndex, x, cal);
        }
        Date v = copy(x);
        Calendar c = copy(cal);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setDate(i, v, c)));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        if (forward) {
            vendor.setTime(parameterIndex, x);
        }
        Time v = copy(x);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setTime(i, v)));
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        if (forward) {
            vendor.setTime(parameterIndex, x, cal);
        }
        Time v = copy(x);
        Calendar c = copy(cal);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setTime(i, v, c)));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        if (forward) {
            vendor.setTimestamp(parameterIndex, x);
        }
        Timestamp v = copy(x);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setTimestamp(i, v)));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        if (forward) {
            vendor.setTimestamp(parameterIndex, x, cal);
        }
        Timestamp v = copy(x);
        Calendar c = copy(cal);
        record(parameterIndex, ParameterValue.of(v, (t, i) -> t.setTimestamp(i, v, c)));
    }

    // ---- setObject ----

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (forward) {
            vendor.setObject(parameterIndex, x);
        }
        Object v = copyObject(x);
        record(parameterIndex, objectValue(v, (t, i) -> t.setObject(i, v)));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (forward) {
            vendor.setObject(parameterIndex, x, targetSqlType);
        }
        Object v = copyObject(x);
        record(parameterIndex, objectValue(v, (t, i) -> t.setObject(i, v, targetSqlType)));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (forward) {
            vendor.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        }
        Object v = copyObject(x);
        record(parameterIndex, objectValue(v, (t, i) -> t.setObject(i, v, targetSqlType, scaleOrLength)));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        if (forward) {
            vendor.setObject(parameterIndex, x, targetSqlType);
        }
        Object v = copyObject(x);
        record(parameterIndex, objectValue(v, (t, i) -> t.setObject(i, v, targetSqlType)));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        if (forward) {
            vendor.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        }
        Object v = copyObject(x);
        record(parameterIndex, objectValue(v, (t, i) -> t.setObject(i, v, targetSqlType, scaleOrLength)));
    }

    // ---- streams and readers: single-use ----

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        if (forward) {
            vendor.setAsciiStream(parameterIndex, x, length);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setAsciiStream(i, x, length)));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        if (forward) {
            vendor.setAsciiStream(parameterIndex, x, length);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setAsciiStream(i, x, length)));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        if (forward) {
            vendor.setAsciiStream(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setAsciiStream(i, x)));
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        if (forward) {
            vendor.setUnicodeStream(parameterIndex, x, length);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setUnicodeStream(i, x, length)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        if (forward) {
            vendor.setBinaryStream(parameterIndex, x, length);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setBinaryStream(i, x, length)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        if (forward) {
            vendor.setBinaryStream(parameterIndex, x, length);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setBinaryStream(i, x, length)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        if (forward) {
            vendor.setBinaryStream(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.ofStream(x, (t, i) -> t.setBinaryStream(i, x)));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        if (forward) {
            vendor.setCharacterStream(parameterIndex, reader, length);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setCharacterStream(i, reader, length)));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        if (forward) {
            vendor.setCharacterStream(parameterIndex, reader, length);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setCharacterStream(i, reader, length)));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        if (forward) {
            vendor.setCharacterStream(parameterIndex, reader);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setCharacterStream(i, reader)));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        if (forward) {
            vendor.setNCharacterStream(parameterIndex, value, length);
        }
        record(parameterIndex, ParameterValue.ofStream(value, (t, i) -> t.setNCharacterStream(i, value, length)));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        if (forward) {
            vendor.setNCharacterStream(parameterIndex, value);
        }
        record(parameterIndex, ParameterValue.ofStream(value, (t, i) -> t.setNCharacterStream(i, value)));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        if (forward) {
            vendor.setBlob(parameterIndex, inputStream, length);
        }
        record(parameterIndex, ParameterValue.ofStream(inputStream, (t, i) -> t.setBlob(i, inputStream, length)));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        if (forward) {
            vendor.setBlob(parameterIndex, inputStream);
        }
        record(parameterIndex, ParameterValue.ofStream(inputStream, (t, i) -> t.setBlob(i, inputStream)));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        if (forward) {
            vendor.setClob(parameterIndex, reader, length);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setClob(i, reader, length)));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        if (forward) {
            vendor.setClob(parameterIndex, reader);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setClob(i, reader)));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        if (forward) {
            vendor.setNClob(parameterIndex, reader, length);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setNClob(i, reader, length)));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        if (forward) {
            vendor.setNClob(parameterIndex, reader);
        }
        record(parameterIndex, ParameterValue.ofStream(reader, (t, i) -> t.setNClob(i, reader)));
    }

    // ---- driver objects, recorded by reference ----

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        if (forward) {
            vendor.setBlob(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setBlob(i, x)));
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        if (forward) {
            vendor.setClob(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setClob(i, x)));
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        if (forward) {
            vendor.setNClob(parameterIndex, value);
        }
        record(parameterIndex, ParameterValue.of(value, (t, i) -> t.setNClob(i, value)));
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        if (forward) {
            vendor.setArray(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setArray(i, x)));
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        if (forward) {
            vendor.setRef(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setRef(i, x)));
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        if (forward) {
            vendor.setRowId(parameterIndex, x);
        }
        record(parameterIndex, ParameterValue.of(x, (t, i) -> t.setRowId(i, x)));
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        if (forward) {
            vendor.setSQLXML(parameterIndex, xmlObject);
        }
        record(parameterIndex, ParameterValue.of(xmlObject, (t, i) -> t.setSQLXML(i, xmlObject)));
    }

    // ---- wrapper ----

}
