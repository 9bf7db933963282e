package dev.tandem.engine;

import dev.tandem.logging.Log;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.mirror.SyncStatements;
import dev.tandem.plan.StatementPlan;
import dev.tandem.plan.StatementPlanner;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlParser;
import dev.tandem.state.ControlConnections;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.PhaseSnapshot;
import dev.tandem.state.PhaseSource;
import dev.tandem.state.StatePoller;
import dev.tandem.usage.OldStructureUsage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything Tandem keeps for one data source (one real URL with one set of rules): the rules, the plan caches,
 * the meters and the phase state. Shared by all connections to it; thread-safe.
 */
public final class TandemEngine {
    private static final Map<String, TandemEngine> ENGINES = new ConcurrentHashMap<>();
    /**
     * The {@code datasource} tags taken in this process (never given back: Micrometer keeps a meter as long as its
     * registry does, so a name reused by a later engine would report the earlier engine's cache).
     */
    private static final Map<String, Boolean> NAMES = new ConcurrentHashMap<>();
    private static final Log LOG = Log.get("engine");

    private final TandemConfig config;
    private final RuleSet rules;
    private final Dialect dialect;
    private final SqlParser parser;
    private final StatementPlanner planner;
    private final PlanCache plans;
    private final ConnectionTableShapes shapes = new ConnectionTableShapes();
    private final TandemMetrics metrics;
    private final String name;
    private final Map<String, MigrationMeters> meters = new HashMap<>();
    private final OldStructureUsage usage;
    private final Map<String, SyncStatements> syncs = new HashMap<>();
    private final Map<String, SyncStatements> reverseSyncs = new HashMap<>();
    private final Log statementLog = Log.get("statements");
    private final Log mirrorLog = Log.get("mirror");
    private final Log shadowLog = Log.get("shadow");
    private volatile PhaseSource phases;
    private volatile Long autoIncrementStep;

    private TandemEngine(TandemConfig config, RuleSet rules, Dialect dialect, TandemMetrics metrics) {
        this.config = config;
        this.rules = rules;
        this.dialect = dialect;
        this.parser = new SqlParser(config.parseTimeoutMillis());
        this.planner = new StatementPlanner(rules, dialect, parser);
        this.plans = new PlanCache(config.planCacheSize(), config.adhocPlanCacheSize());
        this.metrics = metrics;
        this.phases = PhaseSource.fixed(PhaseSnapshot.fromRules(rules));
        this.usage = new OldStructureUsage(rules, metrics, config.usageSample());
        for (Migration m : rules.migrations()) {
            meters.put(m.id(), new MigrationMeters(metrics, m.id()));
        }
        this.name = rules.isEmpty() ? null : uniqueName(config.name());
        if (name != null) {
            plans.bind(metrics, name);
        }
    }

    /** {@code name}, or {@code name-2}, {@code name-3}... when an engine of this process already has it. */
    private static String uniqueName(String name) {
        if (NAMES.putIfAbsent(name, Boolean.TRUE) == null) {
            return name;
        }
        for (int i = 2; ; i++) {
            String candidate = name + "-" + i;
            if (NAMES.putIfAbsent(candidate, Boolean.TRUE) == null) {
                return candidate;
            }
        }
    }

    /**
     * Builds each migration's sync statements, both ways. On MariaDB and MySQL the catalog is asked once whether the
     * table written has unique keys besides its key: if not, an upsert is one statement that takes no gap lock.
     */
    private void prepareSyncs(Connection connection) {
        if (dialect == Dialect.GENERIC) {
            return;
        }
        ConnectionTableShapes.View view = shapes.through(connection);
        for (Migration m : rules.migrations()) {
            syncs.put(m.id(), MirrorSql.forward(m, dialect, view));
            try {
                reverseSyncs.put(m.id(), MirrorSql.reverse(m, dialect, view));
            } catch (RuntimeException e) {
                LOG.warn("migration '" + m.id() + "' cannot be reversed (" + e.getMessage() + "): in write-new,"
                        + " " + m.from().sql() + " will not be kept fresh");
            }
        }
    }

