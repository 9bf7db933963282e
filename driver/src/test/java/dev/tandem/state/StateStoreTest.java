package dev.tandem.state;

import dev.tandem.rules.Phase;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control tables and every statement on them, on H2, PostgreSQL and MariaDB. */
class StateStoreTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void initCreatesTheFourTablesAndIsIdempotent(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.isolated(db); Connection c = f.connect()) {
            StateStore store = Fleet.on(c, null).store();
            assertEquals(Map.of(ControlSchema.STATE, false, ControlSchema.HISTORY, false, ControlSchema.BACKFILL,
                    false, ControlSchema.INSTANCES, false), store.tables(c));
            assertTrue(store.readStates(c).isEmpty(), "no tandem_state: empty, not an error");
            for (String t : ControlSchema.TABLES) {
                assertFalse(store.present(c, t), t);
            }

            Map<String, Boolean> first = store.init(c);
            assertEquals(ControlSchema.TABLES, List.copyOf(first.keySet()));
            assertTrue(first.values().stream().allMatch(b -> b), first.toString());
            Map<String, Boolean> second = store.init(c);
            assertTrue(second.values().stream().noneMatch(b -> b), second.toString());
            for (String t : ControlSchema.TABLES) {
                assertTrue(store.exists(c, t), t);
                assertTrue(store.present(c, t), t);
            }
            assertEquals(Optional.of(Map.of()), store.readStates(c));

