package dev.tandem.backfill;

import dev.tandem.state.ControlSchema;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements on {@code tandem_backfill} ({@link ControlSchema#BACKFILL}): one row per migration and direction.
 * Values are bound; timestamps are the database's clock in UTC. {@link #advance} runs in the caller's transaction (the
 * batch's own), the others in whatever mode the connection is in.
 */
public final class CheckpointStore {
    /** The longest encoded key a checkpoint holds ({@code last_key} and {@code high_water} are VARCHAR(2000)). */
    public static final int MAX_KEY_TEXT = 2000;

    private final String now;

    public CheckpointStore(Dialect dialect) {
        this.now = ControlSchema.now(dialect);
    }

    /** A migration's checkpoint in one direction, if any. */
    public Optional<Checkpoint> read(Connection c, String migration, String direction) throws SQLException {
        List<Checkpoint> rows = select(c, " WHERE migration = ? AND direction = ?", migration, direction);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every checkpoint, by migration and direction. */
    public List<Checkpoint> all(Connection c) throws SQLException {
        return select(c, "");
    }

    /** Every checkpoint of a migration (forward first). */
    public List<Checkpoint> of(Connection c, String migration) throws SQLException {
        return select(c, " WHERE migration = ?", migration);
    }

    /**
     * Starts a run from the beginning: the row is created, or reset (rows done 0, no last key, new high-water mark and
     * total); the {@code paused} flag an operator set is kept.
     */
    public void start(Connection c, String migration, String direction, String highWater, long rowsTotal)
            throws SQLException {
        checkLength(highWater);
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ControlSchema.BACKFILL + " SET state = ?,"
                + " last_key = NULL, high_water = ?, rows_done = 0, rows_total = ?, started_at = " + now
                + ", updated_at = " + now + ", finished_at = NULL WHERE migration = ? AND direction = ?")) {
            ps.setString(1, Checkpoint.RUNNING);
            nullable(ps, 2, highWater);
            ps.setLong(3, rowsTotal);
            ps.setString(4, migration);
            ps.setString(5, direction);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ControlSchema.BACKFILL
                    + " (migration, direction, state, last_key, high_water, rows_done, rows_total, paused, started_at,"
                    + " updated_at, finished_at) VALUES (?, ?, ?, NULL, ?, 0, ?, ?, " + now + ", " + now + ", NULL)")) {
                ps.setString(1, migration);
                ps.setString(2, direction);
                ps.setString(3, Checkpoint.RUNNING);
                nullable(ps, 4, highWater);
                ps.setLong(5, rowsTotal);
                ps.setBoolean(6, false);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Records a batch: the new last key, {@code rows} more done, state {@code running}. Meant to run in the batch's
     * transaction, so that a crash can neither skip nor count a batch twice.
     */
    public void advance(Connection c, String migration, String direction, String lastKey, long rows)
            throws SQLException {
        checkLength(lastKey);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ControlSchema.BACKFILL + " SET last_key = ?,"
                + " rows_done = rows_done + ?, state = ?, updated_at = " + now
                + " WHERE migration = ? AND direction = ?")) {
            nullable(ps, 1, lastKey);
            ps.setLong(2, rows);
            ps.setString(3, Checkpoint.RUNNING);
            ps.setString(4, migration);
            ps.setString(5, direction);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the checkpoint row of backfill " + migration + " (" + direction
                        + ") is gone from " + ControlSchema.BACKFILL + ": was it deleted while the backfill ran?");
            }
        }
    }

    /** Sets the state ({@code running}, {@code paused}, {@code failed}, or {@code done}, which also sets finished_at). */
    public void state(Connection c, String migration, String direction, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ControlSchema.BACKFILL + " SET state = ?,"
                + " updated_at = " + now + (Checkpoint.DONE.equals(state) ? ", finished_at = " + now : "")
                + " WHERE migration = ? AND direction = ?")) {
            ps.setString(1, state);
            ps.setString(2, migration);
            ps.setString(3, direction);
            ps.executeUpdate();
        }
    }

    /**
     * Sets the {@code paused} flag that a running backfill checks before each batch.
     *
     * @return false when there is no checkpoint for the migration and direction (no backfill ever started)
     */
    public boolean setPaused(Connection c, String migration, String direction, boolean paused) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ControlSchema.BACKFILL + " SET paused = ?"
                + " WHERE migration = ? AND direction = ?")) {
            ps.setBoolean(1, paused);
            ps.setString(2, migration);
            ps.setString(3, direction);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether an operator asked the backfill to pause. */
    public boolean paused(Connection c, String migration, String direction) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT paused FROM " + ControlSchema.BACKFILL
                + " WHERE migration = ? AND direction = ?")) {
            ps.setString(1, migration);
            ps.setString(2, direction);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<Checkpoint> select(Connection c, String where, String... values) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT migration, direction, state, last_key, high_water,"
                + " rows_done, rows_total, paused, started_at, updated_at, finished_at FROM " + ControlSchema.BACKFILL
                + where + " ORDER BY migration, direction")) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long total = rs.getLong(7);
                    Long t = rs.wasNull() ? null : total;
                    out.add(new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), t, rs.getBoolean(8), instant(rs, 9), instant(rs, 10),
                            instant(rs, 11)));
                }
            }
        }
        return out;
    }

    private static void checkLength(String key) {
        if (key != null && key.length() > MAX_KEY_TEXT) {
            throw new IllegalArgumentException("a key of this migration takes " + key.length() + " characters as a"
                    + " checkpoint, more than the " + MAX_KEY_TEXT + " that " + ControlSchema.BACKFILL + " holds");
        }
    }

    private static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
