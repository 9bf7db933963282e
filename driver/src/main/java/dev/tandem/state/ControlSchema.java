package dev.tandem.state;

import dev.tandem.sql.Dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * The control tables that hold the fleet-wide state, and their DDL per database. {@code tandem init} creates them
 * ({@code CREATE ... IF NOT EXISTS}: running it again changes nothing); the driver never runs DDL.
 *
 * <ul>
 *   <li>{@value #STATE}: one row per migration whose phase was set in the database: phase, percent, a version that
 *       increases with every change (changes are compare-and-set on it), when, by whom and why;</li>
 *   <li>{@value #HISTORY}: append-only audit of every phase change, verify, backfill and contract;</li>
 *   <li>{@value #BACKFILL}: backfill checkpoints, per migration and direction;</li>
 *   <li>{@value #INSTANCES}: one row per running driver (engine): its heartbeat and the phase it applies to each
 *       migration.</li>
 * </ul>
 *
 * <p>Every timestamp is the database's clock in UTC ({@link #now(Dialect)}), written by the database itself, so that
 * the clocks and time zones of the hosts never matter.
 */
public final class ControlSchema {
    public static final String STATE = "tandem_state";
    public static final String HISTORY = "tandem_history";
    public static final String BACKFILL = "tandem_backfill";
    public static final String INSTANCES = "tandem_instances";

    /**
     * The column of {@value #STATE} that marks a key handover in progress (see {@code KeyHandover}); added by
     * {@code tandem init} to tables created before it existed ({@link #upgrades}).
     */
    public static final String HANDOVER = "handover";

    /** The four tables, in creation order. */
    public static final List<String> TABLES = List.of(STATE, HISTORY, BACKFILL, INSTANCES);

    private ControlSchema() {
    }

    /** Whether the control tables exist for this database (H2, PostgreSQL, MariaDB, MySQL). */
    public static boolean supports(Dialect dialect) {
        return dialect == Dialect.H2 || dialect == Dialect.POSTGRESQL || dialect == Dialect.MARIADB
                || dialect == Dialect.MYSQL;
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statements (and indexes) for one table. */
    public static List<String> ddl(Dialect dialect, String table) {
        check(dialect);
        String ts = timestamp(dialect);
        String text = largeText(dialect);
        boolean my = mysqlLike(dialect);
        List<String> out = new ArrayList<>();
        switch (table) {
            case STATE -> out.add("CREATE TABLE IF NOT EXISTS " + STATE + " ("
                    + "migration VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "phase VARCHAR(16) NOT NULL, "
                    + "percent INT NOT NULL, "
                    + "version BIGINT NOT NULL, "
                    + "changed_at " + ts + " NOT NULL, "
                    + "changed_by VARCHAR(128) NOT NULL, "
                    + "reason VARCHAR(1000), "
                    + HANDOVER + " VARCHAR(32))" + tableOptions(dialect));
            case HISTORY -> {
                out.add("CREATE TABLE IF NOT EXISTS " + HISTORY + " ("
                        + "id " + identity(dialect) + " PRIMARY KEY, "
                        + "migration VARCHAR(64) NOT NULL, "
                        + "event VARCHAR(32) NOT NULL, "
                        + "from_phase VARCHAR(16), "
                        + "to_phase VARCHAR(16), "
                        + "percent INT, "
                        + "outcome VARCHAR(16), "
                        + "occurred_at " + ts + " NOT NULL, "
                        + "actor VARCHAR(128) NOT NULL, "
                        + "reason VARCHAR(1000), "
                        + "details " + text
                        + (my ? ", INDEX tandem_history_by_event (migration, event, id)" : "")
                        + ")" + tableOptions(dialect));
                if (!my) {
                    out.add("CREATE INDEX IF NOT EXISTS tandem_history_by_event ON " + HISTORY
                            + " (migration, event, id)");
                }
            }
            case BACKFILL -> out.add("CREATE TABLE IF NOT EXISTS " + BACKFILL + " ("
                    + "migration VARCHAR(64) NOT NULL, "
                    + "direction VARCHAR(8) NOT NULL, "
                    + "state VARCHAR(16) NOT NULL, "
                    + "last_key VARCHAR(2000), "
                    + "high_water VARCHAR(2000), "
                    + "rows_done BIGINT NOT NULL, "
                    + "rows_total BIGINT, "
                    + "paused BOOLEAN NOT NULL, "
                    + "started_at " + ts + ", "
                    + "updated_at " + ts + ", "
                    + "finished_at " + ts + ", "
                    + "PRIMARY KEY (migration, direction))" + tableOptions(dialect));
            case INSTANCES -> out.add("CREATE TABLE IF NOT EXISTS " + INSTANCES + " ("
                    + "instance_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "host VARCHAR(255), "
                    + "pid BIGINT, "
                    + "started_at " + ts + ", "
                    + "heartbeat_at " + ts + " NOT NULL, "
                    + "phases " + text + ", "
                    + column(dialect, "usage") + " " + text + ")" + tableOptions(dialect));
            default -> throw new IllegalArgumentException("not a control table: " + table);
        }
        return out;
    }

    /**
     * The columns later versions added to a table, as {@code ALTER TABLE ... ADD} statements, keyed by column name:
     * {@code tandem init} runs those whose column is missing, so that control tables created by an earlier version
     * gain them. Each is nullable: the driver reads tables without them as before.
     */
    public static java.util.Map<String, String> upgrades(Dialect dialect, String table) {
        check(dialect);
        if (table.equals(STATE)) {
            return java.util.Map.of(HANDOVER, "ALTER TABLE " + STATE + " ADD " + HANDOVER + " VARCHAR(32)");
        }
        return java.util.Map.of();
    }

    /** Every statement {@code tandem init} runs, in order. */
    public static List<String> ddl(Dialect dialect) {
        List<String> out = new ArrayList<>();
        for (String table : TABLES) {
            out.addAll(ddl(dialect, table));
        }
        return out;
    }

    /**
     * The database's current time in UTC, as a timestamp without time zone: what every control-table timestamp is
     * written with and compared against.
     */
    public static String now(Dialect dialect) {
        check(dialect);
        return switch (dialect) {
            case POSTGRESQL -> "CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP(3))";
            case MARIADB, MYSQL -> "UTC_TIMESTAMP(3)";
            // H2 converts a TIMESTAMP WITH TIME ZONE to the session's zone when cast: count from the epoch instead
            default -> "CAST(DATEADD(MILLISECOND, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT),"
                    + " TIMESTAMP '1970-01-01 00:00:00') AS TIMESTAMP(3))";
        };
    }

    /** A column name as it must be written on this database ({@code usage} is reserved on MariaDB and MySQL). */
    public static String column(Dialect dialect, String name) {
        if (mysqlLike(dialect) && name.equals("usage")) {
            return "`usage`";
        }
        return name;
    }

    private static String timestamp(Dialect dialect) {
        return mysqlLike(dialect) ? "DATETIME(3)" : "TIMESTAMP(3)";
    }

    private static String largeText(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "TEXT";
            case MARIADB, MYSQL -> "MEDIUMTEXT";
            default -> "CHARACTER LARGE OBJECT";
        };
    }

    private static String identity(Dialect dialect) {
        return mysqlLike(dialect) ? "BIGINT NOT NULL AUTO_INCREMENT" : "BIGINT GENERATED BY DEFAULT AS IDENTITY";
    }

    /** MariaDB/MySQL: InnoDB (transactions), UTF-8, and binary collation so that ids compare case-sensitively. */
    private static String tableOptions(Dialect dialect) {
        return mysqlLike(dialect) ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
    }

    private static boolean mysqlLike(Dialect dialect) {
        return dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
    }

    private static void check(Dialect dialect) {
        if (!supports(dialect)) {
            throw new IllegalArgumentException("Tandem's control tables are available on H2, PostgreSQL, MariaDB and"
                    + " MySQL, not on " + dialect.displayName());
        }
    }
}
