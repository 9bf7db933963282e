package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link Connection} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface ConnectionForwarder extends Connection {

    /** The object this one forwards to. */
    Connection delegate();

    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrapping.unwrap(this, delegate(), iface);
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrapping.isWrapperFor(this, delegate(), iface);
    }

    @Override
    default void abort(java.util.concurrent.Executor a0) throws SQLException {
        delegate().abort(a0);
    }

    @Override
    default void beginRequest() throws SQLException {
        delegate().beginRequest();
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
    default void commit() throws SQLException {
        delegate().commit();
    }

    @Override
    default Array createArrayOf(String a0, Object[] a1) throws SQLException {
        return delegate().createArrayOf(a0, a1);
    }

    @Override
    default Blob createBlob() throws SQLException {
        return delegate().createBlob();
    }

    @Override
    default Clob createClob() throws SQLException {
        return delegate().createClob();
    }

    @Override
    default NClob createNClob() throws SQLException {
        return delegate().createNClob();
    }

    @Override
    default SQLXML createSQLXML() throws SQLException {
        return delegate().createSQLXML();
    }

    @Override
    default Statement createStatement() throws SQLException {
        return delegate().createStatement();
    }

    @Override
    default Statement createStatement(int a0, int a1, int a2) throws SQLException {
        return delegate().createStatement(a0, a1, a2);
    }

    @Override
    default Statement createStatement(int a0, int a1) throws SQLException {
        return delegate().createStatement(a0, a1);
    }

    @Override
    default Struct createStruct(String a0, Object[] a1) throws SQLException {
        return delegate().createStruct(a0, a1);
    }

    @Override
    default void endRequest() throws SQLException {
        delegate().endRequest();
    }

    @Override
    default boolean getAutoCommit() throws SQLException {
        return delegate().getAutoCommit();
    }

    @Override
    default String getCatalog() throws SQLException {
        return delegate().getCatalog();
    }

    @Override
    default java.util.Properties getClientInfo() throws SQLException {
        return delegate().getClientInfo();
    }

    @Override
    default String getClientInfo(String a0) throws SQLException {
        return delegate().getClientInfo(a0);
    }

    @Override
    default int getHoldability() throws SQLException {
        return delegate().getHoldability();
    }

    @Override
    default DatabaseMetaData getMetaData() throws SQLException {
        return delegate().getMetaData();
    }

    @Override
    default int getNetworkTimeout() throws SQLException {
        return delegate().getNetworkTimeout();
    }

    @Override
    default String getSchema() throws SQLException {
        return delegate().getSchema();
    }

    @Override
    default int getTransactionIsolation() throws SQLException {
        return delegate().getTransactionIsolation();
    }

    @Override
    default java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate().getTypeMap();
    }

    @Override
    default SQLWarning getWarnings() throws SQLException {
        return delegate().getWarnings();
    }

    @Override
    default boolean isClosed() throws SQLException {
        return delegate().isClosed();
    }

    @Override
    default boolean isReadOnly() throws SQLException {
        return delegate().isReadOnly();
    }

    @Override
    default boolean isValid(int a0) throws SQLException {
        return delegate().isValid(a0);
    }

    @Override
    default String nativeSQL(String a0) throws SQLException {
        return delegate().nativeSQL(a0);
    }

    @Override
    default CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        return delegate().prepareCall(a0, a1, a2, a3);
    }

    @Override
    default CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        return delegate().prepareCall(a0, a1, a2);
    }

    @Override
    default CallableStatement prepareCall(String a0) throws SQLException {
        return delegate().prepareCall(a0);
    }

    @Override
    default PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
        return delegate().prepareStatement(a0, a1);
    }

    @Override
    default PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
        return delegate().prepareStatement(a0, a1);
    }

    @Override
    default PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
        return delegate().prepareStatement(a0, a1, a2, a3);
    }

    @Override
    default PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
        return delegate().prepareStatement(a0, a1, a2);
    }

    @Override
    default PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
        return delegate().prepareStatement(a0, a1);
    }

    @Override
    default PreparedStatement prepareStatement(String a0) throws SQLException {
        return delegate().prepareStatement(a0);
    }

    @Override
    default void releaseSavepoint(Savepoint a0) throws SQLException {
        delegate().releaseSavepoint(a0);
    }

    @Override
    default void rollback() throws SQLException {
        delegate().rollback();
    }

    @Override
    default void rollback(Savepoint a0) throws SQLException {
        delegate().rollback(a0);
    }

    @Override
    default void setAutoCommit(boolean a0) throws SQLException {
        delegate().setAutoCommit(a0);
    }

    @Override
    default void setCatalog(String a0) throws SQLException {
        delegate().setCatalog(a0);
    }

    @Override
    default void setClientInfo(String a0, String a1) throws SQLClientInfoException {
        delegate().setClientInfo(a0, a1);
    }

    @Override
    default void setClientInfo(java.util.Properties a0) throws SQLClientInfoException {
        delegate().setClientInfo(a0);
    }

    @Override
    default void setHoldability(int a0) throws SQLException {
        delegate().setHoldability(a0);
    }

    @Override
    default void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) throws SQLException {
        delegate().setNetworkTimeout(a0, a1);
    }

    @Override
    default void setReadOnly(boolean a0) throws SQLException {
        delegate().setReadOnly(a0);
    }

    @Override
    default Savepoint setSavepoint() throws SQLException {
        return delegate().setSavepoint();
    }

    @Override
    default Savepoint setSavepoint(String a0) throws SQLException {
        return delegate().setSavepoint(a0);
    }

    @Override
    default void setSchema(String a0) throws SQLException {
        delegate().setSchema(a0);
    }

    @Override
    default void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException {
        delegate().setShardingKey(a0, a1);
    }

    @Override
    default void setShardingKey(ShardingKey a0) throws SQLException {
        delegate().setShardingKey(a0);
    }

    @Override
    default boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException {
        return delegate().setShardingKeyIfValid(a0, a1);
    }

    @Override
    default boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException {
        return delegate().setShardingKeyIfValid(a0, a1, a2);
    }

    @Override
    default void setTransactionIsolation(int a0) throws SQLException {
        delegate().setTransactionIsolation(a0);
    }

    @Override
    default void setTypeMap(java.util.Map<String, Class<?>> a0) throws SQLException {
        delegate().setTypeMap(a0);
    }
}
