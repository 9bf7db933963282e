package dev.tandem.verify;

import dev.tandem.rules.Migration;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Verify} on real databases: clean after a correct copy, exact counts and sample keys of each kind of drift
 * (NULL against a value, numeric scale, timestamp precision, text case and whitespace), composite keys, chunk
 * boundaries (chunks of 1, 2, 3 rows), {@code --reverse}, and the recheck.
 */
class VerifyTest {
    private static final int[] CHUNKS = {1, 2, 3, 7, 1000};

    /** person(id, first_name, last_name, amount, seen, note) into people(id, full_name, amount, seen, note). */
    private static final class People {
        final String from;
        final String to;
        final Migration migration;

        People(VerifyFixture f, int rows) throws SQLException {
            from = f.table("person");
            to = f.table("people");
            f.exec("CREATE TABLE " + from + " (id INT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40),"
                            + " amount DECIMAL(10,2), seen " + f.timestamp(6) + ", note VARCHAR(40))",
                    "CREATE TABLE " + to + " (id BIGINT PRIMARY KEY, full_name VARCHAR(100), amount DECIMAL(12,4),"
                            + " seen " + f.timestamp(3) + ", note VARCHAR(40))");
            try (PreparedStatement ps = f.raw.prepareStatement("INSERT INTO " + from
                    + " (id, first_name, last_name, amount, seen, note) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "f" + i);
                    ps.setString(3, "l" + i);
                    ps.setBigDecimal(4, new BigDecimal(i + ".25"));
                    // .123789: PostgreSQL and H2 round it to .124 in TIMESTAMP(3), MariaDB truncates to .123
                    ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_789_000)
                            .plusSeconds(i)));
                    ps.setString(6, i % 5 == 0 ? null : "n" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            f.exec("INSERT INTO " + to + " (id, full_name, amount, seen, note) SELECT id,"
                    + " CONCAT(first_name, ' ', last_name), amount, seen, note FROM " + from);
            String id = "vf-" + from;
            migration = f.tableLevel(id, from, "id", to, "id",
                    "  id: id\n  full_name: \"CONCAT(first_name, ' ', last_name)\"\n  amount: amount\n"
                            + "  seen: seen\n  note: note\n",
                    "  first_name: \"full_name\"\n  last_name: \"full_name\"\n  amount: amount\n  seen: seen\n"
                            + "  note: note\n");
        }
    }

