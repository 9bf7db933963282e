package dev.tandem.backfill;

import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The backfill's queries over the key of one (possibly reversed) migration: the source is {@code from}, the target
 * {@code to}. Key ranges are keyset predicates on the key columns in key order: for a key {@code (k1, k2)},
 * "after {@code (a, b)}" is {@code (k1 > a) OR (k1 = a AND k2 > b)} (a row-value comparison on PostgreSQL, whose
 * planner turns it into one index range). Values are always bound.
 */
final class KeysetSql {
    private final Dialect dialect;
    private final Migration migration;
    private final List<String> sourceKey;
    private final List<String> targetKey;

    KeysetSql(Dialect dialect, Migration migration) {
        this.dialect = dialect;
        this.migration = migration;
        this.sourceKey = migration.from().key();
        this.targetKey = migration.toKeyByFromKey();
    }

    int width() {
        return sourceKey.size();
    }

    /**
     * Reads the next batch's keys from the source, in key order, locking those rows against change until the
     * transaction ends (PostgreSQL {@code FOR SHARE}, MariaDB {@code LOCK IN SHARE MODE}, H2 {@code FOR UPDATE}),
     * {@code NOWAIT}: a row the application holds makes the read fail at once (the batch is retried after a pause)
     * instead of waiting with the rows locked so far, which deadlocked application transactions that lock several
     * rows out of key order.
     *
     * @param after the last key done (exclusive), or null to start at the beginning
     * @param upTo  the high-water mark (inclusive)
     */
    List<Object[]> lockNextKeys(Connection c, Object[] after, Object[] upTo, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", sourceKey)).append(" FROM ")
                .append(migration.from().sql()).append(" WHERE ");
        List<Object> binds = new ArrayList<>();
        range(sql, binds, sourceKey, after, upTo);
        sql.append(" ORDER BY ").append(String.join(", ", sourceKey)).append(" LIMIT ?");
        binds.add(limit);
        sql.append(switch (dialect) {
            case POSTGRESQL -> " FOR SHARE NOWAIT";
            case MARIADB -> " LOCK IN SHARE MODE NOWAIT";
            case MYSQL -> " LOCK IN SHARE MODE"; // NOWAIT only with FOR SHARE, MySQL 8 and later
            default -> " FOR UPDATE NOWAIT";
        });
        return keys(c, sql.toString(), binds, limit);
    }

