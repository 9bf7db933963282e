package example.legacy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Application code that still speaks the old schema, for the usage-by-caller tests: outside {@code dev.tandem}, as an
 * application's would be, so that the caller found is one of these methods.
 */
public final class LegacyPersonDao {
    private final String table;

    public LegacyPersonDao(String table) {
        this.table = table;
    }

    /** A read through a connection the caller holds (a plain JDBC call). */
    public int countNames(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(name) FROM " + table + " WHERE id > ?")) {
            ps.setInt(1, -1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A write through a pool: the connection is borrowed here. */
    public int rename(DataSource pool, int id, String name) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setInt(2, id);
            return ps.executeUpdate();
        }
    }

    /** An insert with a plain Statement. */
    public void insert(Connection c, int id, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (" + id + ", '" + name + "')");
        }
    }

    /** Runs {@code work} {@code times} times from here: the frame a caller test finds. */
    public static void repeat(int times, Runnable work) {
        for (int i = 0; i < times; i++) {
            work.run();
        }
    }
}
