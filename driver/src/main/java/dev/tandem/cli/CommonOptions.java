package dev.tandem.cli;

import dev.tandem.engine.TandemConfig;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.Dialect;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;

import java.io.Console;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The options every database command takes: {@code --url} (the real JDBC URL; a {@code jdbc:tandem:} URL is
 * accepted and its prefix and settings removed), {@code --user}, {@code --rules}. The password comes from
 * {@code TANDEM_PASSWORD}, else from a prompt when there is a console and a {@code --user}; never from the command
 * line.
 */
final class CommonOptions {
    static final String URL = "--url";
    static final String USER = "--user";
    static final String RULES = "--rules";
    static final String PASSWORD_VARIABLE = "TANDEM_PASSWORD";
    /** Who runs a command that records in {@code tandem_history} (phase, backfill, verify, contract). */
    static final String BY = "--by";
    static final String USAGE = "  --url URL       the database's JDBC URL (jdbc:postgresql://..., jdbc:mariadb://..., jdbc:h2:...)\n"
            + "  --user NAME     the database user; the password comes from TANDEM_PASSWORD, else a prompt\n"
            + "  --rules PATH    the rules: a file, a directory of *.yaml, or classpath:location";

    private final String url;
    private final String user;
    private final String rules;

    private CommonOptions(String url, String user, String rules) {
        this.url = url;
        this.user = user;
        this.rules = rules;
    }

    /** The value options of every database command, plus {@code more}. */
    static Set<String> valueOptions(String... more) {
        Set<String> s = new HashSet<>(Set.of(URL, USER, RULES));
        s.addAll(Set.of(more));
        return s;
    }

    static CommonOptions from(Arguments a, Environment env) throws UsageException {
        String url = a.value(URL);
        if (url == null || url.isBlank()) {
            throw new UsageException("--url is required (the database's JDBC URL, e.g."
                    + " jdbc:postgresql://db:5432/app)");
        }
        url = url.trim();
        String rules = a.value(RULES);
        if (TandemConfig.accepts(url)) {
            TandemConfig config = TandemConfig.resolve(url, new Properties());
            if (rules == null) {
                rules = config.setting(TandemConfig.RULES);
            }
            url = config.realUrl();
        }
        if (rules == null) {
            rules = env.variable("TANDEM_RULES");
        }
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new UsageException("--url must be a JDBC URL (jdbc:...), not '" + TandemConfig.mask(url) + "'");
        }
        return new CommonOptions(url, a.value(USER), rules == null || rules.isBlank() ? null : rules.trim());
    }

    /** The {@value #BY} option: its name, trimmed; {@link Fleet#defaultActor()} when absent; blank is bad usage. */
    static String actor(Arguments a) throws UsageException {
        String by = a.value(BY);
        if (by == null) {
            return Fleet.defaultActor();
        }
        if (by.isBlank()) {
            throw new UsageException(BY + " needs a name");
        }
        return by.trim();
    }

    /** The migration {@code id} of the rules; an unknown one is bad usage, naming the ones there are. */
    static Migration migration(RuleSet rules, String id) throws UsageException {
        return rules.migration(id).orElseThrow(() -> new UsageException("unknown migration '" + id + "': "
                + (rules.isEmpty() ? "no rules were given (--rules)" : "it is in no rules file (known: "
                + String.join(", ", rules.migrations().stream().map(Migration::id).toList()) + ")")));
    }

    /** The URL fit for output: passwords masked. */
    String displayUrl() {
        return TandemConfig.mask(url);
    }

    boolean hasRules() {
        return rules != null;
    }

    /** The rules (empty when no location was given); a bad rules file is bad configuration. */
    RuleSet rules() throws UsageException {
        if (rules == null) {
            return RuleSet.empty();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return RulesLoader.load(rules, loader == null ? CommonOptions.class.getClassLoader() : loader);
        } catch (RulesException e) {
            throw new UsageException("invalid rules: " + e.getMessage(), e);
        }
    }

    /** Connects through the real driver; an unreachable database is bad configuration (exit 2). */
    Connection connect(Environment env) throws UsageException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        String password = env.variable(PASSWORD_VARIABLE);
        if (password == null && user != null) {
            Console console = env.console();
            if (console != null) {
                char[] typed = console.readPassword("Password for %s: ", user);
                if (typed != null && typed.length > 0) {
                    password = new String(typed);
                }
            }
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw new UsageException("cannot connect to " + displayUrl() + ": " + TandemCli.oneLine(e), e);
        }
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            Dialect dialect = dialect(c);
            if (!ControlSchema.supports(dialect)) {
                throw new UsageException("Tandem's control tables are available on H2, PostgreSQL, MariaDB and"
                        + " MySQL; " + displayUrl() + " is " + c.getMetaData().getDatabaseProductName());
            }
            return c;
        } catch (SQLException | UsageException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // reporting the first problem
            }
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException("cannot use " + displayUrl() + ": " + TandemCli.oneLine(e), e);
        }
    }

    /** The database's dialect: from the URL, else from the metadata. */
    Dialect dialect(Connection c) throws SQLException {
        Dialect d = Dialect.fromUrl(url);
        return d != Dialect.GENERIC ? d : Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
    }
}
