package dev.tandem.jdbc;

import dev.tandem.engine.TandemConfig;
import dev.tandem.jdbc.forward.Wrapping;
import dev.tandem.state.ControlConnections;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Tandem in front of a {@link DataSource}, for frameworks that are handed a DataSource rather than a URL. Settings
 * ({@code tandem.rules} and the others) come from the properties given here, else from system properties and
 * {@code TANDEM_RULES}, as for the driver.
 */
public class TandemDataSource implements DataSource {
    private final DataSource real;
    private final Properties settings = new Properties();
    private volatile Object meterRegistry;
    private volatile TandemConfig config;

    public TandemDataSource(DataSource real) {
        this(real, new Properties());
    }

    /** @param settings {@code tandem.*} settings, e.g. {@code tandem.rules} */
    public TandemDataSource(DataSource real, Properties settings) {
        if (real == null) {
            throw new IllegalArgumentException("the real DataSource is required");
        }
        this.real = real;
        this.settings.putAll(settings);
    }

    /** Sets where the rules are (see {@code tandem.rules}); before the first connection. */
    public void setRules(String location) {
        settings.setProperty(TandemConfig.RULES, location);
        config = null;
    }

    /**
     * Sets the Micrometer {@code MeterRegistry} this data source's meters are registered with (default: the one set
     * with {@code TandemMetrics.useRegistry}, else Micrometer's global registry); before the first connection.
     *
     * @throws IllegalArgumentException when it is not a Micrometer {@code MeterRegistry}
     */
    public void setMeterRegistry(Object registry) {
        if (registry != null && !isMeterRegistry(registry)) {
            throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry.getClass().getName());
        }
        meterRegistry = registry;
        config = null;
    }

    private static boolean isMeterRegistry(Object registry) {
        for (Class<?> c = registry.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.micrometer.core.instrument.MeterRegistry")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return TandemDriver.wrap(real.getConnection(), config(), control(null, null));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return TandemDriver.wrap(real.getConnection(username, password), config(), control(username, password));
    }

    /**
     * The state poller's connections: taken from the real DataSource for each poll and given back (closed) after it,
     * with the credentials of the call that created the engine, so that a pool never loses a connection for good.
     */
    private ControlConnections control(String username, String password) {
        String identity = real.getClass().getName() + "@" + System.identityHashCode(real) + "\u0000"
                + (username == null ? "" : username + "\u0000" + password);
        return ControlConnections.borrowed(identity,
                username == null ? real::getConnection : () -> real.getConnection(username, password));
    }

    private TandemConfig config() {
        TandemConfig c = config;
        if (c == null) {
            c = TandemConfig.forDataSource(real.getClass().getName() + "@" + System.identityHashCode(real), settings,
                    meterRegistry);
            config = c;
        }
        return c;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrapping.unwrap(this, real, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrapping.isWrapperFor(this, real, iface);
    }
}