    /**
     * The keys of target rows in a range whose source row does not exist (rows deleted from the source before the
     * mirror was on), in key order, written as source keys.
     */
    List<Object[]> orphans(Connection c, Object[] after, Object[] upTo) throws SQLException {
        List<String> qualified = new ArrayList<>();
        StringBuilder correlated = new StringBuilder();
        for (int i = 0; i < targetKey.size(); i++) {
            qualified.add("tandem_t." + targetKey.get(i));
            correlated.append(i == 0 ? "" : " AND ").append("tandem_f.").append(sourceKey.get(i))
                    .append(" = tandem_t.").append(targetKey.get(i));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", qualified)).append(" FROM ")
                .append(migration.to().sql()).append(" tandem_t WHERE ");
        List<Object> binds = new ArrayList<>();
        range(sql, binds, qualified, after, upTo);
        sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(migration.from().sql()).append(" tandem_f WHERE ")
                .append(correlated).append(") ORDER BY ").append(String.join(", ", qualified));
        return keys(c, sql.toString(), binds, Integer.MAX_VALUE);
    }

    /** Locks target rows by key (written as source keys) until the transaction ends. */
    void lockTargetRows(Connection c, List<Object[]> keys) throws SQLException {
        String tuple = targetKey.size() == 1 ? targetKey.get(0) : "(" + String.join(", ", targetKey) + ")";
        String one = targetKey.size() == 1 ? "?" : "(" + "?, ".repeat(targetKey.size() - 1) + "?)";
        List<String> tuples = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        for (Object[] key : keys) {
            tuples.add(one);
            binds.addAll(List.of(key));
        }
        String sql = "SELECT " + String.join(", ", targetKey) + " FROM " + migration.to().sql() + " WHERE " + tuple
                + " IN (" + String.join(", ", tuples) + ") FOR UPDATE";
        keys(c, sql, binds, Integer.MAX_VALUE);
    }

    /**
     * The high-water mark: the greatest key of the source, or of the target when that is greater (so that target rows
     * past the source's last key are checked too); null when both are empty.
     */
    Object[] highWater(Connection c) throws SQLException {
        String desc = descending(sourceKey);
        String sourceMax = "SELECT " + aliased(sourceKey) + " FROM " + migration.from().sql() + " ORDER BY " + desc
                + " LIMIT 1";
        String sql;
        if (migration.columnLevel()) {
            sql = sourceMax;
        } else {
            String targetMax = "SELECT " + aliased(targetKey) + " FROM " + migration.to().sql() + " ORDER BY "
                    + descending(targetKey) + " LIMIT 1";
            List<String> aliases = new ArrayList<>();
            for (int i = 0; i < width(); i++) {
                aliases.add("tandem_k" + i + " DESC");
            }
            sql = "SELECT * FROM ((" + sourceMax + ") UNION ALL (" + targetMax + ")) tandem_hw ORDER BY "
                    + String.join(", ", aliases) + " LIMIT 1";
        }
        List<Object[]> keys = keys(c, sql, List.of(), 1);
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** How many source rows have a key up to {@code upTo} (the progress bar's total). */
    long count(Connection c, Object[] upTo) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(migration.from().sql())
                .append(" WHERE ");
        List<Object> binds = new ArrayList<>();
        range(sql, binds, sourceKey, null, upTo);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, binds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code after < key <= upTo} on {@code columns} (key order). */
    private void range(StringBuilder sql, List<Object> binds, List<String> columns, Object[] after, Object[] upTo) {
        if (after != null) {
            compare(sql, binds, columns, after, ">");
            sql.append(" AND ");
        }
        compare(sql, binds, columns, upTo, "<=");
    }

    /** {@code columns op values} as a keyset predicate, in parentheses. */
    private void compare(StringBuilder sql, List<Object> binds, List<String> columns, Object[] values, String op) {
        int n = columns.size();
        if (n == 1) {
            sql.append('(').append(columns.get(0)).append(' ').append(op).append(" ?)");
            binds.add(values[0]);
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            sql.append("((").append(String.join(", ", columns)).append(") ").append(op).append(" (")
                    .append("?, ".repeat(n - 1)).append("?))");
            binds.addAll(List.of(values));
            return;
        }
        // (c1 > ?) OR (c1 = ? AND c2 > ?) OR ...; for <=: (c1 < ?) OR (c1 = ? AND c2 < ?) OR ... OR (all equal)
        String strict = op.startsWith(">") ? ">" : "<";
        boolean inclusive = op.endsWith("=");
        sql.append('(');
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : " OR ").append('(');
            for (int j = 0; j < i; j++) {
                sql.append(columns.get(j)).append(" = ? AND ");
                binds.add(values[j]);
            }
            sql.append(columns.get(i)).append(' ').append(strict).append(" ?)");
            binds.add(values[i]);
        }
        if (inclusive) {
            sql.append(" OR (");
            for (int j = 0; j < n; j++) {
                sql.append(j == 0 ? "" : " AND ").append(columns.get(j)).append(" = ?");
                binds.add(values[j]);
            }
            sql.append(')');
        }
        sql.append(')');
    }

    private List<Object[]> keys(Connection c, String sql, List<Object> binds, int expected) throws SQLException {
        List<Object[]> out = new ArrayList<>(Math.min(expected, 1024));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, binds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(KeyCodec.read(rs, width()));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            ps.setObject(i + 1, binds.get(i));
        }
    }

    private static String descending(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            out.add(c + " DESC");
        }
        return String.join(", ", out);
    }

    private static String aliased(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(columns.get(i) + " AS tandem_k" + i);
        }
        return String.join(", ", out);
    }
}