    /**
     * The engine for a connection's settings, created on first use: rules are loaded and checked then (a bad rules
     * file fails the connection, naming the file and line), and the database dialect is taken from the URL, or
     * from {@code connection}'s metadata when the URL does not tell.
     */
    public static TandemEngine forConnection(TandemConfig config, Connection connection) throws SQLException {
        return forConnection(config, connection, null);
    }

    /**
     * As {@link #forConnection(TandemConfig, Connection)}; a new engine with migrations also starts following the
     * fleet-wide state, read through {@code control} (connections of Tandem's own to the same database). With
     * {@code control} null, phases stay those of the rules files.
     */
    public static TandemEngine forConnection(TandemConfig config, Connection connection,
                                             ControlConnections control) throws SQLException {
        String key = config.engineKey();
        TandemEngine engine = ENGINES.get(key);
        if (engine != null) {
            return engine;
        }
        synchronized (ENGINES) {
            engine = ENGINES.get(key);
            if (engine == null) {
                engine = create(config, connection);
                engine.followFleetState(control); // fleet-wide state
                ENGINES.put(key, engine);
            }
            return engine;
        }
    }

    private static TandemEngine create(TandemConfig config, Connection connection) throws SQLException {
        RuleSet rules;
        try {
            rules = loadRules(config);
        } catch (RulesException e) {
            throw new SQLException(e.getMessage(), "HY000", e);
        }
        Dialect dialect = Dialect.fromUrl(config.realUrl());
        if (dialect == Dialect.GENERIC) {
            dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
        }
        TandemEngine engine = new TandemEngine(config, rules, dialect,
                TandemMetrics.create(config.meterRegistry()));
        engine.prepareSyncs(connection);
        if (rules.isEmpty()) {
            LOG.info("no migrations in " + config.rulesLocation() + ": Tandem passes every statement through");
        } else {
            StringBuilder sb = new StringBuilder();
            for (Migration m : rules.migrations()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(m);
            }
            LOG.info("Tandem on " + dialect.displayName() + " (" + TandemConfig.mask(config.realUrl()) + "): "
                    + rules.migrations().size() + " migration(s): " + sb);
            if (dialect == Dialect.GENERIC) {
                LOG.warn("Tandem has no mirror for this database: writes to migrated tables pass through unmirrored");
            }
            engine.warmUp();
        }
        return engine;
    }

