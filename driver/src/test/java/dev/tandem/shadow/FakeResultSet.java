package dev.tandem.shadow;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** An in-memory, forward-only {@link ResultSet} of synthetic rows (next, getObject, getMetaData only). */
final class FakeResultSet {

    private FakeResultSet() {
    }

    /** A result set whose {@code getObject} throws an SQLException quoting {@code secret} at row {@code failAtRow}. */
    static ResultSet failing(List<CapturedColumn> columns, List<List<Object>> rows, int failAtRow, String secret) {
        return create(columns, rows, failAtRow, secret);
    }

    static ResultSet of(List<CapturedColumn> columns, List<List<Object>> rows) {
        return create(columns, rows, -1, null);
    }

    private static ResultSet create(List<CapturedColumn> columns, List<List<Object>> rows, int failAtRow,
            String secret) {
        ResultSetMetaData md = (ResultSetMetaData) Proxy.newProxyInstance(FakeResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnCount" -> columns.size();
                    case "getColumnLabel", "getColumnName" -> columns.get((Integer) args[0] - 1).label();
                    case "getColumnType" -> columns.get((Integer) args[0] - 1).jdbcType();
                    case "getColumnTypeName" -> columns.get((Integer) args[0] - 1).typeName();
                    case "getScale" -> columns.get((Integer) args[0] - 1).scale();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        int[] position = {0};
        return (ResultSet) Proxy.newProxyInstance(FakeResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> ++position[0] <= rows.size();
                    case "getMetaData" -> md;
                    case "getObject" -> {
                        if (position[0] == failAtRow) {
                            throw new SQLException("cannot convert value '" + secret + "'", "22018");
                        }
                        yield rows.get(position[0] - 1).get((Integer) args[0] - 1);
                    }
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
