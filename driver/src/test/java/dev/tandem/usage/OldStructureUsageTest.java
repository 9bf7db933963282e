package dev.tandem.usage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.Fleet;
import dev.tandem.state.InstanceReport;
import dev.tandem.state.InstanceReport.CallerUsage;
import dev.tandem.state.InstanceReport.MigrationUsage;
import dev.tandem.state.Json;
import dev.tandem.state.MigrationState;
import dev.tandem.state.PhaseSnapshot;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.state.UsageJson;
import dev.tandem.testing.TestDatabase;
import example.legacy.LegacyPersonDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old-structure usage by caller: counted per migration, attributed to the application's code, reset per version. */
class OldStructureUsageTest {
    private static final String COUNT_NAMES = "example.legacy.LegacyPersonDao.countNames";
    private static final String RENAME = "example.legacy.LegacyPersonDao.rename";
    private static final String INSERT = "example.legacy.LegacyPersonDao.insert";

    private static Properties everyStatement() {
        Properties p = new Properties();
        p.setProperty("tandem.usage.sample", "1");
        return p;
    }

    private static TandemEngine engine(Connection tandem) throws Exception {
        return tandem.unwrap(TandemConnection.class).engine();
    }

    private static MigrationUsage usage(TandemEngine engine, String m) {
        return engine.usage().report(engine.phases()).get(m);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void callersAreTheApplicationsFramesThroughAPlainCallAndThroughHikari(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.WRITE_BOTH, "ln_u");
            LegacyPersonDao dao = new LegacyPersonDao(StateFixture.fromTable(m));
            Connection app = f.tandem("100ms", everyStatement());
            TandemEngine engine = engine(app);
            dao.insert(app, 1, "ann");
            dao.insert(app, 2, "bob");
            assertEquals(2, dao.countNames(app));
            assertEquals(2, dao.countNames(app));
            assertEquals(2, dao.countNames(app));

            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(f.tandemUrl());
            db.properties().forEach((k, v) -> hc.addDataSourceProperty((String) k, v));
            hc.addDataSourceProperty("tandem.rules", f.rulesDir().toString());
            hc.addDataSourceProperty("tandem.poll", "100ms");
            hc.addDataSourceProperty("tandem.usage.sample", "1");
            hc.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(hc)) {
                assertEquals(1, dao.rename(pool, 1, "anna"));
                assertEquals(1, dao.rename(pool, 2, "bobby"));
                try (Connection pooled = pool.getConnection()) {
                    assertTrue(engine == engine(pooled), "the same settings share the engine");
                }
            }
            // a statement naming from in a Tandem class (this test): passed over like Tandem's own frames
            try (var s = app.createStatement()) {
                s.executeQuery("SELECT id FROM " + StateFixture.fromTable(m)).close();
            }

            MigrationUsage u = usage(engine, m);
            assertEquals(8, u.legacyTotal(), u.toString());
            Map<String, Long> counts = counts(u);
            assertEquals(2L, counts.remove(INSERT), u.toString());
            assertEquals(3L, counts.remove(COUNT_NAMES), u.toString());
            assertEquals(2L, counts.remove(RENAME), "through HikariCP: the DAO, not the pool: " + u);
            assertEquals(1, counts.size(), u.toString());
            assertTrue(counts.keySet().iterator().next().startsWith("org.junit."), "the first frame outside Tandem"
                    + " (this test is in dev.tandem): " + u);
            assertEquals(0, u.downStatements());
            assertEquals(5, engine.metrics().count("tandem.legacy.statements", "migration", m, "caller",
                    COUNT_NAMES) + engine.metrics().count("tandem.legacy.statements", "migration", m, "caller",
                    RENAME), "the meter tandem.legacy.statements{migration,caller}");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theHeartbeatCarriesItAndStatusShowsIt(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.WRITE_BOTH, "ln_h");
            LegacyPersonDao dao = new LegacyPersonDao(StateFixture.fromTable(m));
            Connection app = f.tandem("100ms", everyStatement());
            dao.insert(app, 1, "ann");
            dao.countNames(app);
            assertTrue(StateFixture.eventually(Duration.ofSeconds(5), () -> reported(f, m) != null
                    && reported(f, m).legacyTotal() == 2));
            MigrationUsage seen = reported(f, m);
            assertEquals(0, seen.version(), "the rules file's phase");
            assertEquals(Map.of(INSERT, 1L, COUNT_NAMES, 1L), counts(seen));
            assertTrue(seen.callers().get(INSERT).agoMs() >= 0);

