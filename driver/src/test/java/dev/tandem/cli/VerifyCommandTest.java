package dev.tandem.cli;

import dev.tandem.rules.Migration;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.Json;
import dev.tandem.state.StateFixture;
import dev.tandem.state.StateStore;
import dev.tandem.testing.TestDatabase;
import dev.tandem.verify.VerifyFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem verify}: output, exit codes, the {@code tandem_history} row, the read-new gate of {@code tandem phase}
 * reading it, and bad usage (exit 2, one line, no stack trace).
 */
class VerifyCommandTest {

    /** person -> people with {@code rows} rows copied correctly; the migration's id is tracked for clean-up. */
    private static Migration people(StateFixture f, VerifyFixture v, int rows) throws SQLException {
        String from = v.table("person");
        String to = v.table("people");
        v.exec("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(40))",
                "CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(40))");
        for (int i = 1; i <= rows; i++) {
            v.exec("INSERT INTO " + from + " VALUES (" + i + ", 'n" + i + "')");
        }
        v.exec("INSERT INTO " + to + " SELECT id, UPPER(name) FROM " + from);
        Migration m = v.tableLevel("vf-" + from, from, "id", to, "id", "  id: id\n  full_name: \"UPPER(name)\"\n",
                "  name: \"LOWER(full_name)\"\n");
        f.track(m.id());
        return m;
    }

    private static List<HistoryEntry> history(StateFixture f, String m) throws SQLException {
        try (Connection c = f.connect()) {
            return StateStore.forConnection(c).history(c, m, 10);
        }
    }

