package dev.tandem.cli;

import dev.tandem.rules.Phase;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.Json;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static dev.tandem.cli.PhaseCommandTest.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem status}: the table for people and the JSON document for machines. */
class StatusCommandTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void showsPhaseWhoWhyAndTheFleet(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String flipped = f.migration(Phase.OFF);
            String fromRules = f.migration(Phase.WRITE_BOTH);
            assertEquals(0, f.cliWithRules("phase", flipped, "write-both", "--by", "alice", "--reason",
                    "step 1", "--wait", "0").code());
            assertEquals(0, f.cliWithRules("phase", flipped, "read-both", "--percent", "20", "--by", "bob",
                    "--wait", "0").code());
            Connection app = f.tandem("100ms");
            String lagger = heartbeat(f, flipped, "write-both", 100);

            Cli.Result r = f.cliWithRules("status");
            assertEquals(0, r.code(), r.toString());
            String out = r.out();
            assertTrue(out.startsWith("Tandem on " + (db == TestDatabase.MARIADB ? "MariaDB" : db == TestDatabase.H2
                    ? "H2" : "PostgreSQL")), out);
            assertTrue(out.contains("MIGRATION"), out);
            assertTrue(out.matches("(?s).*\\n" + flipped + " +read-both +20% +2 +database +\\d{4}-\\d\\d-\\d\\d"
                    + " \\d\\d:\\d\\d:\\d\\d +bob +1/2 converged, 1 lagging\\n.*"), out);
            assertTrue(out.matches("(?s).*\\n" + fromRules + " +write-both +100% +0 +rules +- +- +1/1 converged"
                    + "\\n.*"), out);
            assertTrue(out.contains("  lagging: " + lagger + " on h9 (pid 9) reports write-both 100%"), out);
            assertTrue(out.contains("  last verify: none"), out);
            assertFalse(out.contains("reason: step 1"), "the reason of the last change only: " + out);

            Cli.Result one = f.cliWithRules("status", fromRules);
            assertEquals(0, one.code(), one.toString());
            assertTrue(one.out().contains(fromRules) && !one.out().contains(flipped + " "), one.out());
            assertTrue(app.isValid(1));
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void jsonIsAStableDocument(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String reason = "say \"why\"\\ here\nand there\t\u00e9";
            assertEquals(0, f.cliWithRules("phase", m, "write-both", "--by", "o'neil", "--reason", reason,
                    "--wait", "0").code());
            Connection app = f.tandem("100ms");
            assertTrue(StateFixture.eventually(java.time.Duration.ofSeconds(2), () -> {
                Cli.Result r = f.cliWithRules("status", m, "--json");
                return r.out().contains("\"converged\": true") && r.out().contains("\"reports\"");
            }));
            try (Connection c = f.connect()) {
                new StateStore(Fleet.on(c, null).dialect()).recordEvent(c, m, HistoryEntry.VERIFY, null, null, null,
                        HistoryEntry.CLEAN, "ci", null, "{\"missing\":0}");
            }

            Cli.Result r = f.cliWithRules("status", m, "--json");
            assertEquals(0, r.code(), r.toString());
            Map<String, Object> doc = (Map<String, Object>) Json.parse(r.out());
            assertEquals(List.of("database", "url", "now", "staleAfterSeconds", "controlTables", "migrations",
                    "instances"), List.copyOf(doc.keySet()));
            assertEquals(10L, doc.get("staleAfterSeconds"));
            assertEquals(Map.of("tandem_state", true, "tandem_history", true, "tandem_backfill", true,
                    "tandem_instances", true), doc.get("controlTables"));
            List<Object> migrations = (List<Object>) doc.get("migrations");
            assertEquals(1, migrations.size());
            Map<String, Object> mj = (Map<String, Object>) migrations.get(0);
            assertEquals(List.of("migration", "phase", "percent", "version", "handover", "source", "inRules", "changedAt",
                    "changedBy", "reason", "fleet", "backfill", "lastVerify", "usage"), List.copyOf(mj.keySet()));
            assertEquals(m, mj.get("migration"));
            assertEquals("write-both", mj.get("phase"));
            assertEquals(100L, mj.get("percent"));
            assertEquals(1L, mj.get("version"));
            assertEquals("database", mj.get("source"));
            assertEquals(true, mj.get("inRules"));
            assertEquals("o'neil", mj.get("changedBy"));
            assertEquals(reason, mj.get("reason"), "escaped and read back exactly");
            assertTrue(((String) mj.get("changedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), mj.toString());
            Map<String, Object> fleet = (Map<String, Object>) mj.get("fleet");
            assertEquals(true, fleet.get("converged"));
            List<Object> instances = (List<Object>) fleet.get("instances");
            assertEquals(1, instances.size());
            Map<String, Object> inst = (Map<String, Object>) instances.get(0);
            assertEquals(Map.of("phase", "write-both", "percent", 100L, "version", 1L), inst.get("reports"));
            assertEquals(true, inst.get("converged"));
            assertEquals(ProcessHandle.current().pid(), inst.get("pid"));
            Map<String, Object> verify = (Map<String, Object>) mj.get("lastVerify");
            assertEquals("clean", verify.get("outcome"));
            assertEquals("{\"missing\":0}", verify.get("details"));
            Map<String, Object> all = (Map<String, Object>) doc.get("instances");
            assertTrue(((List<Object>) all.get("live")).stream()
                    .anyMatch(i -> ((Map<String, Object>) i).get("id").equals(inst.get("id"))));
            assertTrue(app.isValid(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutControlTablesTheRulesPhasesAreShown(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            String m = f.migration(Phase.WRITE_BOTH);
            Cli.Result r = f.cliWithRules("status");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("control tables missing: tandem_state, tandem_history, tandem_backfill,"
                    + " tandem_instances (run 'tandem init')"), r.out());
            assertTrue(r.out().matches("(?s).*\\n" + m + " +write-both +100% +0 +rules.*"), r.out());

            Cli.Result json = f.cliWithRules("status", "--json");
            assertEquals(0, json.code(), json.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> mj = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) Json.parse(
                    json.out())).get("migrations")).get(0);
            assertEquals("rules", mj.get("source"));
            assertNull(mj.get("changedAt"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUnknownMigrationIsExitCodeTwo(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            f.migration(Phase.OFF);
            assertUsage(f.cliWithRules("status", "nope-" + System.nanoTime()), "unknown migration 'nope-");
            assertUsage(f.cliWithRules("status", "a", "b"), "at most one MIGRATION");
        }
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("help");
        assertEquals(0, r.code());
        for (String c : List.of("init", "phase", "status", "demo")) {
            assertTrue(r.out().contains("  " + c + " "), r.out());
        }
        Cli.Result phase = Cli.run("help", "phase");
        assertEquals(0, phase.code());
        assertTrue(phase.out().contains("--percent") && phase.out().contains("TANDEM_PASSWORD"), phase.out());
    }

    /** A fake live instance reporting a phase for a migration; returns its id. */
    private static String heartbeat(StateFixture f, String m, String phase, int percent) throws Exception {
        String id = "fake-" + java.util.UUID.randomUUID();
        try (Connection c = f.connect()) {
            new StateStore(Fleet.on(c, null).dialect()).heartbeat(c, id, "h9", 9,
                    "{\"" + m + "\":{\"phase\":\"" + phase + "\",\"percent\":" + percent + ",\"version\":1}}");
        }
        return id;
    }
}