            // the backfill table is complete already (a later command writes it)
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO tandem_backfill (migration, direction, state, last_key, high_water,"
                        + " rows_done, rows_total, paused, started_at, updated_at, finished_at) VALUES"
                        + " ('m', 'up', 'running', '[1]', '[99]', 10, 99, FALSE, " + ControlSchema.now(store.dialect())
                        + ", " + ControlSchema.now(store.dialect()) + ", NULL)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void phaseChangesAreCompareAndSetWithTheirHistory(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); Connection c = f.connect()) {
            String m = "m-cas-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            f.track(m);
            StateStore store = Fleet.on(c, null).store();
            assertTrue(store.readState(c, m).isEmpty());

            StoredState v1 = store.setPhase(c, m, 0, Phase.OFF, Phase.WRITE_BOTH, 100, "alice@h", "first", "ok")
                    .orElseThrow();
            assertEquals(1, v1.version());
            assertEquals(Phase.WRITE_BOTH, v1.phase());
            assertEquals("alice@h", v1.changedBy());
            assertEquals("first", v1.reason());
            assertTrue(Duration.between(v1.changedAt(), Instant.now()).abs().getSeconds() < 60, v1.toString());

            assertTrue(store.setPhase(c, m, 0, Phase.OFF, Phase.READ_BOTH, 10, "bob", null, "ok").isEmpty(),
                    "a second insert for the same migration loses");
            StoredState v2 = store.setPhase(c, m, 1, Phase.WRITE_BOTH, Phase.READ_BOTH, 10, "bob", null, "forced")
                    .orElseThrow();
            assertEquals(2, v2.version());
            assertEquals(10, v2.percent());
            assertNull(v2.reason());
            assertTrue(store.setPhase(c, m, 1, Phase.WRITE_BOTH, Phase.OFF, 100, "carol", "late", "ok").isEmpty(),
                    "a change decided on version 1 loses once version 2 is there");
            assertEquals(v2, store.readState(c, m).orElseThrow());
            assertTrue(c.getAutoCommit(), "the connection is left in auto-commit");

            List<HistoryEntry> h = store.history(c, m, 10);
            assertEquals(2, h.size(), "the losers left no history: " + h);
            HistoryEntry newest = h.get(0);
            assertEquals(HistoryEntry.PHASE, newest.event());
            assertEquals("write-both", newest.fromPhase());
            assertEquals("read-both", newest.toPhase());
            assertEquals(10, newest.percent());
            assertEquals("forced", newest.outcome());
            assertEquals("bob", newest.actor());
            assertEquals(v2.changedAt(), newest.occurredAt());
            assertEquals("off", h.get(1).fromPhase());
            assertEquals("first", h.get(1).reason());
            assertTrue(h.get(0).id() > h.get(1).id());
            assertEquals(1, store.history(c, m, 1).size());

            assertEquals("write-both", store.lastEntered(c, m, Phase.WRITE_BOTH).orElseThrow().toPhase());
            assertTrue(store.lastEntered(c, m, Phase.READ_NEW).isEmpty());
            assertTrue(store.latestVerify(c, m).isEmpty());
            store.recordEvent(c, m, HistoryEntry.VERIFY, null, null, null, HistoryEntry.DRIFT, "ci", null,
                    "{\"missing\":1}");
            store.recordEvent(c, m, HistoryEntry.VERIFY, null, null, null, HistoryEntry.CLEAN, "ci", null, "{}");
            HistoryEntry verify = store.latestVerify(c, m).orElseThrow();
            assertEquals(HistoryEntry.CLEAN, verify.outcome());
            assertEquals("{}", verify.details());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentChangesOnOneVersionHaveExactlyOneWinner(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db)) {
            String m = "m-race-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            f.track(m);
            StateStore store;
            try (Connection c = f.connect()) {
                store = Fleet.on(c, null).store();
                store.setPhase(c, m, 0, Phase.OFF, Phase.WRITE_BOTH, 100, "setup", null, "ok").orElseThrow();
            }
            int threads = 6;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    String actor = "op" + i;
                    Callable<Boolean> work = () -> {
                        try (Connection c = f.connect()) {
                            start.await();
                            return store.setPhase(c, m, 1, Phase.WRITE_BOTH, Phase.READ_BOTH, 5, actor, null, "ok")
                                    .isPresent();
                        }
                    };
                    results.add(pool.submit(work));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> r : results) {
                    winners += r.get() ? 1 : 0;
                }
                assertEquals(1, winners);
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = f.connect()) {
                assertEquals(2, store.readState(c, m).orElseThrow().version());
                assertEquals(2, store.history(c, m, 100).size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void heartbeatsUpsertTheInstanceRow(TestDatabase db) throws Exception {
        try (StateFixture f = StateFixture.shared(db); Connection c = f.connect()) {
            String m = "m-hb-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            f.track(m);
            StateStore store = Fleet.on(c, null).store();
            String id = java.util.UUID.randomUUID().toString();
            String json = "{\"" + m + "\":{\"phase\":\"write-both\",\"percent\":100,\"version\":0}}";
            store.heartbeat(c, id, "host-a", 42, json);
            InstanceReport first = find(store.instances(c), id);
            assertEquals("host-a", first.host());
            assertEquals(42L, first.pid());
            assertNotNull(first.startedAt());
            assertEquals(new InstanceReport.Reported("write-both", 100, 0), first.phases().get(m));
            Thread.sleep(20);
            store.heartbeat(c, id, "host-a", 42,
                    "{\"" + m + "\":{\"phase\":\"read-both\",\"percent\":7,\"version\":3}}");
            InstanceReport second = find(store.instances(c), id);
            assertEquals(first.startedAt(), second.startedAt(), "started_at is written once");
            assertTrue(second.heartbeatAt().isAfter(first.heartbeatAt()), first + " then " + second);
            assertEquals(new InstanceReport.Reported("read-both", 7, 3), second.phases().get(m));
            Instant now = store.now(c);
            assertTrue(Duration.between(second.heartbeatAt(), now).abs().getSeconds() < 5, now + " vs " + second);
            assertTrue(Duration.between(now, Instant.now()).abs().getSeconds() < 60,
                    "the database's clock, read as UTC, is close to this host's: " + now);
        }
    }

    private static InstanceReport find(List<InstanceReport> all, String id) {
        return all.stream().filter(i -> i.instanceId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no instance " + id + " in " + all));
    }

    @Test
    void phasesJsonRoundTrips() {
        PhaseSnapshot snapshot = new PhaseSnapshot(Map.of("b", new MigrationState(Phase.READ_NEW, 40),
                "a\"x", new MigrationState(Phase.OFF, 100)), Map.of("b", 7L), 3);
        String json = StateStore.phasesJson(snapshot);
        assertEquals("{\"a\\\"x\":{\"phase\":\"off\",\"percent\":100,\"version\":0},"
                + "\"b\":{\"phase\":\"read-new\",\"percent\":40,\"version\":7}}", json);
        Map<String, InstanceReport.Reported> back = StateStore.parsePhases(json);
        assertEquals(new InstanceReport.Reported("read-new", 40, 7), back.get("b"));
        assertEquals(new InstanceReport.Reported("off", 100, 0), back.get("a\"x"));
        assertEquals(Map.of(), StateStore.parsePhases("not json"));
        assertEquals(Map.of(), StateStore.parsePhases(null));
    }
}