    private static VerifyReport verify(VerifyFixture f, Migration m, int chunk) throws Exception {
        return Verify.of(f.raw, f.dialect(), m).chunkSize(chunk).recheckDelay(Duration.ZERO).run();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cleanAfterACorrectCopyWhateverTheChunkSize(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            People p = new People(f, 20);
            for (int chunk : CHUNKS) {
                VerifyReport r = verify(f, p.migration, chunk);
                assertTrue(r.clean(), "chunk " + chunk + ": " + r);
                assertEquals(20, r.rowsCompared(), "chunk " + chunk);
                assertEquals(0, r.rechecked(), "chunk " + chunk);
                assertEquals(p.from, r.source());
                assertEquals(p.to, r.target());
                assertTrue(r.chunks() >= (20 + chunk - 1) / chunk, r.toString());
            }
            assertTrue(f.raw.getAutoCommit(), "the connection's auto-commit is restored");

            List<Verify.Progress> progress = new java.util.ArrayList<>();
            VerifyReport r = Verify.of(f.raw, f.dialect(), p.migration).chunkSize(6).progress(Duration.ZERO,
                    progress::add).run();
            assertEquals(r.chunks(), progress.size(), "a progress report after every chunk when asked");
            assertEquals(20, progress.get(progress.size() - 1).rowsCompared());
            assertTrue(progress.get(0).toString().startsWith("verify " + p.migration.id() + ": 6 rows compared in 1"
                    + " chunks ("), progress.get(0).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void countsEachKindOfDriftWithSampleKeys(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            People p = new People(f, 20);
            f.exec("DELETE FROM " + p.to + " WHERE id IN (6, 20)",
                    "INSERT INTO " + p.to + " (id, full_name) VALUES (0, 'x'), (21, 'y'), (25, 'z')",
                    "UPDATE " + p.to + " SET note = NULL WHERE id = 2",                 // NULL against a value
                    "UPDATE " + p.to + " SET note = 'x' WHERE id = 5",                  // a value against NULL
                    "UPDATE " + p.to + " SET amount = amount + 0.0001 WHERE id = 9",    // 9.2501 is not 9.25
                    "UPDATE " + p.to + " SET amount = 3.2500 WHERE id = 3",             // the same number: equal
                    "UPDATE " + p.to + " SET seen = seen + INTERVAL '1' SECOND WHERE id = 12",
                    "UPDATE " + p.to + " SET full_name = UPPER(full_name) WHERE id = 14",  // case counts
                    "UPDATE " + p.to + " SET full_name = CONCAT(full_name, ' ') WHERE id = 17"); // so do spaces
            for (int chunk : CHUNKS) {
                VerifyReport r = verify(f, p.migration, chunk);
                String at = "chunk " + chunk + ": " + r;
                assertFalse(r.clean(), at);
                assertEquals(2, r.missing(), at);
                assertEquals(3, r.extra(), at);
                assertEquals(6, r.different(), at);
                assertEquals(List.of("6", "20"), r.sampleMissing(), at);
                assertEquals(List.of("0", "21", "25"), r.sampleExtra(), at);
                assertEquals(List.of("2", "5", "9", "12", "14", "17"), r.sampleDifferent(), at);
                assertEquals(23, r.rowsCompared(), at);
                assertEquals(11, r.rechecked(), at);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void atMostTenSampleKeysButEveryKeyCounted(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            People p = new People(f, 30);
            f.exec("DELETE FROM " + p.to + " WHERE id > 5");
            VerifyReport r = verify(f, p.migration, 4);
            assertEquals(25, r.missing(), r.toString());
            assertEquals(List.of("6", "7", "8", "9", "10", "11", "12", "13", "14", "15"), r.sampleMissing());
            f.exec("DELETE FROM " + p.to);
            VerifyReport empty = verify(f, p.migration, 7);
            assertEquals(30, empty.missing(), empty.toString());
            f.exec("DELETE FROM " + p.from, "INSERT INTO " + p.to + " (id) VALUES (1), (2), (3), (4), (5)");
            VerifyReport onlyExtra = verify(f, p.migration, 2);
            assertEquals(5, onlyExtra.extra(), onlyExtra.toString());
            assertEquals(0, onlyExtra.missing() + onlyExtra.different());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void compositeKeys(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            String from = f.table("orders");
            String to = f.table("orders_new");
            f.exec("CREATE TABLE " + from + " (tenant INT NOT NULL, id INT NOT NULL, name VARCHAR(20),"
                            + " PRIMARY KEY (tenant, id))",
                    "CREATE TABLE " + to + " (org INT NOT NULL, id INT NOT NULL, name_up VARCHAR(20),"
                            + " PRIMARY KEY (org, id))");
            for (int t = 1; t <= 3; t++) {
                for (int i = 1; i <= 4; i++) {
                    f.exec("INSERT INTO " + from + " VALUES (" + t + ", " + i + ", 'n" + t + i + "')");
                }
            }
            f.exec("INSERT INTO " + to + " SELECT tenant, id, UPPER(name) FROM " + from);
            Migration m = f.tableLevel("vf-" + from, from, "tenant, id", to, "org, id",
                    "  org: tenant\n  id: id\n  name_up: \"UPPER(name)\"\n", "  name: \"LOWER(name_up)\"\n");
            for (int chunk : CHUNKS) {
                assertTrue(verify(f, m, chunk).clean(), "chunk " + chunk);
            }
            f.exec("DELETE FROM " + to + " WHERE org = 2 AND id = 3",
                    "INSERT INTO " + to + " VALUES (3, 9, 'X'), (0, 1, 'Y')",
                    "UPDATE " + to + " SET name_up = 'n14' WHERE org = 1 AND id = 4");
            for (int chunk : CHUNKS) {
                VerifyReport r = verify(f, m, chunk);
                String at = "chunk " + chunk + ": " + r;
                assertEquals(List.of("(2, 3)"), r.sampleMissing(), at);
                assertEquals(List.of("(0, 1)", "(3, 9)"), r.sampleExtra(), at);
                assertEquals(List.of("(1, 4)"), r.sampleDifferent(), at);
                assertEquals(14, r.rowsCompared(), at);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reverseComparesFromWithDownOfTo(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            String users = f.table("users");
            f.exec("CREATE TABLE " + users + " (id INT PRIMARY KEY, name VARCHAR(40), full_name VARCHAR(40))",
                    "INSERT INTO " + users + " VALUES (1, 'ann', 'ANN'), (2, 'Bob', 'BOB'), (3, 'cy', 'CY'),"
                            + " (4, NULL, NULL)");
            Migration m = f.rules("vf-" + users, "migration: vf-" + users + "\n"
                    + "from: { table: " + users + ", key: [id] }\n"
                    + "to:   { table: " + users + ", key: [id] }\n"
                    + "up:\n  full_name: \"UPPER(name)\"\n"
                    + "down:\n  name: \"LOWER(full_name)\"\n");
            for (int chunk : CHUNKS) {
                assertTrue(verify(f, m, chunk).clean(), "forward, chunk " + chunk);
                VerifyReport r = Verify.of(f.raw, f.dialect(), m).reverse(true).chunkSize(chunk)
                        .recheckDelay(Duration.ZERO).run();
                assertTrue(r.reverse());
                assertEquals(0, r.missing() + r.extra(), r.toString());
                assertEquals(List.of("2"), r.sampleDifferent(), "reverse, chunk " + chunk + ": " + r);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reverseOfATableLevelMigration(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            String from = f.table("person");
            String to = f.table("people");
            f.exec("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(40))",
                    "CREATE TABLE " + to + " (pid INT PRIMARY KEY, full_name VARCHAR(40))",
                    "INSERT INTO " + from + " VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                    "INSERT INTO " + to + " VALUES (1, 'A'), (2, 'B'), (4, 'D')");
            Migration m = f.tableLevel("vf-" + from, from, "id", to, "pid",
                    "  pid: id\n  full_name: \"UPPER(name)\"\n", "  name: \"LOWER(full_name)\"\n");
            VerifyReport forward = verify(f, m, 2);
            assertEquals(List.of("3"), forward.sampleMissing(), forward.toString());
            assertEquals(List.of("4"), forward.sampleExtra(), forward.toString());
            VerifyReport reverse = Verify.of(f.raw, f.dialect(), m).reverse(true).chunkSize(2)
                    .recheckDelay(Duration.ZERO).run();
            // reversed, to is the source: its row 4 is missing from person, person's row 3 is extra
            assertEquals(List.of("4"), reverse.sampleMissing(), reverse.toString());
            assertEquals(List.of("3"), reverse.sampleExtra(), reverse.toString());
            assertEquals(to, reverse.source());
            assertEquals(from, reverse.target());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aKeyRepairedBeforeTheRecheckIsNotDrift(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            People p = new People(f, 10);
            f.exec("DELETE FROM " + p.to + " WHERE id = 4", "UPDATE " + p.to + " SET note = 'late' WHERE id = 7");
            VerifyReport repaired = Verify.of(f.raw, f.dialect(), p.migration).chunkSize(3)
                    .recheckDelay(Duration.ofMillis(50))
                    .beforeRecheck(() -> {
                        try (var c = f.db.connect(); var s = c.createStatement()) {
                            // what a write in flight would have completed between the two reads
                            s.execute("INSERT INTO " + p.to + " (id, full_name, amount, seen, note) SELECT id,"
                                    + " CONCAT(first_name, ' ', last_name), amount, seen, note FROM " + p.from
                                    + " WHERE id = 4");
                            s.execute("UPDATE " + p.to + " SET note = 'n7' WHERE id = 7");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).run();
            assertTrue(repaired.clean(), repaired.toString());
            assertEquals(2, repaired.rechecked());

            f.exec("DELETE FROM " + p.to + " WHERE id = 4");
            VerifyReport still = Verify.of(f.raw, f.dialect(), p.migration).chunkSize(3)
                    .recheckDelay(Duration.ofMillis(50)).run();
            assertEquals(1, still.missing(), still.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cleanWhileTheApplicationWritesThroughTheMirror(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            String from = f.table("person");
            String to = f.table("people");
            f.exec("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(40))",
                    "CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(40))");
            for (int t = 0; t < 3; t++) {
                StringBuilder sb = new StringBuilder("INSERT INTO " + from + " VALUES ");
                for (int i = 0; i < 300; i++) {
                    sb.append(i == 0 ? "" : ", ").append("(").append(t * 100_000 + i).append(", 'n").append(i)
                            .append("')");
                }
                f.exec(sb.toString());
            }
            f.exec("INSERT INTO " + to + " SELECT id, UPPER(name) FROM " + from);
            Migration m = f.tableLevel("vf-" + from, from, "id", to, "id", "  id: id\n  full_name: \"UPPER(name)\"\n",
                    "  name: \"LOWER(full_name)\"\n");
            java.util.Properties p = db.properties();
            p.setProperty("tandem.rules", f.rulesDir().toString());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> writers = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
            for (int t = 0; t < 3; t++) {
                int owner = t;
                Thread w = new Thread(() -> {
                    java.util.Random random = new java.util.Random(owner);
                    int next = 300;
                    try (var c = java.sql.DriverManager.getConnection(db.tandemUrl(), p)) {
                        for (int op = 0; op < 20_000 && !stop.get(); op++) {
                            int id = owner * 100_000 + random.nextInt(next);
                            int dice = random.nextInt(3);
                            String sql = dice == 0 ? "INSERT INTO " + from + " VALUES (?, ?)"
                                    : dice == 1 ? "UPDATE " + from + " SET name = ? WHERE id = ?"
                                    : "DELETE FROM " + from + " WHERE id = ?";
                            try (PreparedStatement ps = c.prepareStatement(sql)) {
                                if (dice == 0) {
                                    ps.setInt(1, owner * 100_000 + next++);
                                    ps.setString(2, "new" + op);
                                } else if (dice == 1) {
                                    ps.setString(1, "u" + op);
                                    ps.setInt(2, id);
                                } else {
                                    ps.setInt(1, id);
                                }
                                ps.executeUpdate();
                                writes.incrementAndGet();
                            }
                        }
                    } catch (SQLException | RuntimeException e) {
                        failures.add(e.toString());
                    }
                });
                w.start();
                writers.add(w);
            }
            List<VerifyReport> during = new java.util.ArrayList<>();
            try {
                // at least 3 verifies, and on until the writers have written a while (bounded by count)
                for (int i = 0; i < 3 || (writes.get() < 600 && failures.isEmpty() && i < 500); i++) {
                    during.add(Verify.of(f.raw, f.dialect(), m).chunkSize(50).recheckDelay(Duration.ofMillis(20))
                            .run());
                }
            } finally {
                stop.set(true);
                for (Thread w : writers) {
                    w.join();
                }
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertTrue(writes.get() >= 600, writes.get() + " writes");
            for (VerifyReport r : during) {
                assertTrue(r.clean(), r + " (" + writes.get() + " writes)");
            }
            VerifyReport after = verify(f, m, 50);
            assertTrue(after.clean(), after.toString());
            assertEquals(f.count("SELECT COUNT(*) FROM " + from), after.rowsCompared());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMissingTableIsAClearError(TestDatabase db) throws Exception {
        try (VerifyFixture f = VerifyFixture.create(db)) {
            People p = new People(f, 3);
            f.exec("DROP TABLE " + p.to);
            VerifyException e = assertThrows(VerifyException.class, () -> verify(f, p.migration, 10));
            assertTrue(e.getMessage().startsWith("cannot read " + p.to + ": "), e.getMessage());
            assertTrue(f.raw.getAutoCommit(), "the connection's auto-commit is restored");
        }
    }
}
