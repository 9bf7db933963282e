package dev.tandem.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real databases the tests run against.
 *
 * <p>{@link #H2} is always there: one in-memory database per JVM. {@link #POSTGRESQL} and {@link #MARIADB} are found,
 * once per JVM, in this order:
 * <ol>
 *   <li>{@code TANDEM_TEST_POSTGRES_URL} / {@code TANDEM_TEST_MARIADB_URL} (with {@code ..._USER} and
 *       {@code ..._PASSWORD}), read as a Java system property first, then as an environment variable;</li>
 *   <li>otherwise, when Docker is available, one Testcontainers container per JVM ({@code postgres:16-alpine},
 *       {@code mariadb:11}), started on first use;</li>
 *   <li>otherwise the database is unavailable: {@link #assumeAvailable()} skips the test with a loud reason, or fails
 *       it when {@code TANDEM_TEST_REQUIRE_DATABASES=true} (as {@code .ci/run} sets it).</li>
 * </ol>
 * A configured URL that cannot be connected to always fails the test: a typo must never turn into a silent skip.
 *
 * <p>Every accessor ({@link #jdbcUrl()}, {@link #connect()}, ...) checks availability first, so a test that forgets
 * {@link #assumeAvailable()} is skipped or failed the same way rather than crashing on a missing URL.
 */
public enum TestDatabase {

    H2("H2", null, "H2", null),
    POSTGRESQL("PostgreSQL", "TANDEM_TEST_POSTGRES", "PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test"),
    MARIADB("MariaDB", "TANDEM_TEST_MARIADB", "MariaDB", "jdbc:mariadb://127.0.0.1:3306/test");

    /** Env var / system property that turns an unavailable database into a failure instead of a skip. */
    public static final String REQUIRE_DATABASES = "TANDEM_TEST_REQUIRE_DATABASES";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/@:]+:)[^/@]*@");

    private final String displayName;
    private final String settingPrefix;
    private final String productName;
    private final String exampleUrl;
    private final AtomicBoolean announced = new AtomicBoolean();
    private Resolution resolution; // guarded by this; resolved once per JVM

    TestDatabase(String displayName, String settingPrefix, String productName, String exampleUrl) {
        this.displayName = displayName;
        this.settingPrefix = settingPrefix;
        this.productName = productName;
        this.exampleUrl = exampleUrl;
    }

    /** What {@link java.sql.DatabaseMetaData#getDatabaseProductName()} reports for this database. */
    public String productName() {
        return productName;
    }

    /** The real driver's JDBC URL. */
    public String jdbcUrl() {
        return available().url();
    }

    /** The user to connect as, or {@code null} when none is configured (the URL then carries it). */
    public String user() {
        return available().user();
    }

    /** The password, or {@code null} when none is configured. */
    public String password() {
        return available().password();
    }

    /** A fresh {@link Properties} holding {@code user} and {@code password} (each only when configured). */
    public Properties properties() {
        Resolution r = available();
        Properties p = new Properties();
        if (r.user() != null) {
            p.setProperty("user", r.user());
        }
        if (r.password() != null) {
            p.setProperty("password", r.password());
        }
        return p;
    }

    /** A plain connection through the real driver (no Tandem in between). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties());
    }

    /** The same database through Tandem: the real URL with its first {@code jdbc:} replaced by {@code jdbc:tandem:}. */
    public String tandemUrl() {
        return tandemUrlOf(jdbcUrl());
    }

    /**
     * Skips the calling test when this database is not available (printing why, once, to stderr), or fails it when
     * {@code TANDEM_TEST_REQUIRE_DATABASES=true} or when a configured database cannot be reached.
     */
    public void assumeAvailable() {
        available();
    }

    private Resolution available() {
        Resolution r = resolution();
        if (r.failure() != null) {
            announce(r.failure());
            Assertions.fail(r.failure());
        }
        if (r.skipReason() != null) {
            announce(r.skipReason());
            if (requireDatabases()) {
                Assertions.fail(r.skipReason() + " [" + REQUIRE_DATABASES + "=true makes this a failure]");
            }
            boolean available = r.url() != null;
            Assumptions.assumeTrue(available, r.skipReason());
        }
        return r;
    }

    private synchronized Resolution resolution() {
        if (resolution == null) {
            resolution = resolve();
            if (resolution.url() != null && CLEAN_UP_AT_EXIT.compareAndSet(false, true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::deleteThisJvmsInstances,
                        "tandem-test-clean-up"));
            }
        }
        return resolution;
    }

    private static final AtomicBoolean CLEAN_UP_AT_EXIT = new AtomicBoolean();

    /**
     * At exit: every Tandem engine with migrations sent heartbeats into {@code tandem_instances} of the databases the
     * tests share (once some test created the control tables there); stop them and delete this JVM's rows, so that the
     * shared table does not fill up run after run. Only databases this JVM resolved are touched.
     */
    private static void deleteThisJvmsInstances() {
        dev.tandem.engine.TandemEngine.forgetAll();
        for (TestDatabase db : values()) {
            Resolution r;
            synchronized (db) {
                r = db.resolution;
            }
            if (r == null || r.url() == null) {
                continue;
            }
            Properties p = new Properties();
            if (r.user() != null) {
                p.setProperty("user", r.user());
            }
            if (r.password() != null) {
                p.setProperty("password", r.password());
            }
            try (Connection c = DriverManager.getConnection(r.url(), p);
                 java.sql.PreparedStatement ps = c.prepareStatement(
                         "DELETE FROM tandem_instances WHERE host = ? AND pid = ?")) {
                ps.setString(1, dev.tandem.state.StatePoller.host());
                ps.setLong(2, dev.tandem.state.StatePoller.pid());
                ps.executeUpdate();
            } catch (Throwable ignored) {
                // no control tables there, or the database is gone already: nothing to clean
            }
        }
    }

    private Resolution resolve() {
        if (settingPrefix == null) {
            return Resolution.available(H2Holder.URL, "sa", "");
        }
        String url = setting(settingPrefix + "_URL");
        if (url != null && !url.isBlank()) {
            return probe(Resolution.available(url.trim(), setting(settingPrefix + "_USER"),
                    setting(settingPrefix + "_PASSWORD")),
                    "check " + settingPrefix + "_URL, _USER and _PASSWORD");
        }
        if (DockerDatabases.dockerAvailable()) {
            DockerDatabases.Endpoint started;
            try {
                started = DockerDatabases.start(this);
            } catch (Exception | LinkageError e) {
                return Resolution.failed(displayName + " tests cannot run: Docker is available but the "
                        + DockerDatabases.image(this) + " container did not start: " + describe(e)
                        + " (or set " + settingPrefix + "_URL to use a database of your own)");
            }
            return probe(Resolution.available(started.url(), started.user(), started.password()),
                    "the " + DockerDatabases.image(this) + " container started but refuses connections");
        }
        return Resolution.skipped(displayName + " tests skipped: set " + settingPrefix + "_URL (e.g. " + exampleUrl
                + ") or start Docker");
    }

    private Resolution probe(Resolution r, String hint) {
        Properties p = new Properties();
        if (r.user() != null) {
            p.setProperty("user", r.user());
        }
        if (r.password() != null) {
            p.setProperty("password", r.password());
        }
        try (Connection c = DriverManager.getConnection(r.url(), p)) {
            c.isValid(10);
            return r;
        } catch (SQLException | RuntimeException e) {
            return Resolution.failed(displayName + " tests cannot run: cannot connect to " + maskPassword(r.url())
                    + (r.user() == null ? "" : " as user '" + r.user() + "'") + ": " + describe(e) + " (" + hint + ")");
        }
    }

    private void announce(String message) {
        if (announced.compareAndSet(false, true)) {
            System.err.println();
            System.err.println("********************************************************************************");
            System.err.println("*** " + message);
            System.err.println("********************************************************************************");
            System.err.println();
            System.err.flush();
        }
    }

    static boolean requireDatabases() {
        String v = setting(REQUIRE_DATABASES);
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    /** A system property of that name, else the environment variable, else {@code null}. */
    static String setting(String name) {
        String v = System.getProperty(name);
        return v != null ? v : System.getenv(name);
    }

    static String tandemUrlOf(String url) {
        int i = url.indexOf("jdbc:");
        if (i < 0) {
            throw new IllegalArgumentException("not a JDBC URL: " + maskPassword(url));
        }
        return url.substring(0, i) + "jdbc:tandem:" + url.substring(i + "jdbc:".length());
    }

    /** The URL with any password in it (query parameter or {@code user:password@}) replaced by {@code ****}. */
    static String maskPassword(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 2000; t = t.getCause()) {
            if (t != e) {
                sb.append(" <- caused by ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    /** The outcome of looking for a database: exactly one of url / skipReason / failure is set. */
    private record Resolution(String url, String user, String password, String skipReason, String failure) {
        static Resolution available(String url, String user, String password) {
            return new Resolution(url, user, password, null, null);
        }

        static Resolution skipped(String reason) {
            return new Resolution(null, null, null, reason, null);
        }

        static Resolution failed(String reason) {
            return new Resolution(null, null, null, null, reason);
        }
    }

    private static final class H2Holder {
        static final String URL = "jdbc:h2:mem:tandem_" + TestTables.randomAlphanumerics(12) + ";DB_CLOSE_DELAY=-1";
    }
}
