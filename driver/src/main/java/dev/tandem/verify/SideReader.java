package dev.tandem.verify;

import dev.tandem.shadow.CapturedResult;
import dev.tandem.shadow.ResultCapture;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a verify: a table, its key columns (in the order both sides share) and the values compared (SQL
 * expressions over the table's columns on the source side, column names on the target side). Reads key-ordered chunks
 * by keyset pagination and rows by key; every key value is a bind parameter, every identifier comes from the rules.
 *
 * <p>A result row holds the key values first, then the compared values.
 */
final class SideReader {
    /** Per-chunk memory bound: a chunk whose values take more is refused (use a smaller chunk). */
    static final long BYTE_CAP = 256L << 20;

    private final String table;
    private final List<String> key;
    private final Dialect dialect;
    private final String select;
    private final String orderBy;

    SideReader(String table, List<String> key, List<String> values, Dialect dialect) {
        this.table = table;
        this.key = List.copyOf(key);
        this.dialect = dialect;
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < key.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(key.get(i));
        }
        for (String v : values) {
            sb.append(", ").append(v);
        }
        this.select = sb.append(" FROM ").append(table).toString();
        this.orderBy = " ORDER BY " + String.join(", ", key);
    }

    String table() {
        return table;
    }

    int keyWidth() {
        return key.size();
    }

    /** The chunk query: rows with key after {@code after} (when given) and up to {@code upTo} (when given). */
    String chunkSql(boolean after, boolean upTo) {
        List<String> where = new ArrayList<>();
        if (after) {
            where.add(compare(">"));
        }
        if (upTo) {
            where.add(compare("<="));
        }
        return select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + orderBy + " LIMIT ?";
    }

    /**
     * The keyset comparison of the key with a bound, for {@code >} or {@code <=}. PostgreSQL compares row values
     * ({@code (k1, k2) > (?, ?)}: one index range scan); elsewhere the expanded form
     * {@code k1 >= ? AND ((k1 > ?) OR (k1 = ? AND k2 > ?))}, whose leading column bound lets an index range scan start
     * at the right place.
     */
    private String compare(String op) {
        if (key.size() == 1) {
            return key.get(0) + " " + op + " ?";
        }
        if (dialect == Dialect.POSTGRESQL) {
            return "(" + String.join(", ", key) + ") " + op + " (" + "?, ".repeat(key.size() - 1) + "?)";
        }
        String strict = op.equals(">") ? ">" : "<";
        String leading = op.equals(">") ? ">=" : "<=";
        StringBuilder sb = new StringBuilder("(").append(key.get(0)).append(' ').append(leading).append(" ? AND (");
        for (int i = 0; i < key.size(); i++) {
            sb.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                sb.append(key.get(j)).append(" = ? AND ");
            }
            boolean last = i == key.size() - 1;
            sb.append(key.get(i)).append(' ').append(last ? op : strict).append(" ?)");
        }
        return sb.append("))").toString();
    }

    /** Binds a bound of {@link #compare}; returns the next parameter index. */
    private int bindBound(PreparedStatement ps, int index, List<Object> bound) throws SQLException {
        if (key.size() == 1 || dialect == Dialect.POSTGRESQL) {
            for (Object v : bound) {
                ps.setObject(index++, v);
            }
            return index;
        }
        ps.setObject(index++, bound.get(0));
        for (int i = 0; i < key.size(); i++) {
            for (int j = 0; j <= i; j++) {
                ps.setObject(index++, bound.get(j));
            }
        }
        return index;
    }

    /** Reads at most {@code limit} rows with key in ({@code after}, {@code upTo}], in key order. */
    CapturedResult chunk(Connection c, List<Object> after, List<Object> upTo, int limit) throws VerifyException {
        String sql = chunkSql(after != null, upTo != null);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after != null) {
                i = bindBound(ps, i, after);
            }
            if (upTo != null) {
                i = bindBound(ps, i, upTo);
            }
            ps.setInt(i, limit);
            ps.setFetchSize(Math.min(limit, 10_000));
            return read(ps, limit);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The query for the rows of {@code count} keys. */
    String keysSql(int count) {
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < key.size(); i++) {
            one.append(i == 0 ? "" : " AND ").append(key.get(i)).append(" = ?");
        }
        one.append(')');
        StringBuilder sb = new StringBuilder(select).append(" WHERE ");
        for (int k = 0; k < count; k++) {
            sb.append(k == 0 ? "" : " OR ").append(one);
        }
        return sb.append(orderBy).toString();
    }

    /** Reads the rows of the given keys (each a list of key values in key order). */
    CapturedResult rowsOf(Connection c, List<List<Object>> keys) throws VerifyException {
        try (PreparedStatement ps = c.prepareStatement(keysSql(keys.size()))) {
            int i = 1;
            for (List<Object> k : keys) {
                for (Object v : k) {
                    ps.setObject(i++, v);
                }
            }
            return read(ps, Integer.MAX_VALUE - 1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private CapturedResult read(PreparedStatement ps, int cap) throws SQLException, VerifyException {
        CapturedResult r;
        try (ResultSet rs = ps.executeQuery()) {
            r = ResultCapture.readAll(rs, cap, BYTE_CAP);
        }
        if (r.failure() != null) {
            throw failure(r.failure());
        }
        if (r.overflowed()) {
            throw new VerifyException("a chunk of " + table + " holds more than " + (BYTE_CAP >> 20)
                    + " MiB of values: use a smaller --chunk");
        }
        for (List<Object> row : r.rows()) {
            for (int k = 0; k < key.size(); k++) {
                if (row.get(k) == null) {
                    throw new VerifyException("key column " + key.get(k) + " of " + table + " holds NULL: verify pairs"
                            + " rows by key, so the key columns must not be NULL");
                }
            }
        }
        return r;
    }

    /**
     * A failure to read, as the report may show it: the database's message only for SQLState class 42 (an unknown
     * table or column, a syntax error, no privilege), whose messages name objects, never row values; else only the
     * exception's class and SQLState.
     */
    private VerifyException failure(Throwable e) {
        StringBuilder sb = new StringBuilder("cannot read ").append(table).append(": ");
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        if (state != null && state.startsWith("42") && e.getMessage() != null) {
            String m = e.getMessage();
            int nl = m.indexOf('\n');
            sb.append(nl < 0 ? m : m.substring(0, nl));
        } else {
            sb.append(e.getClass().getSimpleName());
            if (state != null) {
                sb.append(" (SQLState ").append(state).append(')');
            }
        }
        return new VerifyException(sb.toString(), e);
    }
}