    private static void assertOneLine(String err) {
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat "), err);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cleanExitsZeroAndIsRecorded(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); VerifyFixture v = VerifyFixture.in(db, f.rulesDir())) {
            Migration m = people(f, v, 12);
            Cli.Result r = f.cliWithRules("verify", m.id(), "--chunk", "5", "--by", "carol");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("verify " + m.id() + ": " + m.to().sql() + " against up(" + m.from().sql()
                    + "), 12 rows in 3 chunks"), r.out());
            assertTrue(r.out().contains("  missing:   0\n  extra:     0\n  different: 0\n"), r.out());
            assertTrue(r.out().contains("clean; recorded in tandem_history"), r.out());
            HistoryEntry h = history(f, m.id()).get(0);
            assertEquals(HistoryEntry.VERIFY, h.event());
            assertEquals(HistoryEntry.CLEAN, h.outcome());
            assertEquals("carol", h.actor());
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) Json.parse(h.details());
            assertEquals("forward", details.get("direction"));
            assertEquals(0L, ((Number) details.get("missing")).longValue());
            assertEquals(12L, ((Number) details.get("rows")).longValue());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void driftExitsOneWithCountsAndSampleKeysButNoValues(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); VerifyFixture v = VerifyFixture.in(db, f.rulesDir())) {
            Migration m = people(f, v, 12);
            v.exec("DELETE FROM " + m.to().sql() + " WHERE id IN (3, 4)",
                    "UPDATE " + m.to().sql() + " SET full_name = 'secret-value' WHERE id = 7",
                    "INSERT INTO " + m.to().sql() + " VALUES (99, 'other-secret')");
            Cli.Result r = f.cliWithRules("verify", m.id(), "--chunk", "2", "--recheck-delay", "0");
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("  missing:   2  keys: 3, 4\n"), r.out());
            assertTrue(r.out().contains("  extra:     1  keys: 99\n"), r.out());
            assertTrue(r.out().contains("  different: 1  keys: 7\n"), r.out());
            assertTrue(r.out().contains("drift: 4 keys out of step; recorded in tandem_history"), r.out());
            assertFalse((r.out() + r.err()).contains("secret") || (r.out() + r.err()).contains("N7"), r.toString());
            HistoryEntry h = history(f, m.id()).get(0);
            assertEquals(HistoryEntry.DRIFT, h.outcome());
            assertEquals("{\"direction\":\"forward\",\"missing\":2,\"extra\":1,\"different\":1,\"rows\":13,",
                    h.details().substring(0, h.details().indexOf("\"chunks\"")));
            assertFalse(h.details().contains("99"), "no keys in the history: " + h.details());

            Cli.Result json = f.cliWithRules("verify", m.id(), "--json", "--recheck-delay", "0");
            assertEquals(1, json.code(), json.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) Json.parse(json.out());
            assertEquals("drift", doc.get("outcome"));
            assertEquals(List.of("3", "4"), doc.get("sampleMissing"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theReadNewGatePassesAfterACleanVerifyAndRefusesAfterDrift(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); VerifyFixture v = VerifyFixture.in(db, f.rulesDir())) {
            Migration m = people(f, v, 5);
            assertEquals(0, f.cliWithRules("phase", m.id(), "read-both", "--wait", "0").code());
            Cli.Result none = f.cliWithRules("phase", m.id(), "read-new", "--wait", "0");
            assertEquals(1, none.code(), none.toString());
            assertTrue(none.err().contains("run 'tandem verify " + m.id() + "'"), none.err());

            assertEquals(0, f.cliWithRules("verify", m.id()).code());
            Cli.Result passes = f.cliWithRules("phase", m.id(), "read-new", "--wait", "0");
            assertEquals(0, passes.code(), passes.toString());

            // back (a rollback), drift appears, and the newest verify says so
            assertEquals(0, f.cliWithRules("phase", m.id(), "read-both", "--wait", "0").code());
            v.exec("DELETE FROM " + m.to().sql() + " WHERE id = 2");
            assertEquals(1, f.cliWithRules("verify", m.id(), "--recheck-delay", "0").code());
            Cli.Result refused = f.cliWithRules("phase", m.id(), "read-new", "--wait", "0");
            assertEquals(1, refused.code(), refused.toString());
            assertTrue(refused.err().contains("found drift"), refused.err());

            // a clean reverse verify is recorded apart and does not open the gate
            v.exec("DELETE FROM " + m.from().sql() + " WHERE id = 2");
            v.exec("INSERT INTO " + m.to().sql() + " VALUES (2, 'N2')");
            Cli.Result reverse = f.cliWithRules("verify", m.id(), "--reverse", "--recheck-delay", "0");
            assertEquals(1, reverse.code(), reverse.toString());
            assertTrue(reverse.out().contains("against down(" + m.to().sql() + ")"), reverse.out());
            assertEquals(HistoryEntry.VERIFY_REVERSE, history(f, m.id()).get(0).event());
            v.exec("DELETE FROM " + m.to().sql() + " WHERE id = 2");
            assertEquals(0, f.cliWithRules("verify", m.id(), "--reverse").code());
            assertEquals(1, f.cliWithRules("phase", m.id(), "read-new", "--wait", "0").code());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badUsageExitsTwoInOneLine(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); VerifyFixture v = VerifyFixture.in(db, f.rulesDir())) {
            Migration m = people(f, v, 2);
            Cli.Result unknown = f.cliWithRules("verify", "no-such-migration");
            assertEquals(2, unknown.code(), unknown.toString());
            assertOneLine(unknown.err());
            assertTrue(unknown.err().contains("unknown migration 'no-such-migration'"), unknown.err());

            Cli.Result chunk = f.cliWithRules("verify", m.id(), "--chunk", "0");
            assertEquals(2, chunk.code(), chunk.toString());
            assertTrue(chunk.err().contains("--chunk must be from 1 to"), chunk.err());

            Cli.Result noMigration = f.cliWithRules("verify");
            assertEquals(2, noMigration.code(), noMigration.toString());

            Cli.Result unreachable = Cli.run("verify", m.id(), "--url", unreachableUrl(db), "--rules",
                    f.rulesDir().toString());
            assertEquals(2, unreachable.code(), unreachable.toString());
            assertOneLine(unreachable.err());
            assertTrue(unreachable.err().contains("cannot connect"), unreachable.err());

            v.exec("DROP TABLE " + m.to().sql());
            Cli.Result gone = f.cliWithRules("verify", m.id());
            assertEquals(2, gone.code(), gone.toString());
            assertOneLine(gone.err());
            assertTrue(gone.err().contains("cannot read " + m.to().sql()), gone.err());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutControlTablesItSaysRunInit(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db); VerifyFixture v = VerifyFixture.create(db)) {
            Migration m = people(f, v, 2);
            Cli.Result r = f.cli("verify", m.id(), "--rules", v.rulesDir().toString());
            assertEquals(2, r.code(), r.toString());
            assertOneLine(r.err());
            assertTrue(r.err().contains("run 'tandem init' first"), r.err());
        }
    }

    private static String unreachableUrl(TestDatabase db) {
        return switch (db) {
            case H2 -> "jdbc:h2:tcp://127.0.0.1:1/nothing";
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:1/test?connectTimeout=2000";
        };
    }
}
