package dev.tandem.cli;

import dev.tandem.rules.Phase;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem contract}: each condition of the gate failing and holding, the outside-activity check on the
 * databases that keep table statistics, and bad usage.
 */
class ContractCommandTest {

    /** Forces a migration to read-new 100 %, then moves it to write-new as an operator would. */
    static String inWriteNew(StateFixture f) throws Exception {
        String m = f.migration(Phase.OFF);
        assertEquals(0, f.cliWithRules("phase", m, "read-new", "--force", "--wait", "0").code());
        Cli.Result w = f.cliWithRules("phase", m, "write-new", "--wait", "0");
        assertEquals(0, w.code(), w.toString());
        return m;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void gateNamesWhatDoesNotHoldThenHolds(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            assertEquals(0, f.cliWithRules("phase", m, "read-new", "--force", "--wait", "0").code());
            Cli.Result early = f.cliWithRules("contract", m, "--soak", "0");
            assertEquals(1, early.code(), early.toString());
            assertTrue(early.out().contains("FAILS  phase: read-new 100%"), early.toString());

            assertEquals(0, f.cliWithRules("phase", m, "write-new", "--wait", "0").code());
            HistoryEntry baseline = history(f, m).get(0);
            assertEquals(HistoryEntry.BASELINE, baseline.event(), "entering write-new notes the old table's counters");
            assertEquals(db == TestDatabase.H2 ? HistoryEntry.UNMEASURED : HistoryEntry.OK, baseline.outcome(),
                    baseline.toString());

            Cli.Result soaking = f.cliWithRules("contract", m, "--soak", "24h");
            assertEquals(1, soaking.code(), soaking.toString());
            assertTrue(soaking.out().contains("holds  phase: write-new"), soaking.toString());
            assertTrue(soaking.out().contains("FAILS  soak: in write-new for 0s"), soaking.toString());
            assertTrue(soaking.out().contains("FAILS  verify: no verify recorded"), soaking.toString());
            assertTrue(soaking.out().contains("holds  old-structure usage"), soaking.toString());
            assertTrue(soaking.err().contains("the contract gate does not hold for '" + m + "'"), soaking.toString());

            record(f, m, HistoryEntry.VERIFY, HistoryEntry.DRIFT);
            Cli.Result drift = f.cliWithRules("contract", m, "--soak", "0");
            assertEquals(1, drift.code(), drift.toString());
            assertTrue(drift.out().contains("FAILS  verify: the latest verify"), drift.toString());
            assertTrue(drift.out().contains("found drift"), drift.toString());

            record(f, m, HistoryEntry.VERIFY, HistoryEntry.CLEAN);
            Cli.Result holds = f.cliWithRules("contract", m, "--soak", "0");
            assertEquals(0, holds.code(), holds.toString());
            assertTrue(holds.out().contains("holds  soak"), holds.toString());
            assertTrue(holds.out().contains("holds  verify: clean"), holds.toString());
            assertTrue(holds.out().contains("holds  outside activity: "
                    + (db == TestDatabase.H2 ? "not measured: H2" : "since write-new: 0 row(s) written")),
                    holds.toString());
            assertTrue(holds.out().contains("the gate holds: 'tandem contract " + m + " --execute'"),
                    holds.toString());

            // a move to contracted through 'phase' takes the same gate: refused while the soak lasts
            Cli.Result phase = f.cliWithRules("phase", m, "contracted", "--wait", "0");
            assertEquals(1, phase.code(), phase.toString());
            assertTrue(phase.err().contains("tandem contract " + m), phase.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aWriteToTheOldTableByAnythingButTandemFailsTheGate(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = inWriteNew(f);
            record(f, m, HistoryEntry.VERIFY, HistoryEntry.CLEAN);
            String from = StateFixture.fromTable(m);
            if (db == TestDatabase.POSTGRESQL) {
                // a backend reports its counters at the end of a transaction at most once a second: ask for it now
                f.raw("INSERT INTO " + from + " (id, name) VALUES (1, 'x')", "SELECT pg_stat_force_next_flush()");
            } else {
                f.raw("INSERT INTO " + from + " (id, name) VALUES (1, 'x')");
            }
            Cli.Result r = null;
            for (int i = 0; i < 50; i++) { // PostgreSQL: the flush happens when the backend next goes idle
                r = f.cliWithRules("contract", m, "--soak", "0");
                if (r.code() == 1) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("FAILS  outside activity: since write-new: 1 row(s) written to " + from
                    + " (Tandem's down-sync: 0)"), r.toString());
            assertTrue(r.out().contains("something besides Tandem uses " + from), r.toString());

            Cli.Result skipped = f.cliWithRules("contract", m, "--soak", "0", "--no-activity-check");
            assertEquals(0, skipped.code(), skipped.toString());
            assertTrue(skipped.out().contains("holds  outside activity: not checked (turned off by the operator)"),
                    skipped.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void executeMovesToContractedAndDropsTheOldTableOnce(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String from = StateFixture.fromTable(m);
            String to = StateFixture.toTable(m);
            f.raw("INSERT INTO " + from + " (id, name) VALUES (1, 'ada'), (2, 'alan')",
                    "INSERT INTO " + to + " (id, full_name) VALUES (1, 'ADA'), (2, 'ALAN')");
            assertEquals(0, f.cliWithRules("phase", m, "read-new", "--force", "--wait", "0").code());
            assertEquals(0, f.cliWithRules("phase", m, "write-new", "--wait", "0").code());
            // the verify reads the old table itself: the gate must not take that for outside activity
            Cli.Result verify = f.cliWithRules("verify", m);
            assertEquals(0, verify.code(), verify.toString());
            if (db != TestDatabase.H2) {
                String details = history(f, m).get(0).details();
                assertTrue(details.contains("\"fromReads\":"), "the verify measured its own reads: " + details);
            }

            Cli.Result done = f.cliWithRules("contract", m, "--soak", "0", "--execute", "--wait", "5");
            assertEquals(0, done.code(), done.toString());
            assertTrue(done.out().contains("phase: contracted"), done.toString());
            assertTrue(done.out().contains("running: "), done.toString());
            assertTrue(done.out().contains(m + ": contracted; the old structure is gone"), done.toString());
            assertFalse(tableExists(f, from), from + " was dropped");
            assertTrue(tableExists(f, to), to + " stays");
            HistoryEntry contract = history(f, m).get(0);
            assertEquals(HistoryEntry.CONTRACT, contract.event());
            assertEquals(HistoryEntry.OK, contract.outcome());
            assertEquals(Phase.CONTRACTED, f.fleet().standing(m).phase());

            Cli.Result again = f.cliWithRules("contract", m, "--execute");
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().contains("already contracted, and the old structure was dropped"),
                    again.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void codeThatStillSpeaksTheOldStructureHoldsTheGateUntilASoakAfterItsLastStatement(TestDatabase db)
            throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = inWriteNew(f);
            record(f, m, HistoryEntry.VERIFY, HistoryEntry.CLEAN);
            java.util.Properties every = new java.util.Properties();
            every.setProperty("tandem.usage.sample", "1");
            Connection app = f.tandem("100ms", every);
            Thread.sleep(3_100); // the soak (3 s) has passed since write-new: only the usage can hold the gate now
            new example.legacy.LegacyPersonDao(StateFixture.fromTable(m)).countNames(app);

            Cli.Result held = null;
            for (int i = 0; i < 50; i++) { // until a heartbeat reports the statement and its (sampled) caller
                held = f.cliWithRules("contract", m, "--soak", "3s");
                if (held.out().contains("FAILS  old-structure usage")
                        && held.out().contains("example.legacy.LegacyPersonDao.countNames")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(1, held.code(), held.toString());
            assertTrue(held.out().contains("holds  soak"), held.toString());
            assertTrue(held.out().contains("FAILS  old-structure usage: statements naming the old structure as late"
                    + " as"), held.toString());
            assertTrue(held.out().contains("example.legacy.LegacyPersonDao.countNames"), "the caller is named: "
                    + held);

            Thread.sleep(3_200); // a whole soak without old-structure statements
            Cli.Result holds = f.cliWithRules("contract", m, "--soak", "3s");
            assertEquals(0, holds.code(), holds.toString());
            assertTrue(holds.out().contains("holds  old-structure usage: last statement naming the old structure"
                    + " at"), holds.toString());
        }
    }

    static boolean tableExists(StateFixture f, String table) throws Exception {
        try (Connection c = f.connect(); java.sql.Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        try (StateFixture f = StateFixture.shared(TestDatabase.H2)) {
            String m = f.migration(Phase.OFF);
            Cli.Result unknown = f.cliWithRules("contract", "no-such-migration");
            assertEquals(2, unknown.code(), unknown.toString());
            assertTrue(unknown.err().startsWith("tandem contract: unknown migration 'no-such-migration'"),
                    unknown.toString());
            assertEquals(1, unknown.err().lines().count(), unknown.toString());

            Cli.Result noRules = f.cli("contract", m);
            assertEquals(2, noRules.code(), noRules.toString());
            assertTrue(noRules.err().contains("--rules is required"), noRules.toString());

            Cli.Result badSoak = f.cliWithRules("contract", m, "--soak", "soon");
            assertEquals(2, badSoak.code(), badSoak.toString());
            assertTrue(badSoak.err().contains("--soak takes a duration such as 24h"), badSoak.toString());

            Cli.Result unreachable = Cli.run("contract", m, "--url", "jdbc:postgresql://127.0.0.1:1/none",
                    "--rules", f.rulesDir().toString());
            assertEquals(2, unreachable.code(), unreachable.toString());
            assertTrue(unreachable.err().startsWith("tandem contract: cannot connect to"), unreachable.toString());
            assertEquals(1, unreachable.err().lines().count(), unreachable.toString());
            assertFalse(unreachable.err().contains("\tat "), "no stack trace without --verbose");
        }
    }

    @Test
    void soakDurationsParse() throws Exception {
        assertEquals(java.time.Duration.ofHours(24), ContractCommand.duration("24h"));
        assertEquals(java.time.Duration.ofMinutes(90), ContractCommand.duration("90m"));
        assertEquals(java.time.Duration.ofSeconds(3600), ContractCommand.duration("3600"));
        assertEquals(java.time.Duration.ofDays(2), ContractCommand.duration("2d"));
        assertEquals(java.time.Duration.ZERO, ContractCommand.duration("0"));
    }

    static List<HistoryEntry> history(StateFixture f, String m) throws Exception {
        try (Connection c = f.connect()) {
            return new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).history(c, m, 100);
        }
    }

    static void record(StateFixture f, String m, String event, String outcome) throws Exception {
        try (Connection c = f.connect()) {
            new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).recordEvent(c, m, event, null, null, null,
                    outcome, "test", null, "{}");
        }
    }
}
