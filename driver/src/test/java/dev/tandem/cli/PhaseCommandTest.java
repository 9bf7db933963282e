package dev.tandem.cli;

import dev.tandem.rules.Phase;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.state.StoredState;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem phase}: the moves the gates allow and refuse, {@code --force}, rollbacks, what is recorded in
 * {@code tandem_history}, and the exit codes of bad usage.
 */
class PhaseCommandTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneStepForwardIsRecordedWithWhoWhenAndWhy(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            Cli.Result r = f.cliWithRules("phase", m, "write-both", "--by", "alice", "--reason", "ticket #12",
                    "--wait", "0");
            assertEquals(0, r.code(), r.toString());
            assertEquals(m + ": off 100% -> write-both 100% (version 1, ok, by alice)\n", r.out());
            assertEquals("", r.err());

            StoredState row = state(f, m).orElseThrow();
            assertEquals(Phase.WRITE_BOTH, row.phase());
            assertEquals(1, row.version());
            assertEquals("alice", row.changedBy());
            assertEquals("ticket #12", row.reason());
            HistoryEntry h = history(f, m).get(0);
            assertEquals("phase", h.event());
            assertEquals("off", h.fromPhase());
            assertEquals("write-both", h.toPhase());
            assertEquals(100, h.percent());
            assertEquals("ok", h.outcome());
            assertEquals("alice", h.actor());
            assertEquals("ticket #12", h.reason());
            assertEquals(row.changedAt(), h.occurredAt());

            Cli.Result again = f.cliWithRules("phase", m, "write-both", "--wait", "0");
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().contains("already at write-both 100% (version 1)"), again.toString());
            assertEquals(1, history(f, m).size(), "nothing recorded for no change");

            Cli.Result byDefault = f.cliWithRules("phase", m, "read-both", "--percent", "5", "--wait", "0");
            assertEquals(0, byDefault.code(), byDefault.toString());
            String actor = history(f, m).get(0).actor();
            assertEquals(System.getProperty("user.name") + "@", actor.substring(0, actor.indexOf('@') + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void skippingAPhaseIsRefusedUnlessForced(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            Cli.Result refused = f.cliWithRules("phase", m, "read-both", "--wait", "0");
            assertEquals(1, refused.code(), refused.toString());
            assertEquals("", refused.out());
            assertOneLine(refused.err());
            assertTrue(refused.err().contains("refused: moving from off to read-both skips write-both")
                    && refused.err().contains("--force"), refused.err());
            assertTrue(state(f, m).isEmpty(), "nothing written");
            assertTrue(history(f, m).isEmpty());

            Cli.Result forced = f.cliWithRules("phase", m, "read-both", "--force", "--reason", "lab", "--wait", "0");
            assertEquals(0, forced.code(), forced.toString());
            assertTrue(forced.err().contains("warning: forced past: moving from off to read-both skips"),
                    forced.toString());
            assertTrue(forced.out().contains("(version 1, forced, by "), forced.toString());
            assertEquals("forced", history(f, m).get(0).outcome());
            assertEquals(Phase.READ_BOTH, state(f, m).orElseThrow().phase());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readNewNeedsACleanVerifySinceWriteBoth(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.READ_BOTH);
            Cli.Result refused = f.cliWithRules("phase", m, "read-new", "--wait", "0");
            assertEquals(1, refused.code(), refused.toString());
            assertOneLine(refused.err());
            assertTrue(refused.err().contains("read-new needs a clean verify") && refused.err().contains("--force")
                    && refused.err().contains("verify' command"), refused.err());

            // the gate reads the newest verify row, whoever wrote it (VerifyCommandTest runs the command itself)
            record(f, m, HistoryEntry.VERIFY, HistoryEntry.DRIFT);
            Cli.Result drift = f.cliWithRules("phase", m, "read-new", "--wait", "0");
            assertEquals(1, drift.code(), drift.toString());
            assertTrue(drift.err().contains("found drift"), drift.err());

            record(f, m, HistoryEntry.VERIFY, HistoryEntry.CLEAN);
            Cli.Result clean = f.cliWithRules("phase", m, "read-new", "--percent", "10", "--wait", "0");
            assertEquals(0, clean.code(), clean.toString());
            assertEquals("ok", history(f, m).get(0).outcome());

            // back to write-both (a rollback: always allowed), then the old verify no longer counts
            Cli.Result back = f.cliWithRules("phase", m, "write-both", "--wait", "0");
            assertEquals(0, back.code(), back.toString());
            assertEquals(0, f.cliWithRules("phase", m, "read-both", "--wait", "0").code());
            Cli.Result stale = f.cliWithRules("phase", m, "read-new", "--wait", "0");
            assertEquals(1, stale.code(), stale.toString());
            assertTrue(stale.err().contains("is older"), stale.err());
            Cli.Result forced = f.cliWithRules("phase", m, "read-new", "--force", "--wait", "0");
            assertEquals(0, forced.code(), forced.toString());
            assertEquals("forced", history(f, m).get(0).outcome());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writeNewNeedsReadNewAtAHundredPercentOnEveryLiveInstance(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.READ_BOTH);
            record(f, m, HistoryEntry.VERIFY, HistoryEntry.CLEAN);
            assertEquals(0, f.cliWithRules("phase", m, "read-new", "--percent", "50", "--wait", "0").code());

            Cli.Result half = f.cliWithRules("phase", m, "write-new", "--wait", "0");
            assertEquals(1, half.code(), half.toString());
            assertTrue(half.err().contains("write-new needs read-new at 100% first") && half.err().contains("50%"),
                    half.err());

            assertEquals(0, f.cliWithRules("phase", m, "read-new", "--percent", "100", "--wait", "0").code());
            String laggard = "laggard-" + java.util.UUID.randomUUID();
            try (Connection c = f.connect()) {
                new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).heartbeat(c, laggard, "h1", 7,
                        "{\"" + m + "\":{\"phase\":\"read-new\",\"percent\":50,\"version\":1}}");
            }
            Cli.Result lag = f.cliWithRules("phase", m, "write-new", "--wait", "0");
            assertEquals(1, lag.code(), lag.toString());
            assertTrue(lag.err().contains("1 live instance(s) do not report read-new 100%")
                    && lag.err().contains(laggard) && lag.err().contains("reports read-new 50%"), lag.err());

            try (Connection c = f.connect()) {
                new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).heartbeat(c, laggard, "h1", 7,
                        "{\"" + m + "\":{\"phase\":\"read-new\",\"percent\":100,\"version\":2}}");
            }
            Cli.Result ok = f.cliWithRules("phase", m, "write-new", "--wait", "0");
            assertEquals(0, ok.code(), ok.toString());
            assertEquals(Phase.WRITE_NEW, state(f, m).orElseThrow().phase());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void contractedOnlyWithForceAndNeverBack(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.WRITE_NEW);
            Cli.Result refused = f.cliWithRules("phase", m, "contracted", "--wait", "0");
            assertEquals(1, refused.code(), refused.toString());
            assertTrue(refused.err().contains("contract gate") && refused.err().contains("--force"), refused.err());

            Cli.Result forced = f.cliWithRules("phase", m, "contracted", "--force", "--wait", "0");
            assertEquals(0, forced.code(), forced.toString());
            assertEquals(Phase.CONTRACTED, state(f, m).orElseThrow().phase());

            for (String back : List.of("write-new", "off")) {
                for (boolean force : List.of(false, true)) {
                    Cli.Result r = force ? f.cliWithRules("phase", m, back, "--force", "--wait", "0")
                            : f.cliWithRules("phase", m, back, "--wait", "0");
                    assertEquals(1, r.code(), r.toString());
                    assertOneLine(r.err());
                    assertTrue(r.err().contains("is contracted: there is no way back"), r.err());
                    assertFalse(r.err().contains("--force overrides"), r.err());
                }
            }
            assertEquals(Phase.CONTRACTED, state(f, m).orElseThrow().phase());
            assertEquals(1, history(f, m).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollingBackIsNeverRefused(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.WRITE_NEW);
            Cli.Result r = f.cliWithRules("phase", m, "off", "--wait", "0", "--reason", "incident");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("write-new 100% -> off 100% (version 1, ok"), r.out());
            HistoryEntry h = history(f, m).get(0);
            assertEquals("write-new", h.fromPhase());
            assertEquals("off", h.toPhase());
            assertEquals("incident", h.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badArgumentsAreExitCodeTwoInOneLine(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            assertUsage(f.cliWithRules("phase", "no-such-migration", "write-both"), "unknown migration 'no-such");
            assertUsage(f.cli("phase", m, "write-both"), "no rules were given");
            assertUsage(f.cliWithRules("phase", m, "sideways"), "unknown phase 'sideways'");
            assertUsage(f.cliWithRules("phase", m), "expected MIGRATION and PHASE");
            assertUsage(f.cliWithRules("phase", m, "write-both", "--percent", "50"), "a percent applies only to");
            assertUsage(f.cliWithRules("phase", m, "read-both", "--percent", "101"), "--percent must be from 0 to 100");
            assertUsage(f.cliWithRules("phase", m, "read-both", "--percent", "lots"), "needs a whole number");
            assertUsage(f.cliWithRules("phase", m, "write-both", "--colour", "red"), "unknown option '--colour'");
            assertUsage(f.cliWithRules("phase", m, "write-both", "--password", "x"), "never taken on the command line");
            assertUsage(f.cliWithRules("phase", m, "write-both", "--wait"), "--wait needs a value");
            assertTrue(state(f, m).isEmpty());
        }
    }

    @Test
    void anUnreachableDatabaseIsExitCodeTwoWithoutAStackTrace() {
        Cli.Result r = Cli.run("phase", "m", "write-both", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertUsage(r, "cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere");

        Cli.Result unknownDriver = Cli.run("status", "--url", "jdbc:nosuchdb://h/x");
        assertUsage(unknownDriver, "cannot connect to jdbc:nosuchdb://h/x");

        Cli.Result noUrl = Cli.run("init");
        assertUsage(noUrl, "--url is required");

        Cli.Result masked = Cli.run("status", "--url", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=s3cret");
        assertUsage(masked, "cannot connect");
        assertFalse(masked.err().contains("s3cret"), masked.err());

        Cli.Result verbose = Cli.run("phase", "m", "write-both", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "--verbose");
        assertEquals(2, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace: " + verbose.err());
    }

    @Test
    void controlTablesMissingIsExitCodeTwo() throws Exception {
        try (StateFixture f = StateFixture.isolated(TestDatabase.H2)) {
            String m = f.migration(Phase.OFF);
            assertUsage(f.cliWithRules("phase", m, "write-both"), "run 'tandem init' first");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTandemUrlIsAcceptedAndItsRulesUsed(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = f.migration(Phase.OFF);
            String sep = db == TestDatabase.H2 ? ";" : (f.tandemUrl().contains("?") ? "&" : "?");
            String url = f.tandemUrl() + sep + "tandem.rules=" + f.rulesDir();
            Map<String, String> env = db.password() == null ? Map.of() : Map.of("TANDEM_PASSWORD", db.password());
            Cli.Result r = db.user() == null
                    ? Cli.run(env, "phase", m, "write-both", "--wait", "0", "--url", url)
                    : Cli.run(env, "phase", m, "write-both", "--wait", "0", "--url", url, "--user", db.user());
            assertEquals(0, r.code(), r.toString());
            assertEquals(Phase.WRITE_BOTH, state(f, m).orElseThrow().phase());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void assertUsage(Cli.Result r, String contains) {
        assertEquals(2, r.code(), r.toString());
        assertOneLine(r.err());
        assertTrue(r.err().contains(contains), "expected '" + contains + "' in: " + r.err());
    }

    static void assertOneLine(String err) {
        assertEquals(1, err.lines().filter(l -> !l.startsWith("warning: ")).count(), "one line: " + err);
        assertTrue(err.startsWith("tandem ") || err.startsWith("warning: "), err);
    }

    private static Optional<StoredState> state(StateFixture f, String m) throws Exception {
        try (Connection c = f.connect()) {
            return new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).readState(c, m);
        }
    }

    private static List<HistoryEntry> history(StateFixture f, String m) throws Exception {
        try (Connection c = f.connect()) {
            return new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).history(c, m, 100);
        }
    }

    private static void record(StateFixture f, String m, String event, String outcome) throws Exception {
        try (Connection c = f.connect()) {
            new StateStore(dev.tandem.state.Fleet.on(c, null).dialect()).recordEvent(c, m, event, null, null, null,
                    outcome, "test", null, "{}");
        }
    }
}
