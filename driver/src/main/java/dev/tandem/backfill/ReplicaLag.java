package dev.tandem.backfill;

import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Where the backfill learns how far the database's replicas lag behind. */
@FunctionalInterface
public interface ReplicaLag {
    /** The worst replay lag among the replicas, or null when there is none (or the database cannot tell). */
    Duration worst(Connection c) throws SQLException;

    /** No replicas known. */
    ReplicaLag NONE = c -> null;

    /**
     * PostgreSQL: the greatest {@code replay_lag} in {@code pg_stat_replication} (one row per replica streaming from
     * this server; none without replicas). Elsewhere {@link #NONE}.
     */
    static ReplicaLag of(Dialect dialect) {
        if (dialect != Dialect.POSTGRESQL) {
            return NONE;
        }
        return c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), CAST(COALESCE(MAX(EXTRACT(EPOCH FROM replay_lag)), 0)"
                         + " * 1000 AS BIGINT) FROM pg_stat_replication")) {
                rs.next();
                return rs.getLong(1) == 0 ? null : Duration.ofMillis(rs.getLong(2));
            }
        };
    }
}
