package dev.tandem.state;

import dev.tandem.rules.Phase;
import dev.tandem.sql.Dialect;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control tables made by an earlier version (no {@code handover} column in {@code tandem_state}) are read as before,
 * a key handover on them asks for {@code tandem init}, and {@code tandem init} adds the column without touching the
 * rows.
 */
class ControlTablesUpgradeTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void initAddsTheHandoverColumnToTablesOfAnEarlierVersion(TestDatabase db) throws Exception {
        try (StateFixture fixture = StateFixture.isolated(db); Connection c = fixture.connect()) {
            Dialect dialect = Fleet.on(c, null).dialect();
            try (Statement s = c.createStatement()) {
                for (String table : ControlSchema.TABLES) {
                    for (String ddl : ControlSchema.ddl(dialect, table)) {
                        String old = ddl.replace(", " + ControlSchema.HANDOVER + " VARCHAR(32))", ")");
                        if (table.equals(ControlSchema.STATE)) {
                            assertFalse(old.equals(ddl), () -> "the state table's DDL has the column: " + ddl);
                        }
                        s.execute(old);
                    }
                }
            }
            StateStore store = new StateStore(dialect);
            assertFalse(store.hasColumn(c, ControlSchema.STATE, ControlSchema.HANDOVER));
            StoredState row = store.setPhase(c, "m-upgrade", 0, null, Phase.WRITE_BOTH, 100, "test", null,
                    HistoryEntry.OK).orElseThrow();
            assertNull(row.handover());
            assertEquals(Phase.WRITE_BOTH, store.readStates(c).orElseThrow().get("m-upgrade").phase());

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> store.setHandover(c, "m-upgrade", row.version(), Fleet.KEYS, "test", null));
            assertTrue(refused.getMessage().contains("run 'tandem init'"), refused.getMessage());

            StateStore fresh = new StateStore(dialect);
            fresh.init(c);
            assertTrue(fresh.hasColumn(c, ControlSchema.STATE, ControlSchema.HANDOVER));
            StoredState kept = fresh.readState(c, "m-upgrade").orElseThrow();
            assertEquals(row.version(), kept.version());
            assertEquals(Phase.WRITE_BOTH, kept.phase());
            StoredState marked = fresh.setHandover(c, "m-upgrade", kept.version(), Fleet.KEYS, "test", null)
                    .orElseThrow();
            assertEquals(Fleet.KEYS, marked.handover());
            assertEquals(kept.version() + 1, marked.version());
            assertTrue(marked.state().keyHandover());
            fresh.init(c); // again: nothing to add
            assertEquals(Fleet.KEYS, fresh.readState(c, "m-upgrade").orElseThrow().handover());
        }
    }
}
