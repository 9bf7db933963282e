package dev.tandem.state;

import dev.tandem.rules.Phase;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement Tandem runs on its control tables ({@link ControlSchema}), for one database. Values are always
 * bound parameters; timestamps are always the database's clock in UTC. The methods expect a connection in auto-commit
 * mode (each statement commits by itself); {@link #setPhase} makes a transaction of its own, and
 * {@link #recordEvent} writes in the connection's transaction when it has one.
 */
public final class StateStore {
    private static final int MAX_REASON = 1000;
    private static final int MAX_ACTOR = 128;

    private final Dialect dialect;
    private final String now;
    private final int queryTimeoutSeconds;
    /** Whether {@code tandem_state} has the {@code handover} column (tables of older versions lack it); null: not yet read. */
    private volatile Boolean handoverColumn;

    public StateStore(Dialect dialect) {
        this(dialect, 0);
    }

    /** @param queryTimeoutSeconds the longest any statement may take (0: no limit) */
    public StateStore(Dialect dialect, int queryTimeoutSeconds) {
        if (!ControlSchema.supports(dialect)) {
            throw new IllegalArgumentException("Tandem's control tables are available on H2, PostgreSQL, MariaDB and"
                    + " MySQL, not on " + dialect.displayName());
        }
        this.dialect = dialect;
        this.now = ControlSchema.now(dialect);
        this.queryTimeoutSeconds = Math.max(0, queryTimeoutSeconds);
    }

    /** The store for a connection's database (recognised from its metadata). */
    public static StateStore forConnection(Connection connection) throws SQLException {
        return new StateStore(Dialect.fromProductName(connection.getMetaData().getDatabaseProductName()));
    }

    public Dialect dialect() {
        return dialect;
    }

    // ------------------------------------------------------------------------------------------------ the tables

    /**
     * Creates the control tables that do not exist yet. Idempotent.
     *
     * @return each table, in order, mapped to whether it was created now ({@code false}: it was there already)
     */
    public Map<String, Boolean> init(Connection connection) throws SQLException {
        Map<String, Boolean> created = new LinkedHashMap<>();
        for (String table : ControlSchema.TABLES) {
            boolean existed = exists(connection, table);
            try (Statement s = statement(connection)) {
                for (String ddl : ControlSchema.ddl(dialect, table)) {
                    s.execute(ddl);
                }
                if (existed) {
                    for (Map.Entry<String, String> upgrade : ControlSchema.upgrades(dialect, table).entrySet()) {
                        if (!hasColumn(connection, table, upgrade.getKey())) {
                            s.execute(upgrade.getValue());
                        }
                    }
                }
            }
            handoverColumn = null;
            created.put(table, !existed);
        }
        return created;
    }

    /** Each control table, in order, mapped to whether it exists (and is readable) on this connection. */
    public Map<String, Boolean> tables(Connection connection) throws SQLException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String table : ControlSchema.TABLES) {
            out.put(table, exists(connection, table));
        }
        return out;
    }

    /** Whether a table exists, by selecting nothing from it; other errors (no access, say) are thrown. */
    public boolean exists(Connection connection, String table) throws SQLException {
        if (!ControlSchema.TABLES.contains(table)) {
            throw new IllegalArgumentException("not a control table: " + table);
        }
        try (Statement s = statement(connection);
             ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
            rs.next();
            return true;
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether a table exists, asked of the database's catalog: unlike {@link #exists}, a missing table causes no
     * error (and no line in the server's log), which suits a question asked every second.
     */
    public boolean present(Connection connection, String table) throws SQLException {
        if (!ControlSchema.TABLES.contains(table)) {
            throw new IllegalArgumentException("not a control table: " + table);
        }
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 ELSE 1 END";
            case MARIADB, MYSQL -> "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_name = ?";
            default -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = SCHEMA() AND UPPER(TABLE_NAME) = UPPER(?)";
        };
        try (PreparedStatement ps = prepare(connection, sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    /**
     * Whether an exception says that a table does not exist: PostgreSQL {@code 42P01}, MariaDB/MySQL {@code 42S02}
     * (error 1146), H2 {@code 42S02}/{@code 42S04} (errors 42102 to 42104).
     */
    public static boolean isMissingTable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state) || code == 1146
                        || (code >= 42102 && code <= 42104)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ tandem_state

    /**
     * Every row of {@code tandem_state}, by migration; empty when the table does not exist (then the rules files'
     * phases apply). Rows with a phase this version does not know are returned {@linkplain StoredState#valid()
     * invalid}.
     */
    public Optional<Map<String, StoredState>> readStates(Connection connection) throws SQLException {
        Map<String, StoredState> out = new LinkedHashMap<>();
        try (Statement s = statement(connection);
             ResultSet rs = s.executeQuery("SELECT " + stateColumns(connection)
                     + " FROM " + ControlSchema.STATE + " ORDER BY migration")) {
            while (rs.next()) {
                StoredState state = state(rs);
                out.put(state.migration(), state);
            }
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(out);
    }

    /** One migration's row of {@code tandem_state}, or empty when it has none. */
    public Optional<StoredState> readState(Connection connection, String migration) throws SQLException {
        try (PreparedStatement ps = prepare(connection, "SELECT " + stateColumns(connection) + " FROM "
                + ControlSchema.STATE + " WHERE migration = ?")) {
            ps.setString(1, migration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    private static StoredState state(ResultSet rs) throws SQLException {
        String phaseText = rs.getString(2);
        Phase phase;
        try {
            phase = Phase.parse(phaseText);
        } catch (IllegalArgumentException e) {
            phase = null;
        }
        String handover = rs.getMetaData().getColumnCount() >= 8 ? rs.getString(8) : null;
        return new StoredState(rs.getString(1), phase, phaseText, rs.getInt(3), rs.getLong(4), instant(rs, 5),
                rs.getString(6), rs.getString(7), handover);
    }

    /** The columns of {@code tandem_state} read, in order: {@code handover} last, when the table has it. */
    private String stateColumns(Connection connection) throws SQLException {
        // Known once seen; while missing, looked for at every read, so that a 'tandem init' run beside running
        // instances reaches them at their next poll.
        Boolean has = handoverColumn;
        if (has == null || !has) {
            has = hasColumn(connection, ControlSchema.STATE, ControlSchema.HANDOVER);
            handoverColumn = has;
        }
        return "migration, phase, percent, version, changed_at, changed_by, reason"
                + (has ? ", " + ControlSchema.HANDOVER : "");
    }

    /**
     * Whether a control table has a column, by selecting nothing from it. A missing table reads as having it (the
     * read that follows then finds the table missing, as before).
     */
    public boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        // in a transaction, a savepoint keeps PostgreSQL's from being aborted by the failed select
        java.sql.Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement s = statement(connection);
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0")) {
            rs.next();
            return true;
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
                savepoint = null;
            }
            if (isMissingTable(e)) {
                return true;
            }
            if (isMissingColumn(e)) {
                return false;
            }
            throw e;
        } finally {
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        }
    }

    private static boolean isMissingColumn(SQLException e) {
        String state = e.getSQLState();
        return "42703".equals(state) || "42S22".equals(state) || e.getErrorCode() == 1054
                || e.getErrorCode() == 42122;
    }

    /**
     * Starts ({@code handover} not null, e.g. {@code "keys"}) or ends (null) a key handover for a migration:
     * compare-and-set on the version like {@link #setPhase}, which it increases, so that instances report having
     * seen it; recorded in {@code tandem_history} ({@value HistoryEntry#HANDOVER}, outcome {@code started} or
     * {@code finished}) in the same transaction. The phase stays.
     *
     * @return the new row, or empty when another change came first
     * @throws IllegalStateException when {@code tandem_state} lacks the column: run {@code tandem init}
     */
    public Optional<StoredState> setHandover(Connection connection, String migration, long expectedVersion,
                                             String handover, String actor, String reason) throws SQLException {
        if (!hasColumn(connection, ControlSchema.STATE, ControlSchema.HANDOVER)) {
            throw new IllegalStateException(ControlSchema.STATE + " has no " + ControlSchema.HANDOVER + " column"
                    + " (it was created by an earlier version of Tandem): run 'tandem init' to add it");
        }
        handoverColumn = true;
        String by = clip(actor, MAX_ACTOR);
        String why = clip(reason, MAX_REASON);
        return inTransaction(connection, () -> {
            int changed;
            try (PreparedStatement ps = prepare(connection, "UPDATE " + ControlSchema.STATE + " SET "
                    + ControlSchema.HANDOVER + " = ?, version = version + 1, changed_at = " + now
                    + ", changed_by = ?, reason = ? WHERE migration = ? AND version = ?")) {
                setNullableString(ps, 1, handover);
                ps.setString(2, by);
                setNullableString(ps, 3, why);
                ps.setString(4, migration);
                ps.setLong(5, expectedVersion);
                changed = ps.executeUpdate();
            }
            if (changed != 1) {
                return Optional.empty();
            }
            historyOfChange(connection, migration, HistoryEntry.HANDOVER, null, true,
                    handover != null ? "started" : "finished");
            return readState(connection, migration);
        });
    }

    /**
     * A phase change, compare-and-set on the version: the state row is written only if its version is still
     * {@code expectedVersion} (0: only if the migration has no row yet), and the history row is appended in the
     * same transaction. Nothing is written when the version no longer matches.
     *
     * @param fromPhase the phase before, for the history (the rules file's when the database held none); may be null
     * @param outcome   {@code ok} or {@code forced}
     * @return the new row, or empty when another change came first (read again and decide again)
     */
    public Optional<StoredState> setPhase(Connection connection, String migration, long expectedVersion,
                                          Phase fromPhase, Phase toPhase, int percent, String actor, String reason,
                                          String outcome) throws SQLException {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be from 0 to 100: " + percent);
        }
        String by = clip(actor, MAX_ACTOR);
        String why = clip(reason, MAX_REASON);
        return inTransaction(connection, () -> {
            int changed;
            if (expectedVersion == 0) {
                try (PreparedStatement ps = prepare(connection, "INSERT INTO " + ControlSchema.STATE
                        + " (migration, phase, percent, version, changed_at, changed_by, reason)"
                        + " VALUES (?, ?, ?, 1, " + now + ", ?, ?)")) {
                    ps.setString(1, migration);
                    ps.setString(2, toPhase.id());
                    ps.setInt(3, percent);
                    ps.setString(4, by);
                    setNullableString(ps, 5, why);
                    changed = ps.executeUpdate();
                } catch (SQLException e) {
                    if (isDuplicate(e)) {
                        connection.rollback(); // PostgreSQL: the failed insert has aborted the transaction
                        return Optional.empty();
                    }
                    throw e;
                }
            } else {
                try (PreparedStatement ps = prepare(connection, "UPDATE " + ControlSchema.STATE
                        + " SET phase = ?, percent = ?, version = version + 1, changed_at = " + now
                        + ", changed_by = ?, reason = ? WHERE migration = ? AND version = ?")) {
                    ps.setString(1, toPhase.id());
                    ps.setInt(2, percent);
                    ps.setString(3, by);
                    setNullableString(ps, 4, why);
                    ps.setString(5, migration);
                    ps.setLong(6, expectedVersion);
                    changed = ps.executeUpdate();
                }
            }
            if (changed != 1) {
                return Optional.empty();
            }
            historyOfChange(connection, migration, HistoryEntry.PHASE, fromPhase == null ? null : fromPhase.id(),
                    false, outcome);
            return readState(connection, migration);
        });
    }

    // ------------------------------------------------------------------------------------------------ history

    /**
     * Appends the history row of a change just written to a migration's state row, copying from it the phase (as
     * {@code to_phase}), percent, time, actor and reason, so that the history row carries the very time of the state
     * row.
     *
     * @param fromPhase        the phase before, or null (ignored when {@code fromIsCurrent})
     * @param fromIsCurrent    whether the phase did not change ({@code from_phase} is the row's phase too)
     */
    private void historyOfChange(Connection connection, String migration, String event, String fromPhase,
                                 boolean fromIsCurrent, String outcome) throws SQLException {
        try (PreparedStatement ps = prepare(connection, "INSERT INTO " + ControlSchema.HISTORY
                + " (migration, event, from_phase, to_phase, percent, outcome, occurred_at, actor, reason)"
                + " SELECT migration, ?, " + (fromIsCurrent ? "phase" : "?") + ", phase, percent, ?, changed_at,"
                + " changed_by, reason FROM " + ControlSchema.STATE + " WHERE migration = ?")) {
            int i = 1;
            ps.setString(i++, event);
            if (!fromIsCurrent) {
                setNullableString(ps, i++, fromPhase);
            }
            ps.setString(i++, outcome);
            ps.setString(i, migration);
            ps.executeUpdate();
        }
    }


    /**
     * Appends a row to {@code tandem_history} (in the connection's transaction, if it has one): for the commands
     * that record verifies, backfills and contracts.
     */
    public void recordEvent(Connection connection, String migration, String event, String fromPhase, String toPhase,
                            Integer percent, String outcome, String actor, String reason, String details)
            throws SQLException {
        insertHistory(connection, migration, event, fromPhase, toPhase, percent, outcome, clip(actor, MAX_ACTOR),
                clip(reason, MAX_REASON), details);
    }

    private void insertHistory(Connection connection, String migration, String event, String fromPhase,
                               String toPhase, Integer percent, String outcome, String actor, String reason,
                               String details) throws SQLException {
        try (PreparedStatement ps = prepare(connection, "INSERT INTO " + ControlSchema.HISTORY
                + " (migration, event, from_phase, to_phase, percent, outcome, occurred_at, actor, reason, details)"
                + " VALUES (?, ?, ?, ?, ?, ?, " + now + ", ?, ?, ?)")) {
            ps.setString(1, migration);
            ps.setString(2, event);
            setNullableString(ps, 3, fromPhase);
            setNullableString(ps, 4, toPhase);
            if (percent == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, percent);
            }
            setNullableString(ps, 6, outcome);
            ps.setString(7, actor == null ? "?" : actor);
            setNullableString(ps, 8, reason);
            setNullableString(ps, 9, details);
            ps.executeUpdate();
        }
    }

    /** A migration's history (every migration's when {@code migration} is null), newest first, at most {@code limit}. */
    public List<HistoryEntry> history(Connection connection, String migration, int limit) throws SQLException {
        return historyWhere(connection, migration == null ? "" : " WHERE migration = ?",
                migration == null ? List.of() : List.of(migration), limit);
    }

    /** The newest {@code verify} event of a migration (whatever its outcome), if any. */
    public Optional<HistoryEntry> latestVerify(Connection connection, String migration) throws SQLException {
        return first(historyWhere(connection, " WHERE migration = ? AND event = ?",
                List.of(migration, HistoryEntry.VERIFY), 1));
    }

    /**
     * The newest phase change that moved a migration into {@code phase} from another phase (a change of percent
     * within a phase does not count), if any.
     */
    public Optional<HistoryEntry> lastEntered(Connection connection, String migration, Phase phase)
            throws SQLException {
        return first(historyWhere(connection, " WHERE migration = ? AND event = ? AND to_phase = ?"
                        + " AND (from_phase IS NULL OR from_phase <> to_phase)",
                List.of(migration, HistoryEntry.PHASE, phase.id()), 1));
    }

    private List<HistoryEntry> historyWhere(Connection connection, String where, List<String> values, int limit)
            throws SQLException {
        if (limit < 1) {
            return List.of();
        }
        List<HistoryEntry> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(connection, "SELECT id, migration, event, from_phase, to_phase,"
                + " percent, outcome, occurred_at, actor, reason, details FROM " + ControlSchema.HISTORY + where
                + " ORDER BY id DESC")) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    int percent = rs.getInt(6);
                    Integer p = rs.wasNull() ? null : percent;
                    out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), p, rs.getString(7), instant(rs, 8), rs.getString(9),
                            rs.getString(10), rs.getString(11)));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ instances

    /**
     * Records that an instance is alive and what it applies: updates its row (heartbeat and phases), or inserts it
     * on its first heartbeat ({@code started_at} then too). Needs only INSERT, UPDATE and SELECT on
     * {@code instance_id} of {@code tandem_instances} (an upsert would need more on PostgreSQL and MariaDB).
     * Leaves the {@code usage} column as it is.
     *
     * @param phasesJson see {@link #phasesJson}
     */
    public void heartbeat(Connection connection, String instanceId, String host, long pid, String phasesJson)
            throws SQLException {
        heartbeat(connection, instanceId, host, pid, phasesJson, null);
    }

    /**
     * As {@link #heartbeat(Connection, String, String, long, String)}, also writing the instance's use of the old
     * structures ({@link UsageJson}) when {@code usageJson} is not null.
     */
    public void heartbeat(Connection connection, String instanceId, String host, long pid, String phasesJson,
                          String usageJson) throws SQLException {
        String usage = ControlSchema.column(dialect, "usage");
        int updated;
        try (PreparedStatement ps = prepare(connection, "UPDATE " + ControlSchema.INSTANCES
                + " SET heartbeat_at = " + now + ", phases = ?, host = ?, pid = ?"
                + (usageJson == null ? "" : ", " + usage + " = ?") + " WHERE instance_id = ?")) {
            int i = 1;
            ps.setString(i++, phasesJson);
            ps.setString(i++, clip(host, 255));
            ps.setLong(i++, pid);
            if (usageJson != null) {
                ps.setString(i++, usageJson);
            }
            ps.setString(i, instanceId);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = prepare(connection, "INSERT INTO " + ControlSchema.INSTANCES
                    + " (instance_id, host, pid, started_at, heartbeat_at, phases, " + usage + ") VALUES (?, ?, ?, "
                    + now + ", " + now + ", ?, ?)")) {
                ps.setString(1, instanceId);
                ps.setString(2, clip(host, 255));
                ps.setLong(3, pid);
                ps.setString(4, phasesJson);
                ps.setString(5, usageJson);
                ps.executeUpdate();
            }
        }
    }

    /** Every row of {@code tandem_instances}, most recent heartbeat first. */
    public List<InstanceReport> instances(Connection connection) throws SQLException {
        List<InstanceReport> out = new ArrayList<>();
        try (Statement s = statement(connection);
             ResultSet rs = s.executeQuery("SELECT instance_id, host, pid, started_at, heartbeat_at, phases, "
                     + ControlSchema.column(dialect, "usage") + " FROM " + ControlSchema.INSTANCES
                     + " ORDER BY heartbeat_at DESC, instance_id")) {
            while (rs.next()) {
                long pid = rs.getLong(3);
                Long p = rs.wasNull() ? null : pid;
                out.add(new InstanceReport(rs.getString(1), rs.getString(2), p, instant(rs, 4), instant(rs, 5),
                        parsePhases(rs.getString(6)), UsageJson.parse(rs.getString(7))));
            }
        }
        return out;
    }

    /** The database's current time (UTC), the clock every control-table timestamp is compared against. */
    public Instant now(Connection connection) throws SQLException {
        try (Statement s = statement(connection); ResultSet rs = s.executeQuery("SELECT " + now)) {
            rs.next();
            return instant(rs, 1);
        }
    }

    // ------------------------------------------------------------------------------------------------ phases JSON

    /**
     * The {@code phases} column: {@code {"migration":{"phase":"read-new","percent":100,"version":7},...}}, the
     * migrations sorted by id. Version 0 means the rules file's phase (no row in {@code tandem_state}).
     */
    public static String phasesJson(PhaseSnapshot snapshot) {
        return phasesJson(snapshot, -1);
    }

    /**
     * As {@link #phasesJson(PhaseSnapshot)}; while the instance cannot read {@code tandem_state}
     * ({@code stateReadFailingMs >= 0}), each entry also holds {@code "stateReadFailingMs"}: for how long, in
     * milliseconds (the phases are then the last ones it read).
     */
    public static String phasesJson(PhaseSnapshot snapshot, long stateReadFailingMs) {
        return phasesJson(snapshot, stateReadFailingMs, Map.of());
    }

    /**
     * As {@link #phasesJson(PhaseSnapshot, long)}; a migration in {@code oldestInUse} (see
     * {@link StatePoller#oldestInUse()}) also holds {@code "oldestInUse"}: the oldest version of its state that a
     * transaction (or autocommit statement) of the instance still runs with, when older than {@code "version"}; a
     * migration in a key handover also holds {@code "keyHandover": true}.
     */
    public static String phasesJson(PhaseSnapshot snapshot, long stateReadFailingMs, Map<String, Long> oldestInUse) {
        Map<String, Object> out = new LinkedHashMap<>();
        snapshot.states().keySet().stream().sorted().forEach(id -> {
            MigrationState s = snapshot.states().get(id);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phase", s.phase().id());
            entry.put("percent", s.percent());
            entry.put("version", snapshot.versionOf(id));
            if (stateReadFailingMs >= 0) {
                entry.put("stateReadFailingMs", stateReadFailingMs);
            }
            Long oldest = oldestInUse.get(id);
            if (oldest != null && oldest < snapshot.versionOf(id)) {
                entry.put("oldestInUse", oldest);
            }
            if (s.keyHandover()) {
                entry.put("keyHandover", true);
            }
            out.put(id, entry);
        });
        return Json.write(out);
    }

    /** Reads a {@code phases} column; unreadable text (or entries) are left out. */
    public static Map<String, InstanceReport.Reported> parsePhases(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, InstanceReport.Reported> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> entry && entry.get("phase") instanceof String phase) {
                out.put(String.valueOf(e.getKey()), new InstanceReport.Reported(phase,
                        entry.get("percent") instanceof Number n ? n.intValue() : 100,
                        entry.get("version") instanceof Number v ? v.longValue() : 0,
                        entry.get("stateReadFailingMs") instanceof Number f ? f.longValue() : -1,
                        entry.get("oldestInUse") instanceof Number o ? o.longValue() : -1,
                        Boolean.TRUE.equals(entry.get("keyHandover"))));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Statement statement(Connection connection) throws SQLException {
        Statement s = connection.createStatement();
        if (queryTimeoutSeconds > 0) {
            s.setQueryTimeout(queryTimeoutSeconds);
        }
        return s;
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        if (queryTimeoutSeconds > 0) {
            ps.setQueryTimeout(queryTimeoutSeconds);
        }
        return ps;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        if (auto) {
            connection.setAutoCommit(false);
        }
        boolean done = false;
        try {
            T result = work.run();
            connection.commit();
            done = true;
            return result;
        } finally {
            if (!done) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
            if (auto) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static boolean isDuplicate(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max);
    }
}
