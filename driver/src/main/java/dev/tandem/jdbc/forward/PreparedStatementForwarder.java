package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link PreparedStatement} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface PreparedStatementForwarder extends PreparedStatement, StatementForwarder {

    /** The object this one forwards to. */
    PreparedStatement delegate();

    @Override
    default void addBatch() throws SQLException {
        delegate().addBatch();
    }

    @Override
    default void clearParameters() throws SQLException {
        delegate().clearParameters();
    }

    @Override
    default boolean execute() throws SQLException {
        return delegate().execute();
    }

    @Override
    default long executeLargeUpdate() throws SQLException {
        return delegate().executeLargeUpdate();
    }

    @Override
    default ResultSet executeQuery() throws SQLException {
        return delegate().executeQuery();
    }

    @Override
    default int executeUpdate() throws SQLException {
        return delegate().executeUpdate();
    }

    @Override
    default ResultSetMetaData getMetaData() throws SQLException {
        return delegate().getMetaData();
    }

    @Override
    default ParameterMetaData getParameterMetaData() throws SQLException {
        return delegate().getParameterMetaData();
    }

    @Override
    default void setArray(int a0, Array a1) throws SQLException {
        delegate().setArray(a0, a1);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        delegate().setAsciiStream(a0, a1);
    }

    @Override
    default void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        delegate().setBigDecimal(a0, a1);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        delegate().setBinaryStream(a0, a1);
    }

    @Override
    default void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setBlob(a0, a1, a2);
    }

    @Override
    default void setBlob(int a0, java.io.InputStream a1) throws SQLException {
        delegate().setBlob(a0, a1);
    }

    @Override
    default void setBlob(int a0, Blob a1) throws SQLException {
        delegate().setBlob(a0, a1);
    }

    @Override
    default void setBoolean(int a0, boolean a1) throws SQLException {
        delegate().setBoolean(a0, a1);
    }

    @Override
    default void setByte(int a0, byte a1) throws SQLException {
        delegate().setByte(a0, a1);
    }

    @Override
    default void setBytes(int a0, byte[] a1) throws SQLException {
        delegate().setBytes(a0, a1);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        delegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        delegate().setCharacterStream(a0, a1);
    }

    @Override
    default void setClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setClob(a0, a1, a2);
    }

    @Override
    default void setClob(int a0, java.io.Reader a1) throws SQLException {
        delegate().setClob(a0, a1);
    }

    @Override
    default void setClob(int a0, Clob a1) throws SQLException {
        delegate().setClob(a0, a1);
    }

    @Override
    default void setDate(int a0, Date a1, java.util.Calendar a2) throws SQLException {
        delegate().setDate(a0, a1, a2);
    }

    @Override
    default void setDate(int a0, Date a1) throws SQLException {
        delegate().setDate(a0, a1);
    }

    @Override
    default void setDouble(int a0, double a1) throws SQLException {
        delegate().setDouble(a0, a1);
    }

    @Override
    default void setFloat(int a0, float a1) throws SQLException {
        delegate().setFloat(a0, a1);
    }

    @Override
    default void setInt(int a0, int a1) throws SQLException {
        delegate().setInt(a0, a1);
    }

    @Override
    default void setLong(int a0, long a1) throws SQLException {
        delegate().setLong(a0, a1);
    }

    @Override
    default void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setNCharacterStream(a0, a1, a2);
    }

    @Override
    default void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        delegate().setNCharacterStream(a0, a1);
    }

    @Override
    default void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setNClob(a0, a1, a2);
    }

    @Override
    default void setNClob(int a0, java.io.Reader a1) throws SQLException {
        delegate().setNClob(a0, a1);
    }

    @Override
    default void setNClob(int a0, NClob a1) throws SQLException {
        delegate().setNClob(a0, a1);
    }

    @Override
    default void setNString(int a0, String a1) throws SQLException {
        delegate().setNString(a0, a1);
    }

    @Override
    default void setNull(int a0, int a1, String a2) throws SQLException {
        delegate().setNull(a0, a1, a2);
    }

    @Override
    default void setNull(int a0, int a1) throws SQLException {
        delegate().setNull(a0, a1);
    }

    @Override
    default void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        delegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(int a0, Object a1, int a2) throws SQLException {
        delegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        delegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(int a0, Object a1, SQLType a2) throws SQLException {
        delegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(int a0, Object a1) throws SQLException {
        delegate().setObject(a0, a1);
    }

    @Override
    default void setRef(int a0, Ref a1) throws SQLException {
        delegate().setRef(a0, a1);
    }

    @Override
    default void setRowId(int a0, RowId a1) throws SQLException {
        delegate().setRowId(a0, a1);
    }

    @Override
    default void setSQLXML(int a0, SQLXML a1) throws SQLException {
        delegate().setSQLXML(a0, a1);
    }

    @Override
    default void setShort(int a0, short a1) throws SQLException {
        delegate().setShort(a0, a1);
    }

    @Override
    default void setString(int a0, String a1) throws SQLException {
        delegate().setString(a0, a1);
    }

    @Override
    default void setTime(int a0, Time a1, java.util.Calendar a2) throws SQLException {
        delegate().setTime(a0, a1, a2);
    }

    @Override
    default void setTime(int a0, Time a1) throws SQLException {
        delegate().setTime(a0, a1);
    }

    @Override
    default void setTimestamp(int a0, Timestamp a1, java.util.Calendar a2) throws SQLException {
        delegate().setTimestamp(a0, a1, a2);
    }

    @Override
    default void setTimestamp(int a0, Timestamp a1) throws SQLException {
        delegate().setTimestamp(a0, a1);
    }

    @Override
    default void setURL(int a0, java.net.URL a1) throws SQLException {
        delegate().setURL(a0, a1);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    default void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().setUnicodeStream(a0, a1, a2);
    }
}
