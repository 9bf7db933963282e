package dev.tandem.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tandem's settings for one connection request, and the real URL and properties with Tandem's own removed.
 *
 * <p>Each setting is looked up, first to last: a {@code tandem.*} parameter in the URL, the JDBC connection
 * property, the Java system property of the same name, and (for {@code tandem.rules} only) the environment
 * variable {@code TANDEM_RULES}. The real driver never sees a {@code tandem.*} property (H2, for one, refuses
 * properties it does not know).
 */
public final class TandemConfig {
    public static final String URL_PREFIX = "jdbc:tandem:";

    /** Where the rules are: a file, a directory or a {@code classpath:} location. */
    public static final String RULES = "tandem.rules";
    /** The real driver's class, when DriverManager cannot see it (some class loaders hide it). */
    public static final String DRIVER = "tandem.driver";
    /** How long parsing one statement may take before it is given up as unsupported, in milliseconds. */
    public static final String PARSE_TIMEOUT = "tandem.parseTimeoutMs";
    /** How many plans of prepared statements are cached. */
    public static final String PLAN_CACHE_SIZE = "tandem.planCacheSize";
    /** How many plans of plain-Statement SQL (often full of literals) are cached, apart from prepared ones. */
    public static final String ADHOC_PLAN_CACHE_SIZE = "tandem.adhocPlanCacheSize";
    /** Whether database error messages (which may quote row values) may be logged. Off by default. */
    public static final String LOG_VALUES = "tandem.logValues";
    /** How often the fleet-wide state ({@code tandem_state}) is read: milliseconds, or {@code 500ms}, {@code 1s}. */
    public static final String POLL = "tandem.poll";

    /**
     * What read-both compares a sampled read against: {@code translated} (the default: the read translated onto the
     * new structure) or {@code aa} (the same read run twice on the old structure: the noise floor).
     */
    public static final String SHADOW = "tandem.shadow";
    /** Results with more rows than this are not compared (counted as skipped). */
    public static final String SHADOW_ROW_CAP = "tandem.shadowRowCap";

    /**
     * One statement in how many naming a migration's {@code from} has its caller looked up (old-structure usage by
     * caller); 1 looks up every one.
     */
    public static final String USAGE_SAMPLE = "tandem.usage.sample";

    /**
     * The data source's name in the {@code datasource} tag of its plan-cache meters; default: the real URL without
     * its parameters (or the DataSource's class), made unique within the process.
     */
    public static final String NAME = "tandem.name";

