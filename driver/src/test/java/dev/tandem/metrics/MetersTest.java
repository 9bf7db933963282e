package dev.tandem.metrics;

import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.jdbc.TandemDataSource;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.state.MigrationState;
import dev.tandem.state.PhaseSnapshot;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every meter PRODUCT.md §6 names reaches the application's Micrometer registry with the documented name and tags:
 * a registry passed to the data source, or the global one by default. A real workload walks one migration through
 * write-both, read-both and read-new and runs its backfill (twice), so that every meter moves; each is then found
 * in the registry with a value that workload explains.
 */
class MetersTest {
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void everyMeterMovesOnARegistryPassedToTheDataSource(TestDatabase db) throws Exception {
        db.assumeAvailable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Workload w = new Workload(db)) {
            TandemDataSource ds = new TandemDataSource(realDataSource(db), w.settings());
            ds.setMeterRegistry(registry);
            w.run(() -> connect(ds), registry);
            w.assertEveryMeter(registry);
        }
        assertTrue(Metrics.globalRegistry.find("tandem.statements").tag("migration", "never").meters().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void everyMeterMovesOnTheGlobalRegistryByDefault(TestDatabase db) throws Exception {
        db.assumeAvailable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (Workload w = new Workload(db)) {
            Properties p = db.properties();
            p.putAll(w.settings());
            w.run(() -> {
                try {
                    return DriverManager.getConnection(db.tandemUrl(), p);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, Metrics.globalRegistry);
            w.assertEveryMeter(registry);
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void thePlanCachesOfTwoDataSourcesDoNotCollide() throws Exception {
        TestDatabase db = TestDatabase.H2;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (Workload a = new Workload(db); Workload b = new Workload(db)) {
            List<String> names = new ArrayList<>();
            for (Workload w : List.of(a, b)) {
                Properties p = db.properties();
                p.putAll(w.settings());
                p.remove("tandem.name"); // both default to the same URL: the second is made unique
                try (Connection c = DriverManager.getConnection(db.tandemUrl(), p)) {
                    for (int i = 0; i < 3; i++) { // planned once, then found twice
                        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + w.from + " WHERE id = ?")) {
                            ps.setInt(1, i);
                            ps.executeQuery().close();
                        }
                    }
                    names.add(c.unwrap(TandemConnection.class).engine().name());
                }
            }
            assertEquals(2, new TreeSet<>(names).size(), "two data sources, two names: " + names);
            for (String name : names) {
                FunctionCounter misses = registry.find("tandem.plan.cache.requests")
                        .tags("datasource", name, "cache", "prepared", "result", "miss").functionCounter();
                assertNotNull(misses, name + " has its own plan-cache meters");
                assertEquals(1.0, misses.count(), "one statement planned once in " + name);
                assertEquals(2.0, registry.find("tandem.plan.cache.requests")
                        .tags("datasource", name, "cache", "prepared", "result", "hit").functionCounter().count());
            }
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aRegistryThatIsNotMicrometersIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TandemDataSource(realDataSource(TestDatabase.H2)).setMeterRegistry("a registry"));
    }

    // ------------------------------------------------------------------------------------------------ workload

    private static Connection connect(DataSource ds) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataSource realDataSource(TestDatabase db) {
        if (db == TestDatabase.H2) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(db.jdbcUrl());
            h2.setUser(db.user() == null ? "" : db.user());
            h2.setPassword(db.password() == null ? "" : db.password());
            return h2;
        }
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(db.jdbcUrl());
        if (db.user() != null) {
            pg.setUser(db.user());
        }
        if (db.password() != null) {
            pg.setPassword(db.password());
        }
        return pg;
    }

    /**
     * One migration {@code meter-*} of {@code meter_*(id, name)} into {@code meter_*_to(id, full_name UNIQUE)} with
     * {@code full_name = UPPER(name)}, {@code name = LOWER(full_name)}; its phases set in-process.
     */
    static final class Workload implements AutoCloseable {
        final TestDatabase db;
        final StateFixture fixture;
        final String from = TestTables.unique("meter");
        final String to = from + "_to";
        final String id = "meter-" + from.substring("meter_".length());
        final String name = "meter-ds-" + from.substring("meter_".length());
        final Path rules;
        double backfillRateSeen;

        Workload(TestDatabase db) throws Exception {
            this.db = db;
            this.fixture = StateFixture.shared(db);
            fixture.init(); // the backfill's checkpoints
            fixture.track(id);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(50))");
                s.execute("CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(50) UNIQUE)");
            }
            rules = Files.createTempDirectory("tandem-meters-");
            Files.writeString(rules.resolve(id + ".yaml"), "migration: " + id + "\n"
                    + "from: { table: " + from + ", key: [id] }\n"
                    + "to:   { table: " + to + ", key: [id] }\n"
                    + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n"
                    + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n"
                    + "phase: write-both\n", StandardCharsets.UTF_8);
        }

        Properties settings() {
            Properties p = new Properties();
            p.setProperty("tandem.rules", rules.toString());
            p.setProperty("tandem.usage.sample", "1"); // every statement's caller: exact counts
            p.setProperty("tandem.name", name);
            return p;
        }

        /** Drives every meter: writes, a failing mirror, an unsupported write, shadow reads, read-new, backfills. */
        void run(Supplier<Connection> connections, MeterRegistry gaugeRegistry) throws Exception {
            try (Connection app = connections.get()) {
                TandemEngine engine = app.unwrap(TandemConnection.class).engine();
                Migration m = engine.rules().migration(id).orElseThrow();
                phase(engine, Phase.WRITE_BOTH);
                try (PreparedStatement ins = app.prepareStatement("INSERT INTO " + from + " (id, name) VALUES (?, ?)")) {
                    for (int i = 1; i <= 10; i++) {
                        ins.setInt(1, i);
                        ins.setString(2, i == 10 ? "Ada" : "name" + i); // 'ADA': to's unique full_name refuses 11
                        ins.executeUpdate();
                    }
                    ins.setInt(1, 11);
                    ins.setString(2, "ada");
                    ins.executeUpdate(); // the mirror fails (best effort): the statement stands
                }
                try (Statement s = app.createStatement()) {
                    unsupportedWrite(s); // passes through unmirrored
                }
                readEach(app, 11); // as sent
                phase(engine, Phase.READ_BOTH);
                readEach(app, 11); // shadowed: rows 10 and 11 mismatch, the others match
                phase(engine, Phase.READ_NEW);
                readEach(app, 9); // translated
                try (Statement s = app.createStatement()) {
                    assertThrows(SQLException.class, () -> unsupportedWrite(s)); // refused
                }
            }
            try (Connection raw = db.connect()) {
                try (Statement s = raw.createStatement()) {
                    s.executeUpdate("DELETE FROM " + from + " WHERE id = 11"); // 'ADA' again: the backfill would fail
                }
                Migration m = migration();
                for (int run = 0; run < 2; run++) { // the second run's rate is its own, not the first's
                    AtomicReference<Double> max = new AtomicReference<>(0.0);
                    Backfill.of(raw, m, BackfillOptions.defaults().batchSize(2).force(true).restart(true))
                            .metrics(TandemMetrics.create(gaugeRegistry == Metrics.globalRegistry ? null
                                    : gaugeRegistry))
                            .listener(p -> {
                                Gauge g = gaugeRegistry.find("tandem.backfill.rate")
                                        .tags("migration", id, "direction", "forward").gauge();
                                if (g != null) {
                                    max.accumulateAndGet(g.value(), Math::max);
                                }
                            }).run();
                    assertTrue(max.get() > 0, "the rate gauge showed run " + (run + 1) + "'s rate while it ran");
                    backfillRateSeen = max.get();
                }
            }
        }

        private Migration migration() throws Exception {
            return dev.tandem.rules.RulesLoader.load(rules.toString(), getClass().getClassLoader()).migration(id)
                    .orElseThrow();
        }

        private void unsupportedWrite(Statement s) throws SQLException {
            if (db == TestDatabase.H2) {
                s.executeUpdate("MERGE INTO " + from + " KEY (id) VALUES (1, 'name1')");
            } else {
                try (ResultSet rs = s.executeQuery("WITH w AS (UPDATE " + from + " SET name = 'name1' WHERE id = 1"
                        + " RETURNING id) SELECT COUNT(*) FROM w")) {
                    rs.next();
                }
            }
        }

        private void readEach(Connection app, int rows) throws SQLException {
            try (PreparedStatement ps = app.prepareStatement("SELECT name FROM " + from + " WHERE id = ?")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }

        private void phase(TandemEngine engine, Phase phase) {
            PhaseSnapshot snapshot = new PhaseSnapshot(Map.of(id, new MigrationState(phase, 100)), phase.ordinal());
            engine.phaseSource(() -> snapshot);
        }

        /** Each §6 meter, found by its documented name and tags, with the value the workload explains. */
        void assertEveryMeter(MeterRegistry r) {
            assertEquals(11.0, count(r, "tandem.statements", "kind", "write", "path", "mirrored"), "11 inserts");
            assertEquals(1.0, count(r, "tandem.statements", "kind", "write", "path", "unmirrored"));
            assertEquals(1.0, count(r, "tandem.statements", "kind", "write", "path", "refused"));
            assertEquals(11.0, count(r, "tandem.statements", "kind", "read", "path", "as-sent"));
            assertEquals(11.0, count(r, "tandem.statements", "kind", "read", "path", "shadowed"));
            assertEquals(9.0, count(r, "tandem.statements", "kind", "read", "path", "translated"));
            assertEquals(1.0, count(r, "tandem.mirror.failures"), "the insert of 'ada' could not be mirrored");
            assertEquals(10.0, count(r, "tandem.mirror.rows"), "10 rows mirrored, each once (a key given as a"
                    + " parameter and returned as a generated key is one key)");
            assertEquals(2.0, count(r, "tandem.unsupported"), "the unsupported write, passed through then refused");
            assertEquals(9.0, count(r, "tandem.shadow.reads", "outcome", "match"));
            assertEquals(2.0, count(r, "tandem.shadow.reads", "outcome", "mismatch"),
                    "row 10 ('Ada' against LOWER('ADA')) and row 11 (never mirrored)");
            Counter legacy = r.find("tandem.legacy.statements").tag("migration", id).counter();
            assertNotNull(legacy, "tandem.legacy.statements{migration}");
            String caller = legacy.getId().getTag("caller");
            // the first frame outside dev.tandem (this test is inside it, so JUnit's frames are the callers here)
            assertTrue(caller != null && caller.matches("[\\w.$]+\\.[\\w$<>]+"), "caller: class.method: " + caller);
            double legacyTotal = r.find("tandem.legacy.statements").tag("migration", id).counters().stream()
                    .mapToDouble(Counter::count).sum();
            assertEquals(11 + 1 + 11 + 11 + 9 + 1, legacyTotal, "every statement naming the old table, by caller");
            assertEquals(2 * 10.0, r.find("tandem.backfill.rows").tags("migration", id, "direction", "forward")
                    .counter().count(), "two runs of 10 rows");
            Gauge rate = r.find("tandem.backfill.rate").tags("migration", id, "direction", "forward").gauge();
            assertNotNull(rate, "tandem.backfill.rate{migration,direction}");
            assertEquals(0.0, rate.value(), "no backfill runs now");
            assertTrue(backfillRateSeen > 0);
            Gauge size = r.find("tandem.plan.cache.size").tags("datasource", name, "cache", "prepared").gauge();
            assertNotNull(size, "tandem.plan.cache.size{datasource,cache}");
            assertTrue(size.value() >= 2, "at least the insert and the read cached: " + size.value());
            double hits = r.find("tandem.plan.cache.requests")
                    .tags("datasource", name, "cache", "prepared", "result", "hit").functionCounter().count();
            double misses = r.find("tandem.plan.cache.requests")
                    .tags("datasource", name, "cache", "prepared", "result", "miss").functionCounter().count();
            assertTrue(misses >= 2 && hits >= 2, "each prepared once, the read found again: hits " + hits
                    + ", misses " + misses);
            assertNotNull(r.find("tandem.plan.cache.evictions").tags("datasource", name, "cache", "adhoc")
                    .functionCounter(), "tandem.plan.cache.evictions{datasource,cache}");
            Map<String, MeterCatalog.Entry> registered = new java.util.TreeMap<>();
            for (Meter meter : r.getMeters()) {
                String n = meter.getId().getName();
                if (n.startsWith("tandem.") && (id.equals(meter.getId().getTag("migration"))
                        || name.equals(meter.getId().getTag("datasource")))) {
                    String type = meter instanceof Gauge ? "gauge"
                            : meter instanceof Counter || meter instanceof FunctionCounter ? "counter" : "other";
                    TreeSet<String> tagKeys = new TreeSet<>();
                    meter.getId().getTags().forEach(t -> tagKeys.add(t.getKey()));
                    MeterCatalog.Entry entry = new MeterCatalog.Entry(type, java.util.Set.copyOf(tagKeys));
                    MeterCatalog.Entry before = registered.put(n, entry);
                    assertTrue(before == null || before.equals(entry), n + " registered with other tags: " + entry);
                }
            }
            assertEquals(new java.util.TreeMap<>(MeterCatalog.METERS), registered,
                    "exactly the documented meters, all of them, with their types and tag keys");
        }

        private double count(MeterRegistry r, String meter, String... tags) {
            Counter c = r.find(meter).tag("migration", id).tags(tags).counter();
            assertNotNull(c, meter + " " + String.join(",", tags));
            return c.count();
        }

        @Override
        public void close() throws Exception {
            try (Connection c = db.connect()) {
                TestTables.drop(c, from, to);
            } finally {
                fixture.close();
            }
        }
    }
}
