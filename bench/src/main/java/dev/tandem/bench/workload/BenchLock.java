package dev.tandem.bench.workload;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One benchmark run at a time per database: two runs (a measurement and the smoke test, say) would truncate each
 * other's {@code bn_} tables. Held on a connection of its own for the whole stage — a PostgreSQL advisory lock or a
 * MariaDB named lock, both released when the connection closes, even if the process dies. H2 in memory belongs to
 * one process and needs none.
 */
public final class BenchLock implements AutoCloseable {
    private static final long PG_KEY = 0x626E5F62656E6368L; // "bn_bench"
    private static final String MARIADB_NAME = "bn_bench";
    private static final int WAIT_SECONDS = 3 * 3600;

    private final Connection connection;

    private BenchLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock for {@code target}, waiting (and saying so) while another run holds it. */
    public static BenchLock acquire(Target target, PrintStream progress) throws SQLException {
        if (target.kind() == Target.Kind.H2) {
            return new BenchLock(null);
        }
        Connection c = target.connect();
        try {
            boolean postgres = target.kind() == Target.Kind.POSTGRESQL;
            if (!take(c, postgres ? "SELECT pg_try_advisory_lock(?)" : "SELECT GET_LOCK(?, 0)", postgres)) {
                progress.println("[" + target.kind().id() + "] another benchmark run holds this database: waiting");
                if (!take(c, postgres ? "SELECT true FROM (SELECT pg_advisory_lock(?)) l" : "SELECT GET_LOCK(?, " + WAIT_SECONDS
                        + ")", postgres)) {
                    throw new SQLException("another benchmark run held " + target.kind().displayName()
                            + " for more than " + WAIT_SECONDS + " s");
                }
            }
            return new BenchLock(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static boolean take(Connection c, String sql, boolean postgres) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (postgres) {
                ps.setLong(1, PG_KEY);
            } else {
                ps.setString(1, MARIADB_NAME);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Object value = rs.getObject(1);
                return value instanceof Boolean b ? b : value != null && ((Number) value).intValue() == 1;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