    public static final String DEFAULT_RULES = "classpath:tandem/";
    static final int DEFAULT_USAGE_SAMPLE = 256;
    static final long DEFAULT_PARSE_TIMEOUT_MS = 2000;
    static final int DEFAULT_PLAN_CACHE_SIZE = 10_000;
    static final int DEFAULT_ADHOC_PLAN_CACHE_SIZE = 1_000;
    static final long DEFAULT_POLL_MS = 1000;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    private static final Pattern URL_SETTING =
            Pattern.compile("([?&;])(tandem\\.[A-Za-z.]+)=([^&;]*)");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd|pass|secret|token)[^=&;]*=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final String realUrl;
    private final Properties realProperties;
    private final Map<String, String> settings;
    private final Object meterRegistry;

    private TandemConfig(String realUrl, Properties realProperties, Map<String, String> settings,
                         Object meterRegistry) {
        this.realUrl = realUrl;
        this.realProperties = realProperties;
        this.settings = settings;
        this.meterRegistry = meterRegistry;
    }

    /** Whether a URL is Tandem's ({@code jdbc:tandem:...}). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length());
    }

    /**
     * Reads the settings from a {@code jdbc:tandem:} URL and the connection properties.
     *
     * @throws IllegalArgumentException when the URL is not Tandem's
     */
    public static TandemConfig resolve(String tandemUrl, Properties info) {
        if (!accepts(tandemUrl)) {
            throw new IllegalArgumentException("not a Tandem URL (expected " + URL_PREFIX + "...): "
                    + mask(tandemUrl));
        }
        String rest = tandemUrl.substring(URL_PREFIX.length());
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher m = URL_SETTING.matcher(rest);
        StringBuilder url = new StringBuilder("jdbc:");
        int last = 0;
        while (m.find()) {
            String value = m.group(3);
            if (!m.group(1).equals(";")) {
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            }
            settings.put(m.group(2), value);
            url.append(rest, last, m.start());
            if (m.group(1).equals("?")) {
                url.append('?');
            }
            last = m.end();
        }
        url.append(rest.substring(last));
        String realUrl = url.toString().replace("?&", "?");
        if (realUrl.endsWith("?")) {
            realUrl = realUrl.substring(0, realUrl.length() - 1);
        }
        Properties real = new Properties();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                String value = info.getProperty(name);
                if (name.toLowerCase(Locale.ROOT).startsWith("tandem.")) {
                    settings.putIfAbsent(name, value);
                } else {
                    real.setProperty(name, value);
                }
            }
        }
        return new TandemConfig(realUrl, real, settings, null);
    }

    /**
     * Settings for connections that come from a {@code DataSource} rather than a URL: {@code identity} names the
     * data source (engines are shared per identity and settings); {@code settings} holds {@code tandem.*} keys.
     */
    public static TandemConfig forDataSource(String identity, Properties settings) {
        return forDataSource(identity, settings, null);
    }

    /**
     * As {@link #forDataSource(String, Properties)}, with the Micrometer {@code MeterRegistry} the data source's
     * meters go to (null: the default, see {@code TandemMetrics.create()}).
     */
    public static TandemConfig forDataSource(String identity, Properties settings, Object meterRegistry) {
        Map<String, String> map = new LinkedHashMap<>();
        if (settings != null) {
            for (String name : settings.stringPropertyNames()) {
                map.put(name, settings.getProperty(name));
            }
        }
        return new TandemConfig("datasource:" + identity, new Properties(), map, meterRegistry);
    }

    /** The real driver's URL: {@code jdbc:} followed by what came after {@code jdbc:tandem:}, settings removed. */
    public String realUrl() {
        return realUrl;
    }

    /** The connection properties for the real driver (Tandem's own removed). A copy. */
    public Properties realProperties() {
        Properties copy = new Properties();
        copy.putAll(realProperties);
        return copy;
    }

    /** The rules location; never null ({@value #DEFAULT_RULES} when nothing is set). */
    public String rulesLocation() {
        String value = setting(RULES);
        if (value == null) {
            value = System.getenv("TANDEM_RULES");
        }
        return value == null || value.isBlank() ? DEFAULT_RULES : value.trim();
    }

    /** Whether the rules location was set explicitly (then it must exist). */
    public boolean rulesExplicit() {
        return !DEFAULT_RULES.equals(rulesLocation());
    }

    /** The real driver's class name, or null to ask DriverManager. */
    public String driverClass() {
        String value = setting(DRIVER);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public long parseTimeoutMillis() {
        return positiveLong(PARSE_TIMEOUT, DEFAULT_PARSE_TIMEOUT_MS);
    }

    public int planCacheSize() {
        return (int) positiveLong(PLAN_CACHE_SIZE, DEFAULT_PLAN_CACHE_SIZE);
    }

    public int adhocPlanCacheSize() {
        return (int) positiveLong(ADHOC_PLAN_CACHE_SIZE, DEFAULT_ADHOC_PLAN_CACHE_SIZE);
    }

    /** Whether read-both compares reads against themselves (A/A mode) rather than their translation. */
    public boolean shadowAgainstItself() {
        String value = setting(SHADOW);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("translated")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("aa") || value.trim().equalsIgnoreCase("a/a")) {
            return true;
        }
        throw new IllegalArgumentException(SHADOW + " must be 'translated' or 'aa', not '" + value + "'");
    }

    public int shadowRowCap() {
        return (int) positiveLong(SHADOW_ROW_CAP, 10_000);
    }

    /** See {@link #USAGE_SAMPLE}: a positive whole number, default {@value #DEFAULT_USAGE_SAMPLE}. */
    public int usageSample() {
        long n = positiveLong(USAGE_SAMPLE, DEFAULT_USAGE_SAMPLE);
        if (n > 1_000_000) {
            throw new IllegalArgumentException(USAGE_SAMPLE + " must be from 1 to 1000000, not '"
                    + setting(USAGE_SAMPLE) + "'");
        }
        return (int) n;
    }

    /** The Micrometer registry given for this data source; null for the default. */
    public Object meterRegistry() {
        return meterRegistry;
    }

    /**
     * The name for the {@code datasource} tag: {@value #NAME}, else the real URL without {@code jdbc:} and its
     * parameters (a DataSource's: its class's simple name and identity), never with credentials.
     */
    public String name() {
        String value = setting(NAME);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        String url = realUrl.startsWith("jdbc:") ? realUrl.substring("jdbc:".length()) : realUrl;
        if (url.startsWith("datasource:")) {
            String identity = url.substring("datasource:".length());
            return identity.substring(identity.lastIndexOf('.') + 1);
        }
        int cut = url.length();
        for (char c : new char[]{'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String bare = USER_INFO.matcher(url.substring(0, cut)).replaceAll("//");
        return bare.replaceFirst("//[^/@]*@", "//");
    }

    public boolean logValues() {
        return Boolean.parseBoolean(setting(LOG_VALUES));
    }

    /**
     * How often the fleet-wide state is read, in milliseconds: {@code tandem.poll} as a whole number of milliseconds
     * or with a unit ({@code 250ms}, {@code 1s}, {@code 1m}); default 1 s.
     *
     * @throws IllegalArgumentException when the setting is not a positive duration
     */
    public long pollMillis() {
        String value = setting(POLL);
        if (value == null || value.isBlank()) {
            return DEFAULT_POLL_MS;
        }
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        long millis = -1;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2);
                millis = switch (unit) {
                    case "s" -> Math.multiplyExact(n, 1000L);
                    case "m" -> Math.multiplyExact(n, 60_000L);
                    default -> n;
                };
            } catch (NumberFormatException | ArithmeticException e) {
                millis = -1;
            }
        }
        if (millis <= 0) {
            throw new IllegalArgumentException(POLL + " must be a positive duration such as 500ms, 1s or 1000, not '"
                    + value + "'");
        }
        return millis;
    }

    /** A setting by name: URL, connection property, then system property; null when unset. */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value;
    }

    /**
     * What decides which engine serves a connection: connections with the same real URL and the same Tandem
     * settings share plans, metrics and phase state.
     */
    public String engineKey() {
        return realUrl + "\u0000" + rulesLocation() + "\u0000" + parseTimeoutMillis() + "\u0000" + planCacheSize()
                + "\u0000" + adhocPlanCacheSize() + "\u0000" + logValues() + "\u0000" + pollMillis()
                + "\u0000" + shadowAgainstItself() + "\u0000" + shadowRowCap() + "\u0000" + usageSample()
                + "\u0000" + name() + "\u0000"
                + (meterRegistry == null ? "" : System.identityHashCode(meterRegistry));
    }

    private long positiveLong(String name, long defaultValue) {
        String value = setting(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
        }
    }

    /** A URL fit for messages and logs: passwords and other secrets replaced by {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