    private static RuleSet loadRules(TandemConfig config) throws RulesException {
        String location = config.rulesLocation();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TandemEngine.class.getClassLoader();
        }
        if (!config.rulesExplicit() && !defaultLocationExists(loader)) {
            return RuleSet.empty();
        }
        return RulesLoader.load(location, loader);
    }

    private static boolean defaultLocationExists(ClassLoader loader) {
        String path = TandemConfig.DEFAULT_RULES.substring("classpath:".length());
        return loader.getResource(path) != null
                || loader.getResource(path.endsWith("/") ? path.substring(0, path.length() - 1) : path) != null;
    }

    /**
     * Plans a few statements in the background so that the application's first statement does not pay for
     * JSqlParser's warm-up (about a second). Uses a planner of its own: the engine's parse count stays the
     * application's.
     */
    private void warmUp() {
        StatementPlanner warmUp = new StatementPlanner(rules, dialect, new SqlParser(10_000));
        Thread t = new Thread(() -> {
            for (Migration m : rules.migrations()) {
                String table = m.from().sql();
                String key = m.from().key().get(0);
                warmUp.plan("SELECT * FROM " + table + " WHERE " + key + " = ?");
                warmUp.plan("UPDATE " + table + " SET " + key + " = ? WHERE " + key + " = ?");
                warmUp.plan("INSERT INTO " + table + " (" + key + ") VALUES (?)");
            }
        }, "tandem-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The plan for {@code sql}. SQL that names no migrated table is answered at once, without a cache lookup or a
     * parse; the rest is planned once and cached.
     *
     * @param prepared   whether the SQL is a prepared statement's (kept in the larger, protected cache)
     * @param connection the real connection, used only if planning needs a table's shape from the metadata
     */
    public StatementPlan plan(String sql, boolean prepared, Connection connection) {
        if (!planner.mayConcernMigrations(sql)) {
            return StatementPlan.unrelated();
        }
        return plans.get(sql, prepared ? PlanCache.Use.PREPARED : PlanCache.Use.ADHOC, text -> {
            ConnectionTableShapes.View view = shapes.through(connection);
            StatementPlan plan = planner.plan(text, view);
            return new PlanCache.Planned(plan, !view.failed());
        });
    }

    // ---- fleet-wide state (state package): the poller of tandem_state, started with the engine -----------------

    /**
     * Starts the state poller when there are migrations and a way to reach the control tables: it reads
     * {@code tandem_state} once now (so the first statement sees the fleet's phases) and then every
     * {@code tandem.poll}. Without it (no migrations, a database without control tables), the rules files' phases
     * stay in force.
     */
    private void followFleetState(ControlConnections control) {
        if (control == null || rules.isEmpty()) {
            return;
        }
        if (!ControlSchema.supports(dialect)) {
            LOG.info("no fleet-wide state on " + dialect.displayName() + ": the rules files' phases apply");
            return;
        }
        phaseSource(StatePoller.start(rules, dialect, control, config.pollMillis(), usage::json,
                metrics));
    }

    // ---- end of fleet-wide state --------------------------------------------------------------------------------

    /** The current phases; a transaction pins the snapshot it starts with. */
    public PhaseSnapshot phases() {
        return phases.current();
    }

    /**
     * The current phases, counted in use until {@link PhaseSnapshot#release()}: for a transaction that pins them, or
     * an autocommit statement that routes by them (see {@link PhaseSource#acquire()}).
     */
    public PhaseSnapshot acquirePhases() {
        return phases.acquire();
    }

    /** Replaces where phases come from (the fleet-wide state poller). */
    public void phaseSource(PhaseSource source) {
        PhaseSource old = this.phases;
        this.phases = source;
        old.close();
    }

    public TandemConfig config() {
        return config;
    }

    public RuleSet rules() {
        return rules;
    }

    public Dialect dialect() {
        return dialect;
    }

    public SqlParser parser() {
        return parser;
    }

    public TandemMetrics metrics() {
        return metrics;
    }

    public MigrationMeters meters(Migration m) {
        return meters.get(m.id());
    }

    /** The use of the migrations' old structures, by caller (flushed with the heartbeat). */
    public OldStructureUsage usage() {
        return usage;
    }

    /** The mirror's SQL for a migration; null when this database has none. */
    public SyncStatements sync(Migration m) {
        return syncs.get(m.id());
    }

    /** The SQL that keeps {@code from} fresh from {@code to} through {@code down} (write-new); null if none. */
    public SyncStatements reverseSync(Migration m) {
        return reverseSyncs.get(m.id());
    }

    public Log statementLog() {
        return statementLog;
    }

    public Log shadowLog() {
        return shadowLog;
    }

    public Log mirrorLog() {
        return mirrorLog;
    }

    /** The {@code datasource} tag of this engine's plan-cache meters; null when it has no migrations. */
    public String name() {
        return name;
    }

    /** How many cached plans there are (prepared, ad hoc). */
    public long[] cachedPlans() {
        return new long[]{plans.size(PlanCache.Use.PREPARED), plans.size(PlanCache.Use.ADHOC)};
    }

    /**
     * MariaDB's {@code auto_increment_increment}: the step between the keys of one multi-row insert. Read once per
     * engine, through the connection at hand.
     */
    public long autoIncrementStep(Connection connection) throws SQLException {
        Long step = autoIncrementStep;
        if (step == null) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT @@auto_increment_increment")) {
                step = rs.next() ? Math.max(1, rs.getLong(1)) : 1L;
            }
            autoIncrementStep = step;
        }
        return step;
    }

    /** Forgets every engine (tests that change rules between connections with the same URL), stopping their pollers. */
    public static void forgetAll() {
        synchronized (ENGINES) {
            for (TandemEngine e : ENGINES.values()) {
                e.phases.close();
            }
            ENGINES.clear();
        }
    }
}
