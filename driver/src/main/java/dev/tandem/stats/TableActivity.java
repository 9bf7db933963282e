package dev.tandem.stats;

import dev.tandem.rules.TableRef;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How much a table has been read and written since the database began counting, by the database's own statistics:
 * PostgreSQL's {@code pg_stat_user_tables} and MariaDB's (MySQL's)
 * {@code performance_schema.table_io_waits_summary_by_table}. Two readings taken at different times give the
 * activity in between; the counters only grow, so a later reading below an earlier one means they were reset.
 *
 * <ul>
 *   <li>PostgreSQL: {@code reads} = sequential plus index scans started on the table, {@code writes} = rows
 *       inserted, updated and deleted. A backend reports its counts at most about once a second, and an idle one
 *       within ten seconds, so the last seconds of activity may not be in a reading yet.</li>
 *   <li>MariaDB / MySQL: {@code reads} = rows fetched, {@code writes} = rows inserted, updated and deleted. Needs
 *       {@code performance_schema=ON}.</li>
 *   <li>H2 keeps no such statistics: {@link #read} answers empty.</li>
 * </ul>
 *
 * @param reads  the database's read counter for the table (scans on PostgreSQL, rows fetched on MariaDB)
 * @param writes rows inserted, updated and deleted
 */
public record TableActivity(long reads, long writes) {

    /** What a reading counts as reads, for messages. */
    public static String readUnit(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "scans" : "rows read";
    }

    /** The activity between {@code earlier} and this reading; empty when a counter went down (statistics reset). */
    public Optional<TableActivity> since(TableActivity earlier) {
        if (reads < earlier.reads || writes < earlier.writes) {
            return Optional.empty();
        }
        return Optional.of(new TableActivity(reads - earlier.reads, writes - earlier.writes));
    }

    /**
     * The table's counters now, or empty when this database keeps none for it (H2; MariaDB without
     * performance_schema; a table the statistics do not know).
     *
     * @throws SQLException when the statistics cannot be read although the database has them
     */
    public static Optional<TableActivity> read(Connection connection, Dialect dialect, TableRef table)
            throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                // to_regclass resolves the name as the SQL would (search_path, quoting); the name is a bind value
                try (PreparedStatement ps = connection.prepareStatement("SELECT seq_scan + COALESCE(idx_scan, 0),"
                        + " n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relid = to_regclass(?)")) {
                    ps.setString(1, table.sql());
                    return one(ps);
                }
            }
            case MARIADB, MYSQL -> {
                if (!performanceSchemaOn(connection)) {
                    return Optional.empty();
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT_FETCH,"
                        + " COUNT_INSERT + COUNT_UPDATE + COUNT_DELETE"
                        + " FROM performance_schema.table_io_waits_summary_by_table"
                        + " WHERE OBJECT_SCHEMA = COALESCE(?, DATABASE()) AND OBJECT_NAME = ?")) {
                    ps.setString(1, table.schema() == null ? null : unquote(table.schema()));
                    ps.setString(2, unquote(table.name()));
                    return one(ps);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<TableActivity> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new TableActivity(rs.getLong(1), rs.getLong(2)));
        }
    }

    private static boolean performanceSchemaOn(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT @@performance_schema");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private static String unquote(String identifier) {
        if (identifier.length() >= 2 && (identifier.charAt(0) == '`' || identifier.charAt(0) == '"')) {
            return identifier.substring(1, identifier.length() - 1);
        }
        return identifier;
    }
}
