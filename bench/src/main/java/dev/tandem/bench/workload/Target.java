package dev.tandem.bench.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A database the workload runs against: H2 in memory (always there), or a PostgreSQL or MariaDB named by the same
 * variables the tests use ({@code TANDEM_TEST_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD},
 * {@code TANDEM_TEST_MARIADB_URL}/...), read as a system property first, then from the environment.
 */
public record Target(Kind kind, String url, String user, String password) {

    /** The databases the harness knows. */
    public enum Kind {
        H2("h2", "H2", null),
        POSTGRESQL("postgresql", "PostgreSQL", "TANDEM_TEST_POSTGRES"),
        MARIADB("mariadb", "MariaDB", "TANDEM_TEST_MARIADB");

        private final String id;
        private final String displayName;
        private final String settingPrefix;

        Kind(String id, String displayName, String settingPrefix) {
            this.id = id;
            this.displayName = displayName;
            this.settingPrefix = settingPrefix;
        }

        public String id() {
            return id;
        }

        public String displayName() {
            return displayName;
        }

        /** The variable naming this database's URL, or null for H2. */
        public String urlVariable() {
            return settingPrefix == null ? null : settingPrefix + "_URL";
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown database '" + text + "' (expected h2, postgresql or mariadb)");
        }
    }

    /** The target for {@code kind}, or null when its URL variable is not set. */
    public static Target configured(Kind kind) {
        if (kind == Kind.H2) {
            return new Target(kind, "jdbc:h2:mem:bn_bench;DB_CLOSE_DELAY=-1", "sa", "");
        }
        String url = setting(kind.settingPrefix + "_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new Target(kind, url.trim(), setting(kind.settingPrefix + "_USER"),
                setting(kind.settingPrefix + "_PASSWORD"));
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    /** The same database through Tandem: {@code jdbc:tandem:...}. */
    public String tandemUrl() {
        return "jdbc:tandem:" + url.substring("jdbc:".length());
    }

    /** User and password as connection properties (each only when set). */
    public Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** A plain connection through the real driver. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    /** The URL with any password masked, for reports. */
    public String maskedUrl() {
        return url.replaceAll("(?i)((?:password|pwd)=)[^&;]*", "$1***");
    }
}
