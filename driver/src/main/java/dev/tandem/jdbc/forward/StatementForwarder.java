package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link Statement} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface StatementForwarder extends Statement {

    /** The object this one forwards to. */
    Statement delegate();

    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrapping.unwrap(this, delegate(), iface);
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrapping.isWrapperFor(this, delegate(), iface);
    }

    @Override
    default void addBatch(String a0) throws SQLException {
        delegate().addBatch(a0);
    }

    @Override
    default void cancel() throws SQLException {
        delegate().cancel();
    }

    @Override
    default void clearBatch() throws SQLException {
        delegate().clearBatch();
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
    default void closeOnCompletion() throws SQLException {
        delegate().closeOnCompletion();
    }

    @Override
    default String enquoteIdentifier(String a0, boolean a1) throws SQLException {
        return delegate().enquoteIdentifier(a0, a1);
    }

    @Override
    default String enquoteLiteral(String a0) throws SQLException {
        return delegate().enquoteLiteral(a0);
    }

    @Override
    default String enquoteNCharLiteral(String a0) throws SQLException {
        return delegate().enquoteNCharLiteral(a0);
    }

    @Override
    default boolean execute(String a0, int[] a1) throws SQLException {
        return delegate().execute(a0, a1);
    }

    @Override
    default boolean execute(String a0, String[] a1) throws SQLException {
        return delegate().execute(a0, a1);
    }

    @Override
    default boolean execute(String a0, int a1) throws SQLException {
        return delegate().execute(a0, a1);
    }

    @Override
    default boolean execute(String a0) throws SQLException {
        return delegate().execute(a0);
    }

    @Override
    default int[] executeBatch() throws SQLException {
        return delegate().executeBatch();
    }

    @Override
    default long[] executeLargeBatch() throws SQLException {
        return delegate().executeLargeBatch();
    }

    @Override
    default long executeLargeUpdate(String a0, int[] a1) throws SQLException {
        return delegate().executeLargeUpdate(a0, a1);
    }

    @Override
    default long executeLargeUpdate(String a0, String[] a1) throws SQLException {
        return delegate().executeLargeUpdate(a0, a1);
    }

    @Override
    default long executeLargeUpdate(String a0, int a1) throws SQLException {
        return delegate().executeLargeUpdate(a0, a1);
    }

    @Override
    default long executeLargeUpdate(String a0) throws SQLException {
        return delegate().executeLargeUpdate(a0);
    }

    @Override
    default ResultSet executeQuery(String a0) throws SQLException {
        return delegate().executeQuery(a0);
    }

    @Override
    default int executeUpdate(String a0, int[] a1) throws SQLException {
        return delegate().executeUpdate(a0, a1);
    }

    @Override
    default int executeUpdate(String a0, String[] a1) throws SQLException {
        return delegate().executeUpdate(a0, a1);
    }

    @Override
    default int executeUpdate(String a0, int a1) throws SQLException {
        return delegate().executeUpdate(a0, a1);
    }

    @Override
    default int executeUpdate(String a0) throws SQLException {
        return delegate().executeUpdate(a0);
    }

    @Override
    default Connection getConnection() throws SQLException {
        return delegate().getConnection();
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
    default ResultSet getGeneratedKeys() throws SQLException {
        return delegate().getGeneratedKeys();
    }

    @Override
    default long getLargeMaxRows() throws SQLException {
        return delegate().getLargeMaxRows();
    }

    @Override
    default long getLargeUpdateCount() throws SQLException {
        return delegate().getLargeUpdateCount();
    }

    @Override
    default int getMaxFieldSize() throws SQLException {
        return delegate().getMaxFieldSize();
    }

    @Override
    default int getMaxRows() throws SQLException {
        return delegate().getMaxRows();
    }

    @Override
    default boolean getMoreResults() throws SQLException {
        return delegate().getMoreResults();
    }

    @Override
    default boolean getMoreResults(int a0) throws SQLException {
        return delegate().getMoreResults(a0);
    }

    @Override
    default int getQueryTimeout() throws SQLException {
        return delegate().getQueryTimeout();
    }

    @Override
    default ResultSet getResultSet() throws SQLException {
        return delegate().getResultSet();
    }

    @Override
    default int getResultSetConcurrency() throws SQLException {
        return delegate().getResultSetConcurrency();
    }

    @Override
    default int getResultSetHoldability() throws SQLException {
        return delegate().getResultSetHoldability();
    }

    @Override
    default int getResultSetType() throws SQLException {
        return delegate().getResultSetType();
    }

    @Override
    default int getUpdateCount() throws SQLException {
        return delegate().getUpdateCount();
    }

    @Override
    default SQLWarning getWarnings() throws SQLException {
        return delegate().getWarnings();
    }

    @Override
    default boolean isCloseOnCompletion() throws SQLException {
        return delegate().isCloseOnCompletion();
    }

    @Override
    default boolean isClosed() throws SQLException {
        return delegate().isClosed();
    }

    @Override
    default boolean isPoolable() throws SQLException {
        return delegate().isPoolable();
    }

    @Override
    default boolean isSimpleIdentifier(String a0) throws SQLException {
        return delegate().isSimpleIdentifier(a0);
    }

    @Override
    default void setCursorName(String a0) throws SQLException {
        delegate().setCursorName(a0);
    }

    @Override
    default void setEscapeProcessing(boolean a0) throws SQLException {
        delegate().setEscapeProcessing(a0);
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
    default void setLargeMaxRows(long a0) throws SQLException {
        delegate().setLargeMaxRows(a0);
    }

    @Override
    default void setMaxFieldSize(int a0) throws SQLException {
        delegate().setMaxFieldSize(a0);
    }

    @Override
    default void setMaxRows(int a0) throws SQLException {
        delegate().setMaxRows(a0);
    }

    @Override
    default void setPoolable(boolean a0) throws SQLException {
        delegate().setPoolable(a0);
    }

    @Override
    default void setQueryTimeout(int a0) throws SQLException {
        delegate().setQueryTimeout(a0);
    }
}