            Cli.Result text = f.cliWithRules("status", m);
            assertEquals(0, text.code(), text.toString());
            assertTrue(text.out().contains("old-structure usage since version 0 (1 live instance(s)): 2 statement(s)"
                    + " naming the old structure, by caller (estimated):"), text.out());
            assertTrue(text.out().matches("(?s).*\\n    " + java.util.regex.Pattern.quote(INSERT)
                    + "  ~1  last seen \\d+ s ago\\n.*"), text.out());

            Cli.Result json = f.cliWithRules("status", m, "--json");
            assertEquals(0, json.code(), json.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> usage = (Map<String, Object>) ((Map<String, Object>) ((List<Object>)
                    ((Map<String, Object>) Json.parse(json.out())).get("migrations")).get(0)).get("usage");
            assertEquals(2L, usage.get("legacyStatements"), json.out());
            assertEquals(1L, usage.get("instances"), json.out());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> callers = (List<Map<String, Object>>) usage.get("callers");
            assertEquals(2, callers.size(), json.out());
            assertTrue(callers.stream().anyMatch(c -> c.get("caller").equals(COUNT_NAMES)
                    && c.get("count").equals(1L) && c.get("lastSeen") != null), json.out());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void countsStartAgainWhenTheInstanceAppliesANewVersion(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF, "ln_v");
            LegacyPersonDao dao = new LegacyPersonDao(StateFixture.fromTable(m));
            Connection app = f.tandem("100ms", everyStatement());
            TandemEngine engine = engine(app);
            dao.insert(app, 1, "ann");
            dao.countNames(app);
            assertEquals(2, usage(engine, m).legacyTotal());
            assertEquals(0, f.cliWithRules("phase", m, "write-both", "--wait", "5").code());
            assertTrue(StateFixture.eventually(Duration.ofSeconds(5), () -> usage(engine, m).version() == 1));
            assertEquals(0, usage(engine, m).legacyTotal(), "reset: the counts mean 'since version 1'");
            assertTrue(usage(engine, m).callers().isEmpty());
            dao.countNames(app);
            assertEquals(1, usage(engine, m).legacyTotal());
            assertEquals(Map.of(COUNT_NAMES, 1L), counts(usage(engine, m)));
            assertTrue(StateFixture.eventually(Duration.ofSeconds(5), () -> reported(f, m) != null
                    && reported(f, m).version() == 1 && reported(f, m).legacyTotal() == 1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writeNewCountsTheStatementsThatKeepTheOldStructureFresh(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.WRITE_NEW, "ln_d");
            LegacyPersonDao dao = new LegacyPersonDao(StateFixture.fromTable(m));
            Connection app = f.tandem("100ms", everyStatement());
            TandemEngine engine = engine(app);
            dao.insert(app, 1, "ann");
            dao.insert(app, 2, "bob");
            MigrationUsage u = usage(engine, m);
            assertEquals(2, u.legacyTotal());
            assertTrue(u.downStatements() >= 2, u.toString());
            assertTrue(u.downRows() >= 2, u.toString());
            try (Connection c = f.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM " + StateFixture.fromTable(m))) {
                rs.next();
                assertEquals(2, rs.getInt(1), "from was kept fresh through down");
            }
        }
    }

    @Test
    void sampledCallersCountForTheSampleAndTheTotalStaysExact() throws Exception {
        RuleSet rules = RuleSet.of(List.of(migration("ln-sample")));
        OldStructureUsage usage = new OldStructureUsage(rules, TandemMetrics.local(), 16);
        Migration m = rules.migrations().get(0);
        PhaseSnapshot phases = new PhaseSnapshot(Map.of(m.id(), new MigrationState(Phase.WRITE_BOTH, 100)),
                Map.of(m.id(), 3L), 1);
        LegacyPersonDao.repeat(16_000, () -> usage.statement(List.of(m), phases));
        MigrationUsage u = usage.report(phases).get(m.id());
        assertEquals(3, u.version());
        assertEquals(16_000, u.legacyTotal(), "the total is exact");
        long estimate = u.callers().values().stream().mapToLong(CallerUsage::count).sum();
        assertEquals(0, estimate % 16, "each sampled statement counts for 16");
        assertTrue(estimate > 8_000 && estimate < 32_000, "about 1000 of 16000 sampled: " + estimate);
        assertEquals(List.of("example.legacy.LegacyPersonDao.repeat"), List.copyOf(u.callers().keySet()),
                "the first frame outside Tandem (the lambda here is in dev.tandem)");

        PhaseSnapshot older = new PhaseSnapshot(phases.states(), Map.of(m.id(), 2L), 0);
        usage.statement(List.of(m), older);
        assertEquals(16_001, usage.report(phases).get(m.id()).legacyTotal(),
                "a transaction pinned to an older version does not reset the counts back");
    }

    @Test
    void framesPassedOver() {
        assertTrue(CallerFrames.passedOver("com.zaxxer.hikari.pool.ProxyStatement"));
        assertTrue(CallerFrames.passedOver("jdk.proxy2.$Proxy12"));
        assertTrue(CallerFrames.passedOver("org.springframework.jdbc.core.JdbcTemplate"));
        assertTrue(!CallerFrames.passedOver("com.acme.PersonRepository"));
    }

    @Test
    void jsonRoundTripAndGarbledText() {
        MigrationUsage u = new MigrationUsage(7, 1234, Map.of("com.acme.Dao.find", new CallerUsage(1216, 850),
                "com.acme.Job.run", new CallerUsage(64, 120_000)), 12, 13, Map.of("match", 40L, "mismatch", 1L));
        String json = UsageJson.write(Map.of("person-to-people", u));
        assertEquals("{\"migrations\":{\"person-to-people\":{\"version\":7,\"legacy\":{\"total\":1234,\"callers\":"
                + "{\"com.acme.Dao.find\":{\"count\":1216,\"agoMs\":850},\"com.acme.Job.run\":{\"count\":64,"
                + "\"agoMs\":120000}}},\"down\":{\"statements\":12,\"rows\":13},\"shadow\":{\"match\":40,"
                + "\"mismatch\":1}}}}", json);
        assertEquals(Map.of("person-to-people", u), UsageJson.parse(json));
        assertEquals(Map.of(), UsageJson.parse(null));
        assertEquals(Map.of(), UsageJson.parse("{\"migrations\":"));
        assertEquals(Map.of(), UsageJson.parse("[1,2]"));
        assertEquals(Map.of(), UsageJson.parse("{\"migrations\":{\"x\":{\"legacy\":{}}}}"), "no version: left out");
    }

    private static Migration migration(String id) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ln-rules-");
        try {
            java.nio.file.Files.writeString(dir.resolve("m.yaml"), "migration: " + id + "\n"
                    + "from: { table: ln_person, key: [id] }\nto: { table: ln_people, key: [id] }\n"
                    + "up:\n  id: id\n  full_name: \"UPPER(name)\"\ndown:\n  id: id\n  name: \"LOWER(full_name)\"\n");
            return RulesLoader.load(dir.toString(), null).migrations().get(0);
        } finally {
            dev.tandem.testing.TestFiles.deleteTree(dir);
        }
    }

    private static Map<String, Long> counts(MigrationUsage u) {
        Map<String, Long> out = new java.util.HashMap<>();
        u.callers().forEach((k, v) -> out.put(k, v.count()));
        return out;
    }

    /** What this JVM's live instance reports for the migration in tandem_instances; null when none. */
    private static MigrationUsage reported(StateFixture f, String m) {
        try (Connection c = f.connect()) {
            for (InstanceReport i : new StateStore(Fleet.on(c, null).dialect()).instances(c)) {
                if (i.usage().containsKey(m)) {
                    return i.usage().get(m);
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
