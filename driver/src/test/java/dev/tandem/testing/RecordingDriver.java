package dev.tandem.testing;

import dev.tandem.jdbc.forward.ConnectionForwarder;
import dev.tandem.jdbc.forward.StatementForwarder;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A pass-through JDBC driver for {@code jdbc:recording:<real URL without jdbc:>} that records every SQL text sent to
 * the real database (prepared, executed or batched), so that tests can inspect exactly what Tandem sends. The
 * database underneath is real.
 */
public final class RecordingDriver implements Driver {
    private static final String PREFIX = "jdbc:recording:";
    private static final List<String> SQL = new CopyOnWriteArrayList<>();

    static {
        try {
            DriverManager.registerDriver(new RecordingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Makes sure the driver is registered. */
    public static void register() {
        // the static initializer did it
    }

    /** Every SQL text sent so far (oldest first). */
    public static List<String> recorded() {
        return List.copyOf(SQL);
    }

    public static void clear() {
        SQL.clear();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return new RecordingConnection(real);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("recording");
    }

    private static final class RecordingConnection implements ConnectionForwarder {
        private final Connection real;

        RecordingConnection(Connection real) {
            this.real = real;
        }

        @Override
        public Connection delegate() {
            return real;
        }

        @Override
        public Statement createStatement() throws SQLException {
            return new RecordingStatement(real.createStatement());
        }

        @Override
        public Statement createStatement(int a, int b) throws SQLException {
            return new RecordingStatement(real.createStatement(a, b));
        }

        @Override
        public Statement createStatement(int a, int b, int c) throws SQLException {
            return new RecordingStatement(real.createStatement(a, b, c));
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int keys) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql, keys);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int[] columns) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql, columns);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, String[] columns) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql, columns);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int a, int b) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql, a, b);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int a, int b, int c) throws SQLException {
            SQL.add(sql);
            return real.prepareStatement(sql, a, b, c);
        }

        @Override
        public CallableStatement prepareCall(String sql) throws SQLException {
            SQL.add(sql);
            return real.prepareCall(sql);
        }

        @Override
        public CallableStatement prepareCall(String sql, int a, int b) throws SQLException {
            SQL.add(sql);
            return real.prepareCall(sql, a, b);
        }

        @Override
        public CallableStatement prepareCall(String sql, int a, int b, int c) throws SQLException {
            SQL.add(sql);
            return real.prepareCall(sql, a, b, c);
        }

    }

    private static final class RecordingStatement implements StatementForwarder {
        private final Statement real;

        RecordingStatement(Statement real) {
            this.real = real;
        }

        @Override
        public Statement delegate() {
            return real;
        }

        private String record(String sql) {
            SQL.add(sql);
            return sql;
        }

        @Override
        public boolean execute(String sql) throws SQLException {
            return real.execute(record(sql));
        }

        @Override
        public boolean execute(String sql, int keys) throws SQLException {
            return real.execute(record(sql), keys);
        }

        @Override
        public boolean execute(String sql, int[] columns) throws SQLException {
            return real.execute(record(sql), columns);
        }

        @Override
        public boolean execute(String sql, String[] columns) throws SQLException {
            return real.execute(record(sql), columns);
        }

        @Override
        public java.sql.ResultSet executeQuery(String sql) throws SQLException {
            return real.executeQuery(record(sql));
        }

        @Override
        public int executeUpdate(String sql) throws SQLException {
            return real.executeUpdate(record(sql));
        }

        @Override
        public int executeUpdate(String sql, int keys) throws SQLException {
            return real.executeUpdate(record(sql), keys);
        }

        @Override
        public int executeUpdate(String sql, int[] columns) throws SQLException {
            return real.executeUpdate(record(sql), columns);
        }

        @Override
        public int executeUpdate(String sql, String[] columns) throws SQLException {
            return real.executeUpdate(record(sql), columns);
        }

        @Override
        public long executeLargeUpdate(String sql) throws SQLException {
            return real.executeLargeUpdate(record(sql));
        }

        @Override
        public void addBatch(String sql) throws SQLException {
            real.addBatch(record(sql));
        }

    }
}
