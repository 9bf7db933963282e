package dev.tandem.cli;

import dev.tandem.rules.Phase;
import dev.tandem.state.ControlSchema;
import dev.tandem.state.Fleet;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tandem init} creates the four control tables, and running it again changes nothing. */
class InitCommandTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createsTheTablesOnceAndSaysWhatExists(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            f.migration(Phase.OFF);
            Cli.Result first = f.cliWithRules("init");
            assertEquals(0, first.code(), first.toString());
            for (String t : ControlSchema.TABLES) {
                assertTrue(first.out().matches("(?s).*\\n  " + t + " +created\\n.*"), first.out());
            }
            assertTrue(first.out().contains("rules: 1 migration(s)"), first.out());
            assertTrue(first.out().contains("ready: tandem_state, tandem_history, tandem_backfill, tandem_instances"),
                    first.out());

            Cli.Result second = f.cli("init");
            assertEquals(0, second.code(), second.toString());
            for (String t : ControlSchema.TABLES) {
                assertTrue(second.out().matches("(?s).*\\n  " + t + " +exists\\n.*"), second.out());
            }
            assertEquals("", second.err());
            try (Connection c = f.connect()) {
                Map<String, Boolean> tables = Fleet.on(c, null).tables();
                assertTrue(tables.values().stream().allMatch(b -> b), tables.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void isHarmlessOnTheSharedDatabase(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            Cli.Result r = f.cli("init");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().matches("(?s).*\\n  tandem_state +exists\\n.*"), r.out());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "H2")
    void badRulesAreExitCodeTwo(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db)) {
            java.nio.file.Files.writeString(f.rulesDir().resolve("bad.yaml"), "migration: x\nfrom: 1\n");
            Cli.Result r = f.cliWithRules("init");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().startsWith("tandem init: invalid rules: "), r.err());
            assertTrue(r.err().contains("bad.yaml"), r.err());
        }
    }
}
