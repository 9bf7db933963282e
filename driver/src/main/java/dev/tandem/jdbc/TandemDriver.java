package dev.tandem.jdbc;

import dev.tandem.engine.TandemConfig;
import dev.tandem.engine.TandemEngine;
import dev.tandem.state.ControlConnections;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Tandem's {@link Driver}: accepts {@code jdbc:tandem:<rest>} and connects through the driver that accepts
 * {@code jdbc:<rest>} (found through {@link DriverManager}, or named with {@code tandem.driver}), returning that
 * connection wrapped. Registers itself with DriverManager when loaded (also through
 * {@code META-INF/services/java.sql.Driver}).
 */
public final class TandemDriver implements Driver {
    private static final TandemDriver INSTANCE = new TandemDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return TandemConfig.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        TandemConfig config;
        try {
            config = TandemConfig.resolve(url, info);
            config.engineKey(); // reads every setting: a bad one fails here, as an SQLException
        } catch (IllegalArgumentException e) {
            throw new SQLException("Tandem: " + e.getMessage(), "08001");
        }
        Driver real = realDriver(config);
        Connection vendor = real.connect(config.realUrl(), config.realProperties());
        if (vendor == null) {
            throw new SQLException("Tandem: the driver " + real.getClass().getName() + " does not accept "
                    + TandemConfig.mask(config.realUrl()), "08001");
        }
        return wrap(vendor, config, controlConnections(real, config));
    }

    /**
     * The state poller's own connections to the application's database: through the same real driver, URL and
     * properties (credentials included) as the application's, kept open between polls.
     */
    static ControlConnections controlConnections(Driver real, TandemConfig config) {
        StringBuilder identity = new StringBuilder(real.getClass().getName()).append('\u0000')
                .append(config.realUrl());
        Properties properties = config.realProperties();
        new TreeMap<>(properties).forEach((k, v) -> identity.append('\u0000').append(k).append('=').append(v));
        return ControlConnections.dedicated(identity.toString(), () -> {
            Connection c = real.connect(config.realUrl(), config.realProperties());
            if (c == null) {
                throw new SQLException("Tandem: the driver " + real.getClass().getName() + " does not accept "
                        + TandemConfig.mask(config.realUrl()), "08001");
            }
            return c;
        });
    }

    /** Wraps a real connection for the given settings (loading the rules on first use), phases from the rules. */
    static TandemConnection wrap(Connection vendor, TandemConfig config) throws SQLException {
        return wrap(vendor, config, null);
    }

    /**
     * Wraps a real connection for the given settings (loading the rules on first use); {@code control} reaches the
     * fleet-wide state (null: phases from the rules files only).
     */
    static TandemConnection wrap(Connection vendor, TandemConfig config, ControlConnections control)
            throws SQLException {
        try {
            try {
                config.engineKey(); // reads every setting
            } catch (IllegalArgumentException bad) {
                throw new SQLException("Tandem: " + bad.getMessage(), "08001", bad);
            }
            return new TandemConnection(vendor, TandemEngine.forConnection(config, vendor, control));
        } catch (SQLException | RuntimeException | Error e) {
            try {
                vendor.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Driver realDriver(TandemConfig config) throws SQLException {
        String className = config.driverClass();
        if (className != null) {
            return instantiate(className, config);
        }
        try {
            return DriverManager.getDriver(config.realUrl());
        } catch (SQLException e) {
            throw new SQLException("Tandem: no JDBC driver accepts " + TandemConfig.mask(config.realUrl())
                    + ". Registered drivers: " + registeredDrivers() + ". Put the database's JDBC driver on the"
                    + " class path, or name its class with the property " + TandemConfig.DRIVER + ".", "08001", e);
        }
    }

    private static Driver instantiate(String className, TandemConfig config) throws SQLException {
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(TandemDriver.class.getClassLoader());
        Throwable last = null;
        for (ClassLoader loader : loaders) {
            try {
                Class<?> type = Class.forName(className, true, loader);
                Driver driver = (Driver) type.getDeclaredConstructor().newInstance();
                if (!driver.acceptsURL(config.realUrl())) {
                    throw new SQLException("Tandem: the driver " + className + " (" + TandemConfig.DRIVER
                            + ") does not accept " + TandemConfig.mask(config.realUrl()), "08001");
                }
                return driver;
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                last = e;
            }
        }
        throw new SQLException("Tandem: cannot load the JDBC driver " + className + " named by " + TandemConfig.DRIVER
                + " (" + last + ")", "08001", last);
    }

    private static String registeredDrivers() {
        List<String> names = new ArrayList<>();
        Enumeration<Driver> drivers = DriverManager.getDrivers();
        while (drivers.hasMoreElements()) {
            Driver d = drivers.nextElement();
            if (!(d instanceof TandemDriver)) {
                names.add(d.getClass().getName());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        List<DriverPropertyInfo> out = new ArrayList<>();
        DriverPropertyInfo rules = new DriverPropertyInfo(TandemConfig.RULES, null);
        rules.description = "Where the rules are: a file, a directory of *.yaml, or classpath:location";
        out.add(rules);
        DriverPropertyInfo driver = new DriverPropertyInfo(TandemConfig.DRIVER, null);
        driver.description = "The real JDBC driver's class, when DriverManager cannot find it";
        out.add(driver);
        if (acceptsURL(url)) {
            TandemConfig config = TandemConfig.resolve(url, info);
            try {
                Driver real = realDriver(config);
                for (DriverPropertyInfo p : real.getPropertyInfo(config.realUrl(), config.realProperties())) {
                    out.add(p);
                }
            } catch (SQLException e) {
                // no real driver: Tandem's own properties are all there is to describe
            }
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** Tandem is as compliant as the driver under it, which it cannot vouch for. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("tandem");
    }
}
