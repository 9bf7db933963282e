package dev.tandem.lint;

import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlScript;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements the database has run, most called first, from its own statistics: PostgreSQL's
 * {@code pg_stat_statements} (this database's entries; {@code $1} placeholders made {@code ?}) and MariaDB's or
 * MySQL's {@code performance_schema.events_statements_summary_by_digest} (this schema's digests, whose text has
 * {@code ?} already and may be truncated, ending in {@code ...}). Both are normalised: literals are placeholders.
 */
public final class StatementStatistics {
    private StatementStatistics() {
    }

    /**
     * Reads the statistics.
     *
     * @throws StatisticsUnavailableException when the database keeps none Tandem can read (the message says how to
     *                                        turn them on), or H2, which keeps none
     */
    public static List<SourceStatement> read(Connection c, Dialect dialect)
            throws SQLException, StatisticsUnavailableException {
        return switch (dialect) {
            case POSTGRESQL -> postgresql(c);
            case MARIADB, MYSQL -> performanceSchema(c, dialect);
            default -> throw new StatisticsUnavailableException("--from-stats reads PostgreSQL's pg_stat_statements"
                    + " or MariaDB's/MySQL's performance_schema; " + dialect.displayName() + " keeps no statement"
                    + " statistics Tandem can read: use --sql FILE");
        };
    }

    private static List<SourceStatement> postgresql(Connection c) throws SQLException, StatisticsUnavailableException {
        String sql = "SELECT s.query, s.calls FROM pg_stat_statements s"
                + " WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY s.calls DESC, s.query";
        List<SourceStatement> out = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String text = rs.getString(1);
                if (text == null) {
                    continue;
                }
                String jdbc = SqlScript.positionalToJdbc(text);
                out.add(SourceStatement.ofStatistics(jdbc == null ? text : jdbc, rs.getLong(2), false));
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            if ("42P01".equals(state)) { // undefined_table
                throw new StatisticsUnavailableException("no pg_stat_statements view in this database (or not on"
                        + " the search path): to enable it, add pg_stat_statements to shared_preload_libraries in"
                        + " postgresql.conf (a restart), then run CREATE EXTENSION pg_stat_statements in this"
                        + " database");
            }
            if ("55000".equals(state) || (e.getMessage() != null
                    && e.getMessage().contains("shared_preload_libraries"))) {
                throw new StatisticsUnavailableException("pg_stat_statements is installed but not loaded: add it to"
                        + " shared_preload_libraries in postgresql.conf and restart PostgreSQL");
            }
            if ("42501".equals(state)) { // insufficient_privilege
                throw new StatisticsUnavailableException("cannot read pg_stat_statements: " + e.getMessage()
                        + " (grant the role pg_read_all_stats)");
            }
            throw e;
        } finally {
            if (!autoCommit && !c.isClosed()) {
                c.rollback();
            }
        }
        return out;
    }

    /** MySQL marks a digest text cut short by {@code performance_schema_max_digest_length} so. */
    private static final String TRUNCATED = "...";
    /** The most a token takes in a digest: an identifier of 64 characters and its header. */
    private static final int LARGEST_TOKEN = 68;

    /**
     * Whether a digest text may have been cut short. MySQL ends it with {@code ...}; MariaDB just stops, once its
     * tokens fill {@code performance_schema_max_digest_length} bytes: 2 bytes a token, 4 plus the name for a quoted
     * identifier. A text whose tokens come within one token of the limit is taken as cut (a complete one that long
     * is then reported as "cannot tell": the safe side).
     */
    static boolean truncated(String digest, int maxDigestLength) {
        if (digest.endsWith(TRUNCATED)) {
            return true;
        }
        if (maxDigestLength <= 0) {
            return false;
        }
        long bytes = 0;
        for (String token : digest.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            bytes += token.length() > 1 && token.charAt(0) == '`' ? 4 + token.length() - 2 : 2;
        }
        return bytes > maxDigestLength - LARGEST_TOKEN;
    }

    private static List<SourceStatement> performanceSchema(Connection c, Dialect dialect)
            throws SQLException, StatisticsUnavailableException {
        int maxDigestLength;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@performance_schema,"
                + " @@performance_schema_max_digest_length")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                throw new StatisticsUnavailableException("performance_schema is off on this " + dialect.displayName()
                        + " server: set performance_schema=ON in the server's configuration (a restart)");
            }
            maxDigestLength = rs.getInt(2);
        }
        List<SourceStatement> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DIGEST_TEXT, COUNT_STAR"
                + " FROM performance_schema.events_statements_summary_by_digest"
                + " WHERE SCHEMA_NAME = DATABASE() AND DIGEST_TEXT IS NOT NULL"
                + " ORDER BY COUNT_STAR DESC, DIGEST_TEXT");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String text = rs.getString(1).strip();
                boolean truncated = truncated(text, maxDigestLength);
                out.add(SourceStatement.ofStatistics(text, rs.getLong(2), truncated));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1142 || e.getErrorCode() == 1044) { // access denied
                throw new StatisticsUnavailableException("cannot read performance_schema: " + e.getMessage()
                        + " (GRANT SELECT ON performance_schema.* to this user)");
            }
            throw e;
        }
        return out;
    }

    /**
     * Why the statistics may lack statements, or null: MariaDB's digest table is full (statements since are counted
     * in one row without text), or PostgreSQL evicted its least-run entries. Lint can only classify what is there.
     */
    public static String incompleteness(Connection c, Dialect dialect) {
        String sql = dialect == Dialect.POSTGRESQL ? "SELECT dealloc FROM pg_stat_statements_info"
                : "SELECT COALESCE(SUM(COUNT_STAR), 0) FROM performance_schema.events_statements_summary_by_digest"
                        + " WHERE DIGEST IS NULL";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long n = rs.next() ? rs.getLong(1) : 0;
            if (n <= 0) {
                return null;
            }
            return dialect == Dialect.POSTGRESQL
                    ? "pg_stat_statements evicted its least-run entries " + n + " time(s) (pg_stat_statements.max):"
                            + " rarely run statements may be missing; raise the setting, or reset the statistics"
                            + " (pg_stat_statements_reset()) and lint again after a full business cycle"
                    : "the digest table is full (performance_schema_digests_size): " + n + " statement(s) ran"
                            + " since without being recorded; empty it (TRUNCATE TABLE"
                            + " performance_schema.events_statements_summary_by_digest) and lint again after a full"
                            + " business cycle";
        } catch (SQLException e) {
            return null; // older servers (no pg_stat_statements_info): nothing to say
        }
    }
}
