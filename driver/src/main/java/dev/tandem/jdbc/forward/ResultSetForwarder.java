package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link ResultSet} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface ResultSetForwarder extends ResultSet {

    /** The object this one forwards to. */
    ResultSet delegate();

    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrapping.unwrap(this, delegate(), iface);
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrapping.isWrapperFor(this, delegate(), iface);
    }

    @Override
    default boolean absolute(int a0) throws SQLException {
        return delegate().absolute(a0);
    }

    @Override
    default void afterLast() throws SQLException {
        delegate().afterLast();
    }

    @Override
    default void beforeFirst() throws SQLException {
        delegate().beforeFirst();
    }

    @Override
    default void cancelRowUpdates() throws SQLException {
        delegate().cancelRowUpdates();
    }

    @Override
    default void clearWarnings() throws SQLException {
        delegate().clearWarnings();
    }

    @Override
    default void close() throws SQLException {
        delegate().close();
    }

    @Override
    default void deleteRow() throws SQLException {
        delegate().deleteRow();
    }

    @Override
    default int findColumn(String a0) throws SQLException {
        return delegate().findColumn(a0);
    }

    @Override
    default boolean first() throws SQLException {
        return delegate().first();
    }

    @Override
    default Array getArray(String a0) throws SQLException {
        return delegate().getArray(a0);
    }

    @Override
    default Array getArray(int a0) throws SQLException {
        return delegate().getArray(a0);
    }

    @Override
    default java.io.InputStream getAsciiStream(String a0) throws SQLException {
        return delegate().getAsciiStream(a0);
    }

    @Override
    default java.io.InputStream getAsciiStream(int a0) throws SQLException {
        return delegate().getAsciiStream(a0);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    default java.math.BigDecimal getBigDecimal(String a0, int a1) throws SQLException {
        return delegate().getBigDecimal(a0, a1);
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
    default java.io.InputStream getBinaryStream(String a0) throws SQLException {
        return delegate().getBinaryStream(a0);
    }

    @Override
    default java.io.InputStream getBinaryStream(int a0) throws SQLException {
        return delegate().getBinaryStream(a0);
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
    default int getConcurrency() throws SQLException {
        return delegate().getConcurrency();
    }

    @Override
    default String getCursorName() throws SQLException {
        return delegate().getCursorName();
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
    default int getFetchDirection() throws SQLException {
        return delegate().getFetchDirection();
    }

    @Override
    default int getFetchSize() throws SQLException {
        return delegate().getFetchSize();
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
    default int getHoldability() throws SQLException {
        return delegate().getHoldability();
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
    default ResultSetMetaData getMetaData() throws SQLException {
        return delegate().getMetaData();
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
    default int getRow() throws SQLException {
        return delegate().getRow();
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
    default Statement getStatement() throws SQLException {
        return delegate().getStatement();
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
    default int getType() throws SQLException {
        return delegate().getType();
    }

    @Override
    default java.net.URL getURL(String a0) throws SQLException {
        return delegate().getURL(a0);
    }

    @Override
    default java.net.URL getURL(int a0) throws SQLException {
        return delegate().getURL(a0);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    default java.io.InputStream getUnicodeStream(String a0) throws SQLException {
        return delegate().getUnicodeStream(a0);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    default java.io.InputStream getUnicodeStream(int a0) throws SQLException {
        return delegate().getUnicodeStream(a0);
    }

    @Override
    default SQLWarning getWarnings() throws SQLException {
        return delegate().getWarnings();
    }

    @Override
    default void insertRow() throws SQLException {
        delegate().insertRow();
    }

    @Override
    default boolean isAfterLast() throws SQLException {
        return delegate().isAfterLast();
    }

    @Override
    default boolean isBeforeFirst() throws SQLException {
        return delegate().isBeforeFirst();
    }

    @Override
    default boolean isClosed() throws SQLException {
        return delegate().isClosed();
    }

    @Override
    default boolean isFirst() throws SQLException {
        return delegate().isFirst();
    }

    @Override
    default boolean isLast() throws SQLException {
        return delegate().isLast();
    }

    @Override
    default boolean last() throws SQLException {
        return delegate().last();
    }

    @Override
    default void moveToCurrentRow() throws SQLException {
        delegate().moveToCurrentRow();
    }

    @Override
    default void moveToInsertRow() throws SQLException {
        delegate().moveToInsertRow();
    }

    @Override
    default boolean next() throws SQLException {
        return delegate().next();
    }

    @Override
    default boolean previous() throws SQLException {
        return delegate().previous();
    }

    @Override
    default void refreshRow() throws SQLException {
        delegate().refreshRow();
    }

    @Override
    default boolean relative(int a0) throws SQLException {
        return delegate().relative(a0);
    }

    @Override
    default boolean rowDeleted() throws SQLException {
        return delegate().rowDeleted();
    }

    @Override
    default boolean rowInserted() throws SQLException {
        return delegate().rowInserted();
    }

    @Override
    default boolean rowUpdated() throws SQLException {
        return delegate().rowUpdated();
    }

    @Override
    default void setFetchDirection(int a0) throws SQLException {
        delegate().setFetchDirection(a0);
    }

    @Override
    default void setFetchSize(int a0) throws SQLException {
        delegate().setFetchSize(a0);
    }

    @Override
    default void updateArray(String a0, Array a1) throws SQLException {
        delegate().updateArray(a0, a1);
    }

    @Override
    default void updateArray(int a0, Array a1) throws SQLException {
        delegate().updateArray(a0, a1);
    }

    @Override
    default void updateAsciiStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().updateAsciiStream(a0, a1, a2);
    }

    @Override
    default void updateAsciiStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateAsciiStream(a0, a1, a2);
    }

    @Override
    default void updateAsciiStream(String a0, java.io.InputStream a1) throws SQLException {
        delegate().updateAsciiStream(a0, a1);
    }

    @Override
    default void updateAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().updateAsciiStream(a0, a1, a2);
    }

    @Override
    default void updateAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateAsciiStream(a0, a1, a2);
    }

    @Override
    default void updateAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        delegate().updateAsciiStream(a0, a1);
    }

    @Override
    default void updateBigDecimal(String a0, java.math.BigDecimal a1) throws SQLException {
        delegate().updateBigDecimal(a0, a1);
    }

    @Override
    default void updateBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        delegate().updateBigDecimal(a0, a1);
    }

    @Override
    default void updateBinaryStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().updateBinaryStream(a0, a1, a2);
    }

    @Override
    default void updateBinaryStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateBinaryStream(a0, a1, a2);
    }

    @Override
    default void updateBinaryStream(String a0, java.io.InputStream a1) throws SQLException {
        delegate().updateBinaryStream(a0, a1);
    }

    @Override
    default void updateBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        delegate().updateBinaryStream(a0, a1, a2);
    }

    @Override
    default void updateBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateBinaryStream(a0, a1, a2);
    }

    @Override
    default void updateBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        delegate().updateBinaryStream(a0, a1);
    }

    @Override
    default void updateBlob(String a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateBlob(a0, a1, a2);
    }

    @Override
    default void updateBlob(String a0, java.io.InputStream a1) throws SQLException {
        delegate().updateBlob(a0, a1);
    }

    @Override
    default void updateBlob(String a0, Blob a1) throws SQLException {
        delegate().updateBlob(a0, a1);
    }

    @Override
    default void updateBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        delegate().updateBlob(a0, a1, a2);
    }

    @Override
    default void updateBlob(int a0, java.io.InputStream a1) throws SQLException {
        delegate().updateBlob(a0, a1);
    }

    @Override
    default void updateBlob(int a0, Blob a1) throws SQLException {
        delegate().updateBlob(a0, a1);
    }

    @Override
    default void updateBoolean(String a0, boolean a1) throws SQLException {
        delegate().updateBoolean(a0, a1);
    }

    @Override
    default void updateBoolean(int a0, boolean a1) throws SQLException {
        delegate().updateBoolean(a0, a1);
    }

    @Override
    default void updateByte(String a0, byte a1) throws SQLException {
        delegate().updateByte(a0, a1);
    }

    @Override
    default void updateByte(int a0, byte a1) throws SQLException {
        delegate().updateByte(a0, a1);
    }

    @Override
    default void updateBytes(String a0, byte[] a1) throws SQLException {
        delegate().updateBytes(a0, a1);
    }

    @Override
    default void updateBytes(int a0, byte[] a1) throws SQLException {
        delegate().updateBytes(a0, a1);
    }

    @Override
    default void updateCharacterStream(String a0, java.io.Reader a1, int a2) throws SQLException {
        delegate().updateCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        delegate().updateCharacterStream(a0, a1);
    }

    @Override
    default void updateCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        delegate().updateCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        delegate().updateCharacterStream(a0, a1);
    }

    @Override
    default void updateClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateClob(a0, a1, a2);
    }

    @Override
    default void updateClob(String a0, java.io.Reader a1) throws SQLException {
        delegate().updateClob(a0, a1);
    }

    @Override
    default void updateClob(String a0, Clob a1) throws SQLException {
        delegate().updateClob(a0, a1);
    }

    @Override
    default void updateClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateClob(a0, a1, a2);
    }

    @Override
    default void updateClob(int a0, java.io.Reader a1) throws SQLException {
        delegate().updateClob(a0, a1);
    }

    @Override
    default void updateClob(int a0, Clob a1) throws SQLException {
        delegate().updateClob(a0, a1);
    }

    @Override
    default void updateDate(String a0, Date a1) throws SQLException {
        delegate().updateDate(a0, a1);
    }

    @Override
    default void updateDate(int a0, Date a1) throws SQLException {
        delegate().updateDate(a0, a1);
    }

    @Override
    default void updateDouble(String a0, double a1) throws SQLException {
        delegate().updateDouble(a0, a1);
    }

    @Override
    default void updateDouble(int a0, double a1) throws SQLException {
        delegate().updateDouble(a0, a1);
    }

    @Override
    default void updateFloat(String a0, float a1) throws SQLException {
        delegate().updateFloat(a0, a1);
    }

    @Override
    default void updateFloat(int a0, float a1) throws SQLException {
        delegate().updateFloat(a0, a1);
    }

    @Override
    default void updateInt(String a0, int a1) throws SQLException {
        delegate().updateInt(a0, a1);
    }

    @Override
    default void updateInt(int a0, int a1) throws SQLException {
        delegate().updateInt(a0, a1);
    }

    @Override
    default void updateLong(String a0, long a1) throws SQLException {
        delegate().updateLong(a0, a1);
    }

    @Override
    default void updateLong(int a0, long a1) throws SQLException {
        delegate().updateLong(a0, a1);
    }

    @Override
    default void updateNCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateNCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateNCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        delegate().updateNCharacterStream(a0, a1);
    }

    @Override
    default void updateNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateNCharacterStream(a0, a1, a2);
    }

    @Override
    default void updateNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        delegate().updateNCharacterStream(a0, a1);
    }

    @Override
    default void updateNClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateNClob(a0, a1, a2);
    }

    @Override
    default void updateNClob(String a0, java.io.Reader a1) throws SQLException {
        delegate().updateNClob(a0, a1);
    }

    @Override
    default void updateNClob(String a0, NClob a1) throws SQLException {
        delegate().updateNClob(a0, a1);
    }

    @Override
    default void updateNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        delegate().updateNClob(a0, a1, a2);
    }

    @Override
    default void updateNClob(int a0, java.io.Reader a1) throws SQLException {
        delegate().updateNClob(a0, a1);
    }

    @Override
    default void updateNClob(int a0, NClob a1) throws SQLException {
        delegate().updateNClob(a0, a1);
    }

    @Override
    default void updateNString(String a0, String a1) throws SQLException {
        delegate().updateNString(a0, a1);
    }

    @Override
    default void updateNString(int a0, String a1) throws SQLException {
        delegate().updateNString(a0, a1);
    }

    @Override
    default void updateNull(String a0) throws SQLException {
        delegate().updateNull(a0);
    }

    @Override
    default void updateNull(int a0) throws SQLException {
        delegate().updateNull(a0);
    }

    @Override
    default void updateObject(String a0, Object a1, int a2) throws SQLException {
        delegate().updateObject(a0, a1, a2);
    }

    @Override
    default void updateObject(String a0, Object a1, SQLType a2, int a3) throws SQLException {
        delegate().updateObject(a0, a1, a2, a3);
    }

    @Override
    default void updateObject(String a0, Object a1, SQLType a2) throws SQLException {
        delegate().updateObject(a0, a1, a2);
    }

    @Override
    default void updateObject(String a0, Object a1) throws SQLException {
        delegate().updateObject(a0, a1);
    }

    @Override
    default void updateObject(int a0, Object a1, int a2) throws SQLException {
        delegate().updateObject(a0, a1, a2);
    }

    @Override
    default void updateObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        delegate().updateObject(a0, a1, a2, a3);
    }

    @Override
    default void updateObject(int a0, Object a1, SQLType a2) throws SQLException {
        delegate().updateObject(a0, a1, a2);
    }

    @Override
    default void updateObject(int a0, Object a1) throws SQLException {
        delegate().updateObject(a0, a1);
    }

    @Override
    default void updateRef(String a0, Ref a1) throws SQLException {
        delegate().updateRef(a0, a1);
    }

    @Override
    default void updateRef(int a0, Ref a1) throws SQLException {
        delegate().updateRef(a0, a1);
    }

    @Override
    default void updateRow() throws SQLException {
        delegate().updateRow();
    }

    @Override
    default void updateRowId(String a0, RowId a1) throws SQLException {
        delegate().updateRowId(a0, a1);
    }

    @Override
    default void updateRowId(int a0, RowId a1) throws SQLException {
        delegate().updateRowId(a0, a1);
    }

    @Override
    default void updateSQLXML(String a0, SQLXML a1) throws SQLException {
        delegate().updateSQLXML(a0, a1);
    }

    @Override
    default void updateSQLXML(int a0, SQLXML a1) throws SQLException {
        delegate().updateSQLXML(a0, a1);
    }

    @Override
    default void updateShort(String a0, short a1) throws SQLException {
        delegate().updateShort(a0, a1);
    }

    @Override
    default void updateShort(int a0, short a1) throws SQLException {
        delegate().updateShort(a0, a1);
    }

    @Override
    default void updateString(String a0, String a1) throws SQLException {
        delegate().updateString(a0, a1);
    }

    @Override
    default void updateString(int a0, String a1) throws SQLException {
        delegate().updateString(a0, a1);
    }

    @Override
    default void updateTime(String a0, Time a1) throws SQLException {
        delegate().updateTime(a0, a1);
    }

    @Override
    default void updateTime(int a0, Time a1) throws SQLException {
        delegate().updateTime(a0, a1);
    }

    @Override
    default void updateTimestamp(String a0, Timestamp a1) throws SQLException {
        delegate().updateTimestamp(a0, a1);
    }

    @Override
    default void updateTimestamp(int a0, Timestamp a1) throws SQLException {
        delegate().updateTimestamp(a0, a1);
    }

    @Override
    default boolean wasNull() throws SQLException {
        return delegate().wasNull();
    }
}
