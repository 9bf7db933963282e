package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link CallableStatement} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface CallableStatementForwarder extends CallableStatement, PreparedStatementForwarder {

    /** The object this one forwards to. */
    CallableStatement delegate();

    @Override
    default Array getArray(String a0) throws SQLException {
        return delegate().getArray(a0);
    }

    @Override
    default Array getArray(int a0) throws SQLException {
        return delegate().getArray(a0);
    }

    @Override
    default java.math.BigDecimal getBigDecimal(String a0) throws SQLException {
        return delegate().getBigDecimal(a0);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    default java.math.BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
        return delegate().getBigDecimal(a0, a1);
    }

    @Override
    default java.math.BigDecimal getBigDecimal(int a0) throws SQLException {
        return delegate().getBigDecimal(a0);
    }

    @Override
    default Blob getBlob(String a0) throws SQLException {
        return delegate().getBlob(a0);
    }

    @Override
    default Blob getBlob(int a0) throws SQLException {
        return delegate().getBlob(a0);
    }

    @Override
    default boolean getBoolean(String a0) throws SQLException {
        return delegate().getBoolean(a0);
    }

    @Override
    default boolean getBoolean(int a0) throws SQLException {
        return delegate().getBoolean(a0);
    }

    @Override
    default byte getByte(String a0) throws SQLException {
        return delegate().getByte(a0);
    }

    @Override
    default byte getByte(int a0) throws SQLException {
        return delegate().getByte(a0);
    }

    @Override
    default byte[] getBytes(String a0) throws SQLException {
        return delegate().getBytes(a0);
    }

    @Override
    default byte[] getBytes(int a0) throws SQLException {
        return delegate().getBytes(a0);
    }

    @Override
    default java.io.Reader getCharacterStream(String a0) throws SQLException {
        return delegate().getCharacterStream(a0);
    }

    @Override
    default java.io.Reader getCharacterStream(int a0) throws SQLException {
        return delegate().getCharacterStream(a0);
    }

    @Override
    default Clob getClob(String a0) throws SQLException {
        return delegate().getClob(a0);
    }

    @Override
    default Clob getClob(int a0) throws SQLException {
        return delegate().getClob(a0);
    }

    @Override
    default Date getDate(String a0, java.util.Calendar a1) throws SQLException {
        return delegate().getDate(a0, a1);
    }

    @Override
    default Date getDate(String a0) throws SQLException {
        return delegate().getDate(a0);
    }

    @Override
    default Date getDate(int a0, java.util.Calendar a1) throws SQLException {
        return delegate().getDate(a0, a1);
    }

    @Override
    default Date getDate(int a0) throws SQLException {
        return delegate().getDate(a0);
    }

    @Override
    default double getDouble(String a0) throws SQLException {
        return delegate().getDouble(a0);
    }

    @Override
    default double getDouble(int a0) throws SQLException {
        return delegate().getDouble(a0);
    }

    @Override
    default float getFloat(String a0) throws SQLException {
        return delegate().getFloat(a0);
    }

    @Override
    default float getFloat(int a0) throws SQLException {
        return delegate().getFloat(a0);
    }

    @Override
    default int getInt(String a0) throws SQLException {
        return delegate().getInt(a0);
    }

    @Override
    default int getInt(int a0) throws SQLException {
        return delegate().getInt(a0);
    }

    @Override
    default long getLong(String a0) throws SQLException {
        return delegate().getLong(a0);
    }

    @Override
    default long getLong(int a0) throws SQLException {
        return delegate().getLong(a0);
    }

    @Override
    default java.io.Reader getNCharacterStream(String a0) throws SQLException {
        return delegate().getNCharacterStream(a0);
    }

    @Override
    default java.io.Reader getNCharacterStream(int a0) throws SQLException {
        return delegate().getNCharacterStream(a0);
    }

    @Override
    default NClob getNClob(String a0) throws SQLException {
        return delegate().getNClob(a0);
    }

    @Override
    default NClob getNClob(int a0) throws SQLException {
        return delegate().getNClob(a0);
    }

    @Override
    default String getNString(String a0) throws SQLException {
        return delegate().getNString(a0);
    }

    @Override
    default String getNString(int a0) throws SQLException {
        return delegate().getNString(a0);
    }

    @Override
    default <T> T getObject(String a0, Class<T> a1) throws SQLException {
        return delegate().getObject(a0, a1);
    }

    @Override
    default Object getObject(String a0, java.util.Map<String, Class<?>> a1) throws SQLException {
        return delegate().getObject(a0, a1);
    }

    @Override
    default Object getObject(String a0) throws SQLException {
        return delegate().getObject(a0);
    }

    @Override
    default <T> T getObject(int a0, Class<T> a1) throws SQLException {
        return delegate().getObject(a0, a1);
    }

    @Override
    default Object getObject(int a0, java.util.Map<String, Class<?>> a1) throws SQLException {
        return delegate().getObject(a0, a1);
    }

    @Override
    default Object getObject(int a0) throws SQLException {
        return delegate().getObject(a0);
    }

    @Override
    default Ref getRef(String a0) throws SQLException {
        return delegate().getRef(a0);
    }

    @Override
    default Ref getRef(int a0) throws SQLException {
        return delegate().getRef(a0);
    }

    @Override
    default RowId getRowId(String a0) throws SQLException {
        return delegate().getRowId(a0);
    }

    @Override
    default RowId getRowId(int a0) throws SQLException {
        return delegate().getRowId(a0);
    }

    @Override
    default SQLXML getSQLXML(String a0) throws SQLException {
        return delegate().getSQLXML(a0);
    }

    @Override
    default SQLXML getSQLXML(int a0) throws SQLException {
        return delegate().getSQLXML(a0);
    }

    @Override
    default short getShort(String a0) throws SQLException {
        return delegate().getShort(a0);
    }

    @Override
    default short getShort(int a0) throws SQLException {
        return delegate().getShort(a0);
    }

    @Override
    default String getString(String a0) throws SQLException {
        return delegate().getString(a0);
    }

    @Override
    default String getString(int a0) throws SQLException {
        return delegate().getString(a0);
    }

    @Override
    default Time getTime(String a0, java.util.Calendar a1) throws SQLException {
        return delegate().getTime(a0, a1);
    }

    @Override
    default Time getTime(String a0) throws SQLException {
        return delegate().getTime(a0);
    }

    @Override
    default Time getTime(int a0, java.util.Calendar a1) throws SQLException {
        return delegate().getTime(a0, a1);
    }

    @Override
    default Time getTime(int a0) throws SQLException {
        return delegate().getTime(a0);
    }

    @Override
    default Timestamp getTimestamp(String a0, java.util.Calendar a1) throws SQLException {
        return delegate().getTimestamp(a0, a1);
    }

    @Override
    default Timestamp getTimestamp(String a0) throws SQLException {
        return delegate().getTimestamp(a0);
    }

    @Override
    default Timestamp getTimestamp(int a0, java.util.Calendar a1) throws SQLException {
        return delegate().getTimestamp(a0, a1);
    }

    @Override
    default Timestamp getTimestamp(int a0) throws SQLException {
        return delegate().getTimestamp(a0);
    }

    @Override
    default java.net.URL getURL(String a0) throws SQLException {
        return delegate().getURL(a0);
    }

    @Override
    default java.net.URL getURL(int a0) throws SQLException {
        return delegate().getURL(a0);
    }

    @Override
    default void registerOutParameter(String a0, int a1, String a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(String a0, int a1, int a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(String a0, int a1) throws SQLException {
        delegate().registerOutParameter(a0, a1);
    }

    @Override
    default void registerOutParameter(String a0, SQLType a1, String a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(String a0, SQLType a1, int a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(String a0, SQLType a1) throws SQLException {
        delegate().registerOutParameter(a0, a1);
    }

    @Override
    default void registerOutParameter(int a0, int a1, String a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(int a0, int a1, int a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(int a0, int a1) throws SQLException {
        delegate().registerOutParameter(a0, a1);
    }

    @Override
    default void registerOutParameter(int a0, SQLType a1, String a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(int a0, SQLType a1, int a2) throws SQLException {
        delegate().registerOutParameter(a0, a1, a2);
    }

    @Override
    default void registerOutParameter(int a0, SQLType a1) throws SQLException {
        delegate().registerOutParameter(a0, a1);
    }

    @Override
    default void setAsciiStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(String a0, java.io.InputStream a1) throws SQLException {
        delegate().setAsciiStream(a0, a1);
    }

    @Override
    default void setBigDecimal(String a0, java.math.BigDecimal a1) throws SQLException {
        delegate().setBigDecimal(a0, a1);
    }

    @Override
    default void setBinaryStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(String a0, java.io.InputStream a1) throws SQLException {
        delegate().setBinaryStream(a0, a1);
    }

    @Override
    default void setBlob(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().setBlob(a0, a1, a2);
    }

    @Override
    default void setBlob(String a0, java.io.InputStream a1) throws SQLException {
        delegate().setBlob(a0, a1);
    }

    @Override
    default void setBlob(String a0, Blob a1) throws SQLException {
        delegate().setBlob(a0, a1);
    }

    @Override
    default void setBoolean(String a0, boolean a1) throws SQLException {
        delegate().setBoolean(a0, a1);
    }

    @Override
    default void setByte(String a0, byte a1) throws SQLException {
        delegate().setByte(a0, a1);
    }

    @Override
    default void setBytes(String a0, byte[] a1) throws SQLException {
        delegate().setBytes(a0, a1);
    }

    @Override
    default void setCharacterStream(String a0, java.io.Reader a1, int a2) throws SQLException {
        delegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        delegate().setCharacterStream(a0, a1);
    }

    @Override
    default void setClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setClob(a0, a1, a2);
    }

    @Override
    default void setClob(String a0, java.io.Reader a1) throws SQLException {
        delegate().setClob(a0, a1);
    }

    @Override
    default void setClob(String a0, Clob a1) throws SQLException {
        delegate().setClob(a0, a1);
    }

    @Override
    default void setDate(String a0, Date a1, java.util.Calendar a2) throws SQLException {
        delegate().setDate(a0, a1, a2);
    }

    @Override
    default void setDate(String a0, Date a1) throws SQLException {
        delegate().setDate(a0, a1);
    }

    @Override
    default void setDouble(String a0, double a1) throws SQLException {
        delegate().setDouble(a0, a1);
    }

    @Override
    default void setFloat(String a0, float a1) throws SQLException {
        delegate().setFloat(a0, a1);
    }

    @Override
    default void setInt(String a0, int a1) throws SQLException {
        delegate().setInt(a0, a1);
    }

    @Override
    default void setLong(String a0, long a1) throws SQLException {
        delegate().setLong(a0, a1);
    }

    @Override
    default void setNCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setNCharacterStream(a0, a1, a2);
    }

    @Override
    default void setNCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        delegate().setNCharacterStream(a0, a1);
    }

    @Override
    default void setNClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().setNClob(a0, a1, a2);
    }

    @Override
    default void setNClob(String a0, java.io.Reader a1) throws SQLException {
        delegate().setNClob(a0, a1);
    }

    @Override
    default void setNClob(String a0, NClob a1) throws SQLException {
        delegate().setNClob(a0, a1);
    }

    @Override
    default void setNString(String a0, String a1) throws SQLException {
        delegate().setNString(a0, a1);
    }

    @Override
    default void setNull(String a0, int a1, String a2) throws SQLException {
        delegate().setNull(a0, a1, a2);
    }

    @Override
    default void setNull(String a0, int a1) throws SQLException {
        delegate().setNull(a0, a1);
    }

    @Override
    default void setObject(String a0, Object a1, int a2, int a3) throws SQLException {
        delegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(String a0, Object a1, int a2) throws SQLException {
        delegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(String a0, Object a1, SQLType a2, int a3) throws SQLException {
        delegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(String a0, Object a1, SQLType a2) throws SQLException {
        delegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(String a0, Object a1) throws SQLException {
        delegate().setObject(a0, a1);
    }

    @Override
    default void setRowId(String a0, RowId a1) throws SQLException {
        delegate().setRowId(a0, a1);
    }

    @Override
    default void setSQLXML(String a0, SQLXML a1) throws SQLException {
        delegate().setSQLXML(a0, a1);
    }

    @Override
    default void setShort(String a0, short a1) throws SQLException {
        delegate().setShort(a0, a1);
    }

    @Override
    default void setString(String a0, String a1) throws SQLException {
        delegate().setString(a0, a1);
    }

    @Override
    default void setTime(String a0, Time a1, java.util.Calendar a2) throws SQLException {
        delegate().setTime(a0, a1, a2);
    }

    @Override
    default void setTime(String a0, Time a1) throws SQLException {
        delegate().setTime(a0, a1);
    }

    @Override
    default void setTimestamp(String a0, Timestamp a1, java.util.Calendar a2) throws SQLException {
        delegate().setTimestamp(a0, a1, a2);
    }

    @Override
    default void setTimestamp(String a0, Timestamp a1) throws SQLException {
        delegate().setTimestamp(a0, a1);
    }

    @Override
    default void setURL(String a0, java.net.URL a1) throws SQLException {
        delegate().setURL(a0, a1);
    }

    @Override
    default boolean wasNull() throws SQLException {
        return delegate().wasNull();
    }
}
