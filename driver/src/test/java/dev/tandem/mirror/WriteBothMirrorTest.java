package dev.tandem.mirror;

import static dev.tandem.mirror.MirrorFixture.EMAIL_MIGRATION;
import static dev.tandem.mirror.MirrorFixture.NAME_MIGRATION;
import static dev.tandem.mirror.MirrorFixture.PERSON_MIGRATION;
import static dev.tandem.mirror.MirrorFixture.assertSameIds;
import static dev.tandem.mirror.MirrorFixture.longs;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.jdbc.TandemConnection;
import dev.tandem.testing.TestDatabase;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Phase write-both on real databases: every write the application sends to {@code from} runs as sent and is mirrored
 * into {@code to}, so that {@code to} equals {@code up(from)} afterwards. Checked after each case with queries on the
 * raw connection only ({@link MirrorFixture#assertNoDrift()}).
 */
class WriteBothMirrorTest {

    /** Statements run once through Tandem on the migrated table and once through the raw driver on its copy. */
    @FunctionalInterface
    interface Ops<R> {
        R run(Connection c, String table) throws SQLException;
    }

    private static boolean throughTandem(Connection c) {
        return c instanceof TandemConnection;
    }

    // ============================================================================================ single-row INSERT

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertWithLiteralValuesThroughStatement(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            assertEquals(1, s.executeUpdate("INSERT INTO " + f.person
                    + " (id, first_name, last_name, email, amount, born, seen, active, bio, photo) VALUES (1001, 'Ada',"
                    + " 'O''Lovelace', 'ada@example.org', 12.50, DATE '1815-12-10',"
                    + " TIMESTAMP '2024-01-02 03:04:05.123456', TRUE, 'Analytical engine', "
                    + f.bytesLiteral("DEADBEEF") + ")"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("Ada O'Lovelace", f.row(f.people, 1001).get("full_name"));
            assertEquals("0xdeadbeef", f.row(f.people, 1001).get("photo"));
            assertTrue(f.mirroredRows(PERSON_MIGRATION) >= 1, "the mirror ran");
        }
    }

    /**
     * An INSERT whose key {@code to} already holds (a stale row: written before, or left by a rolled-back backfill) is
     * still mirrored, in a transaction that goes on. On MariaDB, when {@code to}'s key is its only unique key, the
     * upsert is one INSERT ... ON DUPLICATE KEY UPDATE; with another unique key, the mirror of an INSERT first tries a
     * plain insert (no gap lock on {@code to}) and falls back to update-then-insert on the duplicate key.
     */
    @ParameterizedTest
    @MethodSource("databasesWithAndWithoutAnotherUniqueKey")
    void insertWhoseKeyTheNewStructureHoldsAlreadyOverwritesTheStaleRow(TestDatabase db, boolean anotherUniqueKey)
            throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            if (anotherUniqueKey) {
                try (Statement raw = f.raw.createStatement()) {
                    raw.execute("CREATE UNIQUE INDEX " + f.people + "_email ON " + f.people + " (email)");
                }
                f.reopen();
            }
            try (Statement raw = f.raw.createStatement()) {
                raw.executeUpdate("INSERT INTO " + f.people + " (id, full_name, email) VALUES (2001, 'stale row',"
                        + " 'stale@x')");
            }
            f.app.setAutoCommit(false);
            try (PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                    + " (id, first_name, last_name, email) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, 2001);
                ps.setString(2, "Fresh");
                ps.setString(3, "Row");
                ps.setString(4, "fresh@x");
                assertEquals(1, ps.executeUpdate());
                ps.setLong(1, 2002);
                ps.setString(4, "next@x");
                assertEquals(1, ps.executeUpdate());
            }
            f.app.commit();
            f.app.setAutoCommit(true);
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("Fresh Row", f.row(f.people, 2001).get("full_name"));
            assertEquals("next@x", f.row(f.people, 2002).get("email"));
        }
    }

    static Stream<Arguments> databasesWithAndWithoutAnotherUniqueKey() {
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            out.add(Arguments.of(db, false));
            out.add(Arguments.of(db, true));
        }
        return out.stream();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertWithExplicitKeyThroughPreparedStatement(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db);
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                     + " (id, first_name, last_name, email, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 3; i++) {
                ps.setLong(1, 1001 + i);
                ps.setString(2, "First" + i);
                ps.setString(3, "Last" + i);
                ps.setString(4, "p" + i + "@example.org");
                ps.setBigDecimal(5, new BigDecimal("1.5").multiply(BigDecimal.valueOf(i)));
                assertEquals(1, i == 2 ? ps.executeLargeUpdate() : ps.executeUpdate());
            }
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(1L, 2L, 3L, 1001L, 1002L, 1003L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertWithGeneratedKeyThroughStatement(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            assertEquals(1, s.executeUpdate("INSERT INTO " + f.person + " (first_name, last_name, email, amount)"
                    + " VALUES ('Dee', 'Dunn', 'dee@example.org', 7.25)"));
            assertFalse(s.execute("INSERT INTO " + f.person + " (first_name, last_name, email)"
                    + " VALUES ('Eli', 'Ek', 'eli@example.org')"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(5, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertWithGeneratedKeyThroughPreparedStatement(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db);
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                     + " (first_name, last_name, email, born) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < 2; i++) {
                ps.setString(1, "Gen" + i);
                ps.setString(2, "Key" + i);
                ps.setString(3, "gen" + i + "@example.org");
                ps.setDate(4, Date.valueOf("2001-0" + (i + 1) + "-15"));
                if (i == 0) {
                    assertEquals(1, ps.executeUpdate());
                } else {
                    assertFalse(ps.execute());
                    assertEquals(1, ps.getUpdateCount());
                }
            }
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(5, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnDefaultAndTriggerValuesReachTo(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person + " (first_name, email)"
                     + " VALUES (?, ?)")) {
            List<Long> before = f.ids(f.person);
            s.executeUpdate("INSERT INTO " + f.person + " (first_name, email) VALUES ('Eve', 'Eve.Mixed@Example.COM')");
            ps.setString(1, "Fay");
            ps.setString(2, "FAY@EXAMPLE.ORG");
            ps.executeUpdate();
            s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (1001, 'Gus', 'GUS@x.org')");
            List<Long> added = new ArrayList<>(f.ids(f.person));
            added.removeAll(before);
            assertEquals(3, added.size(), "rows inserted: " + added);

            f.assertNoDrift();
            f.assertMirrorClean();
            Map<String, Object> eve = f.row(f.people, added.get(0));
            Map<String, Object> fay = f.row(f.people, added.get(1));
            Map<String, Object> gus = f.row(f.people, 1001);
            assertNotNull(eve, "Eve's row reached " + f.people);
            assertNotNull(fay, "Fay's row reached " + f.people);
            assertNotNull(gus, "Gus's row reached " + f.people);
            assertEquals("Eve Doe", eve.get("full_name"), "the column default reached to");
            assertEquals("eve.mixed@example.com", eve.get("email"), "the trigger's value reached to");
            assertEquals("Fay Doe", fay.get("full_name"));
            assertEquals("fay@example.org", fay.get("email"));
            assertEquals("Gus Doe", gus.get("full_name"));
            assertEquals("gus@x.org", gus.get("email"));
        }
    }

    // ============================================================================================ application's keys

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void applicationGetsGeneratedKeysFromPrepareStatementReturnGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            assertApplicationKeys(f, (c, t) -> {
                List<Long> keys = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    for (int i = 0; i < 2; i++) {
                        ps.setString(1, "Key" + i);
                        ps.setString(2, "key" + i + "@example.org");
                        assertEquals(1, ps.executeUpdate());
                        ResultSet rs = ps.getGeneratedKeys();
                        if (throughTandem(c)) {
                            assertSame(ps, rs.getStatement(), "getGeneratedKeys().getStatement()");
                        }
                        keys.addAll(longs(rs));
                    }
                }
                return keys;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void applicationGetsGeneratedKeysFromPrepareStatementWithColumnNames(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            assertApplicationKeys(f, (c, t) -> {
                List<Long> keys = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)", new String[]{"id"})) {
                    for (int i = 0; i < 2; i++) {
                        ps.setString(1, "Named" + i);
                        ps.setString(2, "named" + i + "@example.org");
                        assertEquals(1, ps.executeUpdate());
                        ResultSet rs = ps.getGeneratedKeys();
                        if (throughTandem(c)) {
                            assertSame(ps, rs.getStatement(), "getGeneratedKeys().getStatement()");
                        }
                        keys.addAll(longs(rs));
                    }
                }
                return keys;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void applicationGetsGeneratedKeysFromStatementExecuteUpdate(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            assertApplicationKeys(f, (c, t) -> {
                List<Long> keys = new ArrayList<>();
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 2; i++) {
                        assertEquals(1, s.executeUpdate("INSERT INTO " + t + " (first_name, email) VALUES ('Stmt" + i
                                + "', 'stmt" + i + "@example.org')", Statement.RETURN_GENERATED_KEYS));
                        ResultSet rs = s.getGeneratedKeys();
                        if (throughTandem(c)) {
                            assertSame(s, rs.getStatement(), "getGeneratedKeys().getStatement()");
                        }
                        keys.addAll(longs(rs));
                    }
                }
                return keys;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void applicationGetsGeneratedKeysFromPrepareStatementWithColumnIndexes(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            if (db == TestDatabase.POSTGRESQL) {
                // PgJDBC refuses keys by column index; through Tandem it must refuse the same way
                String sql = "INSERT INTO %s (first_name, email) VALUES ('Idx', 'idx@example.org')";
                SQLException expected = assertThrows(SQLException.class,
                        () -> f.raw.prepareStatement(sql.formatted(f.personCopy), new int[]{1}).close());
                SQLException actual = assertThrows(SQLException.class,
                        () -> f.app.prepareStatement(sql.formatted(f.person), new int[]{1}).close());
                assertEquals(expected.getSQLState(), actual.getSQLState());
                f.assertNoDrift();
                return;
            }
            assertApplicationKeys(f, (c, t) -> {
                List<Long> keys = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)", new int[]{1})) {
                    ps.setString(1, "Idx");
                    ps.setString(2, "idx@example.org");
                    assertEquals(1, ps.executeUpdate());
                    ResultSet rs = ps.getGeneratedKeys();
                    if (throughTandem(c)) {
                        assertSame(ps, rs.getStatement(), "getGeneratedKeys().getStatement()");
                    }
                    keys.addAll(longs(rs));
                }
                return keys;
            });
        }
    }

    /**
     * Runs {@code ops} on the copy with the raw driver, then through Tandem on the migrated table: the same results
     * (update counts), the same table contents, no drift, every write mirrored.
     */
    private static void assertLikeRawDriver(MirrorFixture f, Ops<int[]> ops) throws SQLException {
        String from = f.person != null ? f.person : f.users;
        String copy = f.person != null ? f.personCopy : f.usersCopy;
        int[] expected = ops.run(f.raw, copy);
        int[] actual = ops.run(f.app, from);
        assertAll(
                () -> assertEquals(Arrays.toString(expected), Arrays.toString(actual),
                        "update counts through Tandem, against the raw driver's"),
                f::assertSameAsCopy, f::assertNoDrift, f::assertMirrorClean);
    }

    /**
     * Runs {@code ops} on the copy with the raw driver, then through Tandem: the application gets the keys the raw
     * driver gives (the tables' key sequences are in step), those are the rows it inserted, and to mirrors them.
     */
    private static void assertApplicationKeys(MirrorFixture f, Ops<List<Long>> ops) throws SQLException {
        List<Long> rawKeys = ops.run(f.raw, f.personCopy);
        List<Long> before = f.ids(f.person);
        List<Long> keys = ops.run(f.app, f.person);
        List<Long> added = new ArrayList<>(f.ids(f.person));
        added.removeAll(before);
        assertAll(
                () -> assertEquals(rawKeys, keys,
                        "the generated keys the application got through Tandem, against the raw driver's"),
                () -> assertFalse(keys.isEmpty(), "the application got generated keys"),
                () -> assertTrue(added.containsAll(keys), "every generated key is a row inserted: " + keys + " vs "
                        + added),
                () -> {
                    if (rawKeys.size() == added.size()) {
                        assertSameIds(added, keys,
                                "the generated keys are the rows inserted (SELECT id on the raw connection)");
                    }
                },
                f::assertSameAsCopy, f::assertNoDrift, f::assertMirrorClean);
    }

    // ============================================================================================ multi-row INSERT

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void multiRowInsertWithExplicitKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                     + " (id, first_name, email) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)")) {
            assertEquals(3, s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, last_name, email) VALUES"
                    + " (1001, 'A', 'Aa', 'a@example.org'), (1002, 'B', 'Bb', 'B@example.org'),"
                    + " (1003, 'C', NULL, 'c@example.org')"));
            for (int row = 0; row < 3; row++) {
                ps.setLong(row * 3 + 1, 1101 + row);
                ps.setString(row * 3 + 2, "P" + row);
                ps.setString(row * 3 + 3, "P" + row + "@example.org");
            }
            assertEquals(3, ps.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(1L, 2L, 3L, 1001L, 1002L, 1003L, 1101L, 1102L, 1103L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void multiRowInsertWithGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (Statement s = c.createStatement();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO " + t
                             + " (first_name, email) VALUES (?, ?), (?, ?)")) {
                    int first = s.executeUpdate("INSERT INTO " + t + " (first_name, email) VALUES"
                            + " ('G1', 'g1@example.org'), ('G2', 'G2@example.org'), ('G3', NULL)");
                    ps.setString(1, "H1");
                    ps.setString(2, "h1@example.org");
                    ps.setString(3, "H2");
                    ps.setString(4, "h2@example.org");
                    int second = ps.executeUpdate();
                    return new int[]{first, second};
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(8, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void multiRowInsertWithGeneratedKeysTheApplicationAsksFor(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            assertApplicationKeys(f, (c, t) -> {
                try (Statement s = c.createStatement()) {
                    assertEquals(3, s.executeUpdate("INSERT INTO " + t + " (first_name, email) VALUES"
                            + " ('M1', 'm1@example.org'), ('M2', 'm2@example.org'), ('M3', 'm3@example.org')",
                            Statement.RETURN_GENERATED_KEYS));
                    return longs(s.getGeneratedKeys());
                }
            });
            assertEquals(6, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void multiRowInsertMixingExplicitAndGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (Statement s = c.createStatement();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, first_name, email) VALUES"
                             + " (DEFAULT, ?, ?), (?, ?, ?), (DEFAULT, ?, ?)")) {
                    int first = s.executeUpdate("INSERT INTO " + t + " (id, first_name, email) VALUES"
                            + " (DEFAULT, 'Mx1', 'mx1@x.org'), (5001, 'Mx2', 'mx2@x.org'), (DEFAULT, 'Mx3', 'mx3@x.org')");
                    ps.setString(1, "Mx4");
                    ps.setString(2, "mx4@x.org");
                    ps.setLong(3, 5101);
                    ps.setString(4, "Mx5");
                    ps.setString(5, "mx5@x.org");
                    ps.setString(6, "Mx6");
                    ps.setString(7, "mx6@x.org");
                    return new int[]{first, ps.executeUpdate()};
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(9, f.count(f.people));
        }
    }

    // ============================================================================================ INSERT ... SELECT

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertSelectWithExplicitKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                     + " (id, first_name, last_name, email) SELECT id + 100 AS id, first_name, last_name, NULL FROM "
                     + f.src + " WHERE id = ?")) {
            f.seedSrc();
            assertEquals(2, s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, last_name, email)"
                    + " SELECT id, first_name, last_name, email FROM " + f.src + " WHERE id IN (2001, 2002)"));
            ps.setLong(1, 2003);
            assertEquals(1, ps.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(1L, 2L, 3L, 2001L, 2002L, 2103L), f.ids(f.people));
            assertEquals("yan@example.com", f.row(f.people, 2002).get("email"), "the trigger's value reached to");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertSelectWithGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            f.seedSrc();
            Ops<int[]> ops = (c, t) -> {
                try (Statement s = c.createStatement();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                             + " SELECT first_name, CONCAT('x', email) FROM " + f.src + " WHERE id >= ?")) {
                    int first = s.executeUpdate("INSERT INTO " + t + " (first_name, last_name, email)"
                            + " SELECT first_name, last_name, email FROM " + f.src + " WHERE id IN (2001, 2002)");
                    ps.setLong(1, 2003);
                    return new int[]{first, ps.executeUpdate()};
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(7, f.count(f.people));
        }
    }

    // ============================================================================================ UPDATE

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateByKey(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db);
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person
                     + " SET last_name = ?, amount = ?, email = ? WHERE id = ?")) {
            ps.setString(1, "Changed");
            ps.setBigDecimal(2, new BigDecimal("99.99"));
            ps.setString(3, "ANN.CHANGED@example.com");
            ps.setLong(4, 1);
            assertEquals(1, ps.executeUpdate());
            ps.setString(1, "Other");
            ps.setNull(2, Types.DECIMAL);
            ps.setString(3, "bob@example.com");
            ps.setLong(4, 2);
            assertEquals(1, ps.executeUpdate());
            ps.setLong(4, 999); // no such row
            assertEquals(0, ps.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("Ann Changed", f.row(f.people, 1).get("full_name"));
            assertEquals("ann.changed@example.com", f.row(f.people, 1).get("email"));
            assertNull(f.row(f.people, 999));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateByNonKeyPredicate(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person
                     + " SET amount = ?, active = ? WHERE email LIKE ?")) {
            assertEquals(2, s.executeUpdate("UPDATE " + f.person + " SET bio = 'touched', first_name = 'Renamed'"
                    + " WHERE first_name IN ('Ann', 'Cy')"));
            ps.setBigDecimal(1, new BigDecimal("5.5"));
            ps.setBoolean(2, true);
            ps.setString(3, "%example.com");
            assertEquals(3, ps.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("Renamed Jones", f.row(f.people, 3).get("full_name"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateWhereOnTheColumnBeingChanged(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person
                     + " SET first_name = ? WHERE first_name = ?")) {
            assertEquals(1, s.executeUpdate("UPDATE " + f.person + " SET last_name = 'X' WHERE last_name = 'Doe'"));
            ps.setString(1, "Annabel");
            ps.setString(2, "Ann");
            assertEquals(1, ps.executeUpdate());
            assertEquals(1, s.executeUpdate("UPDATE " + f.person + " SET amount = amount * 2 WHERE amount > 5"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("Bob X", f.row(f.people, 2).get("full_name"));
            assertEquals("Annabel Smith", f.row(f.people, 1).get("full_name"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateChangingTheKey(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person + " SET id = ? WHERE id = ?")) {
            ps.setLong(1, 4001);
            ps.setLong(2, 1);
            assertEquals(1, ps.executeUpdate());
            assertEquals(1, s.executeUpdate("UPDATE " + f.person + " SET id = 4002, last_name = 'Moved' WHERE id = 2"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(3L, 4001L, 4002L), f.ids(f.people));
            assertEquals("Bob Moved", f.row(f.people, 4002).get("full_name"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateJoiningAnotherTable(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            f.seedSrc();
            if (db == TestDatabase.POSTGRESQL) {
                assertEquals(2, s.executeUpdate("UPDATE " + f.person + " p SET last_name = s.last_name, amount = 1"
                        + " FROM " + f.src + " s WHERE s.email = p.email"));
            }
            if (db == TestDatabase.MARIADB) {
                assertEquals(2, s.executeUpdate("UPDATE " + f.person + " p JOIN " + f.src + " s ON s.email = p.email"
                        + " SET p.last_name = s.last_name, p.amount = 1"));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
            if (db != TestDatabase.H2) {
                assertEquals("Ann Joined", f.row(f.people, 1).get("full_name"));
                assertEquals("Bob Joined", f.row(f.people, 2).get("full_name"));
            }
        }
    }

    // ============================================================================================ DELETE

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteByKey(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("DELETE FROM " + f.person + " WHERE id = ?")) {
            ps.setLong(1, 1);
            assertEquals(1, ps.executeUpdate());
            ps.setLong(1, 999);
            assertEquals(0, ps.executeUpdate());
            assertEquals(1, s.executeUpdate("DELETE FROM " + f.person + " WHERE id = 3"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(2L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteByPredicate(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("DELETE FROM " + f.person + " WHERE first_name = ?")) {
            assertEquals(1, s.executeUpdate("DELETE FROM " + f.person + " WHERE last_name = 'Doe'"));
            ps.setString(1, "Cy");
            assertEquals(1, ps.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(1L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteByInListOfKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("DELETE FROM " + f.person + " WHERE id IN (?, ?)")) {
            ps.setLong(1, 1);
            ps.setLong(2, 3);
            assertEquals(2, ps.executeUpdate());
            assertEquals(1, s.executeUpdate("DELETE FROM " + f.person + " WHERE id IN (2, 77, 78)"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(0, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteJoiningAnotherTable(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            f.seedSrc();
            if (db == TestDatabase.POSTGRESQL) {
                assertEquals(2, s.executeUpdate("DELETE FROM " + f.person + " p USING " + f.src
                        + " s WHERE s.email = p.email"));
            }
            if (db == TestDatabase.MARIADB) {
                assertEquals(2, s.executeUpdate("DELETE p FROM " + f.person + " p JOIN " + f.src
                        + " s ON s.email = p.email"));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
            if (db != TestDatabase.H2) {
                assertEquals(List.of(3L), f.ids(f.people));
            }
        }
    }

    // ============================================================================================ upserts

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertConflictingOnTheKey(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            String tail = null;
            if (db == TestDatabase.POSTGRESQL) {
                tail = " ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, email = EXCLUDED.email";
            }
            if (db == TestDatabase.MARIADB) {
                tail = " ON DUPLICATE KEY UPDATE first_name = VALUES(first_name), email = VALUES(email)";
            }
            if (tail != null) {
                s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (1, 'Annie',"
                        + " 'Annie@Example.com')" + tail);
                try (PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                        + " (id, first_name, email) VALUES (?, ?, ?)" + tail)) {
                    ps.setLong(1, 2);
                    ps.setString(2, "Robert");
                    ps.setString(3, "robert@example.com");
                    ps.executeUpdate();
                    ps.setLong(1, 1500); // no conflict: inserted
                    ps.setString(2, "Newcomer");
                    ps.setString(3, "new@example.com");
                    ps.executeUpdate();
                }
                assertEquals("Annie Smith", f.row(f.people, 1).get("full_name"));
                assertEquals("annie@example.com", f.row(f.people, 1).get("email"));
                assertEquals("Robert Doe", f.row(f.people, 2).get("full_name"));
                assertNotNull(f.row(f.people, 1500));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertConflictingOnAnotherUniqueColumnUpdatesADifferentRow(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            String tail = null;
            if (db == TestDatabase.POSTGRESQL) {
                tail = " ON CONFLICT (email) DO UPDATE SET first_name = EXCLUDED.first_name";
            }
            if (db == TestDatabase.MARIADB) {
                tail = " ON DUPLICATE KEY UPDATE first_name = VALUES(first_name)";
            }
            if (tail != null) {
                // 1600 conflicts on email with row 2 (after the trigger lower-cases it): row 2 is updated instead
                s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (1600, 'Robert',"
                        + " 'BOB@Example.com')" + tail);
                try (PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                        + " (id, first_name, email) VALUES (?, ?, ?)" + tail)) {
                    ps.setLong(1, 1601);
                    ps.setString(2, "Cyrus");
                    ps.setString(3, "cy@example.com");
                    ps.executeUpdate();
                }
                // the key left to the database, and the e-mail conflicting
                try (PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                        + " (first_name, email) VALUES (?, ?)" + tail)) {
                    ps.setString(1, "Annette");
                    ps.setString(2, "ann@example.com");
                    ps.executeUpdate();
                }
                assertNull(f.row(f.person, 1600));
                assertNull(f.row(f.person, 1601));
                assertEquals("Robert Doe", f.row(f.people, 2).get("full_name"));
                assertEquals("Cyrus Jones", f.row(f.people, 3).get("full_name"));
                assertEquals("Annette Smith", f.row(f.people, 1).get("full_name"));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertDoingNothing(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            String head = null;
            String tail = "";
            if (db == TestDatabase.POSTGRESQL) {
                head = "INSERT INTO ";
                tail = " ON CONFLICT DO NOTHING";
            }
            if (db == TestDatabase.MARIADB) {
                head = "INSERT IGNORE INTO ";
            }
            if (head != null) {
                assertEquals(0, s.executeUpdate(head + f.person + " (id, first_name, email) VALUES (1, 'X',"
                        + " 'x@example.com')" + tail));
                assertEquals(0, s.executeUpdate(head + f.person + " (id, first_name, email) VALUES (1701, 'Dup',"
                        + " 'ann@example.com')" + tail));
                assertEquals(1, s.executeUpdate(head + f.person + " (id, first_name, email) VALUES (1700, 'New',"
                        + " 'new@example.com')" + tail));
                try (PreparedStatement ps = f.app.prepareStatement(head + f.person + " (first_name, email)"
                        + " VALUES (?, ?)" + tail)) {
                    ps.setString(1, "Dup");
                    ps.setString(2, "bob@example.com");
                    assertEquals(0, ps.executeUpdate());
                    ps.setString(1, "Fresh");
                    ps.setString(2, "fresh@example.com");
                    assertEquals(1, ps.executeUpdate());
                }
                assertEquals("Ann Smith", f.row(f.people, 1).get("full_name"));
                assertNull(f.row(f.person, 1701));
                assertEquals(5, f.count(f.people));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replaceDeletesTheConflictingRowAndInserts(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement()) {
            if (db == TestDatabase.MARIADB) {
                // conflicts on e-mail with row 1: row 1 is deleted, 1800 inserted
                assertEquals(2, s.executeUpdate("REPLACE INTO " + f.person + " (id, first_name, email)"
                        + " VALUES (1800, 'Ann2', 'ANN@example.com')"));
                // conflicts on the key: row 3 is replaced (its last_name back to the default)
                try (PreparedStatement ps = f.app.prepareStatement("REPLACE INTO " + f.person
                        + " (id, first_name, email) VALUES (?, ?, ?)")) {
                    ps.setLong(1, 3);
                    ps.setString(2, "Cyrus");
                    ps.setString(3, "cyrus@example.com");
                    assertEquals(2, ps.executeUpdate());
                }
                // no conflict, key generated
                assertEquals(1, s.executeUpdate("REPLACE INTO " + f.person + " (first_name, email)"
                        + " VALUES ('Gen', 'gen@example.com')"));
                // conflicts with two different rows at once: 1800 on the key, row 2 on e-mail
                assertEquals(3, s.executeUpdate("REPLACE INTO " + f.person + " (id, first_name, email)"
                        + " VALUES (1800, 'Both', 'bob@example.com')"));
                assertNull(f.row(f.people, 1));
                assertNull(f.row(f.people, 2));
                assertEquals("Cyrus Doe", f.row(f.people, 3).get("full_name"));
                assertEquals("Both Doe", f.row(f.people, 1800).get("full_name"));
            }
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    // ============================================================================================ batches

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBatchOfInsertsWithExplicitKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t
                        + " (id, first_name, last_name, email) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < 5; i++) {
                        ps.setLong(1, 1001 + i);
                        ps.setString(2, "Batch" + i);
                        if (i % 2 == 0) {
                            ps.setString(3, "Even");
                        } else {
                            ps.setNull(3, Types.VARCHAR);
                        }
                        ps.setString(4, "Batch" + i + "@Example.org");
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(8, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBatchOfInsertsWithGeneratedKeysTheApplicationAsksFor(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            List<int[]> counts = new ArrayList<>();
            assertApplicationKeys(f, (c, t) -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    for (int i = 0; i < 4; i++) {
                        ps.setString(1, "Gen" + i);
                        ps.setString(2, "gen" + i + "@example.org");
                        ps.addBatch();
                    }
                    counts.add(ps.executeBatch());
                    ResultSet rs = ps.getGeneratedKeys();
                    if (throughTandem(c)) {
                        assertSame(ps, rs.getStatement(), "getGeneratedKeys().getStatement()");
                    }
                    return longs(rs);
                }
            });
            assertEquals(Arrays.toString(counts.get(0)), Arrays.toString(counts.get(1)), "update counts");
            assertEquals(7, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBatchOfInsertsWithGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)")) {
                    for (int i = 0; i < 4; i++) {
                        ps.setString(1, "Gen" + i);
                        ps.setString(2, "GEN" + i + "@example.org");
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(7, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBatchOfMultiRowInsertsWithGeneratedKeys(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?), (?, ?)")) {
                    for (int i = 0; i < 3; i++) {
                        ps.setString(1, "Two" + i + "a");
                        ps.setString(2, "two" + i + "a@example.org");
                        ps.setString(3, "Two" + i + "b");
                        ps.setString(4, "two" + i + "b@example.org");
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            };
            if (db == TestDatabase.MARIADB) {
                // Documented difference (src/docs/write-both.md): MariaDB's bulk batches cannot return generated
                // keys, so Tandem asks for them and the driver runs the entries one by one, reporting each exact
                // count (2) where bulk mode reports SUCCESS_NO_INFO (-2). Data and mirror must still match.
                int[] expected = ops.run(f.raw, f.personCopy);
                int[] actual = ops.run(f.app, f.person);
                assertAll(
                        () -> assertEquals("[-2, -2, -2]", Arrays.toString(expected), "the raw driver's bulk counts"),
                        () -> assertEquals("[2, 2, 2]", Arrays.toString(actual), "exact counts through Tandem"),
                        f::assertSameAsCopy, f::assertNoDrift, f::assertMirrorClean);
            } else {
                assertLikeRawDriver(f, ops);
            }
            assertEquals(9, f.count(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBatchesOfUpdatesAndDeletes(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                List<Integer> all = new ArrayList<>();
                try (PreparedStatement update = c.prepareStatement("UPDATE " + t + " SET last_name = ? WHERE id = ?");
                     PreparedStatement byName = c.prepareStatement("UPDATE " + t + " SET amount = ?"
                             + " WHERE first_name = ?");
                     PreparedStatement delete = c.prepareStatement("DELETE FROM " + t + " WHERE id = ?")) {
                    for (long id : new long[]{1, 2, 42}) {
                        update.setString(1, "B" + id);
                        update.setLong(2, id);
                        update.addBatch();
                    }
                    for (int n : update.executeBatch()) {
                        all.add(n);
                    }
                    byName.setBigDecimal(1, new BigDecimal("4.20"));
                    byName.setString(2, "Cy");
                    byName.addBatch();
                    byName.setBigDecimal(1, new BigDecimal("8.40"));
                    byName.setString(2, "Ann");
                    byName.addBatch();
                    for (int n : byName.executeBatch()) {
                        all.add(n);
                    }
                    for (long id : new long[]{2, 3, 43}) {
                        delete.setLong(1, id);
                        delete.addBatch();
                    }
                    for (long n : delete.executeLargeBatch()) {
                        all.add((int) n);
                    }
                }
                return all.stream().mapToInt(Integer::intValue).toArray();
            };
            assertLikeRawDriver(f, ops);
            assertEquals(List.of(1L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statementBatchMixingInsertUpdateDelete(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (Statement s = c.createStatement()) {
                    s.addBatch("INSERT INTO " + t + " (id, first_name, email) VALUES (1001, 'Batched', 'B@x.org')");
                    s.addBatch("UPDATE " + t + " SET last_name = 'Upd' WHERE id IN (1, 1001)");
                    s.addBatch("UPDATE " + t + " SET amount = 2 WHERE first_name = 'Bob'");
                    s.addBatch("DELETE FROM " + t + " WHERE id = 3");
                    s.addBatch("DELETE FROM " + t + " WHERE last_name = 'Nobody'");
                    return s.executeBatch();
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(List.of(1L, 2L, 1001L), f.ids(f.people));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statementBatchWithAnInsertWhoseKeyIsGenerated(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                try (Statement s = c.createStatement()) {
                    s.addBatch("INSERT INTO " + t + " (first_name, email) VALUES ('Gen', 'GEN@x.org')");
                    s.addBatch("UPDATE " + t + " SET last_name = 'Upd' WHERE first_name = 'Gen'");
                    s.addBatch("INSERT INTO " + t + " (first_name, email) VALUES ('Gen2', 'gen2@x.org'),"
                            + " ('Gen3', 'gen3@x.org')");
                    s.addBatch("DELETE FROM " + t + " WHERE id = 2");
                    return s.executeBatch();
                }
            };
            assertLikeRawDriver(f, ops);
            assertEquals(5, f.count(f.people));
        }
    }

    /** A prepared batch and a Statement batch, each with an entry that fails on a duplicate key. */
    private static final Ops<String> FAILING_BATCHES = (c, t) -> {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, first_name, email)"
                + " VALUES (?, ?, ?)")) {
            for (long id : new long[]{1001, 1002, 1, 1003}) {
                ps.setLong(1, id);
                ps.setString(2, "F" + id);
                ps.setString(3, "f" + id + "@x.org");
                ps.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            out.append("prepared batch: SQLState ").append(e.getSQLState()).append(", counts ")
                    .append(Arrays.toString(e.getUpdateCounts()));
        }
        try (Statement s = c.createStatement()) {
            s.addBatch("UPDATE " + t + " SET last_name = 'S1' WHERE id = 2");
            s.addBatch("INSERT INTO " + t + " (id, first_name, email) VALUES (2, 'Dup', 'dup@x.org')");
            s.addBatch("DELETE FROM " + t + " WHERE id = 3");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
            out.append("; Statement batch: SQLState ").append(e.getSQLState()).append(", counts ")
                    .append(Arrays.toString(e.getUpdateCounts()));
        }
        return out.toString();
    };

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void batchWithAFailingEntryInAutocommitKeepsWhatTheRawDriverKeeps(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            String expected = FAILING_BATCHES.run(f.raw, f.personCopy);
            String actual = FAILING_BATCHES.run(f.app, f.person);
            assertAll(
                    () -> assertEquals(expected, actual, "what the application is told, against the raw driver"),
                    () -> assertTrue(f.app.getAutoCommit(), "still in autocommit"),
                    f::assertSameAsCopy, f::assertNoDrift, f::assertMirrorClean);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void batchWithAFailingEntryInATransactionThenCommitKeepsWhatTheRawDriverKeeps(TestDatabase db)
            throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<String> inTransaction = (c, t) -> {
                c.setAutoCommit(false);
                try {
                    String told = FAILING_BATCHES.run(c, t);
                    c.commit();
                    return told;
                } finally {
                    c.setAutoCommit(true);
                }
            };
            String expected = inTransaction.run(f.raw, f.personCopy);
            String actual = inTransaction.run(f.app, f.person);
            assertAll(
                    () -> assertEquals(expected, actual, "what the application is told, against the raw driver"),
                    f::assertSameAsCopy, f::assertNoDrift, f::assertMirrorClean);
        }
    }

    // ============================================================================================ every setter

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everySetterFamilyIsMirroredExactly(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        String tricky = "Zoë 'O''Brien' \"q\" b\\s \\' 漢字 😀 --?/*";
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        String longText = "line 1\nline 2\ttabbed\r\n" + "é".repeat(2000) + " \\ ' \" end";
        Calendar kiritimati = Calendar.getInstance(TimeZone.getTimeZone("Pacific/Kiritimati"));
        Calendar newYork = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"));
        try (MirrorFixture f = MirrorFixture.tableLevel(db);
             PreparedStatement ps = f.app.prepareStatement("INSERT INTO " + f.person
                     + " (id, first_name, last_name, email, amount, born, seen, active, bio, photo)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // 1: JDBCType, setString, setNull(type), setNull(type, name), setObject with scale, Calendars,
            //    setBoolean, setCharacterStream with length, setBinaryStream with length
            if (db == TestDatabase.POSTGRESQL) {
                ps.setObject(1, 3001L, Types.BIGINT); // PgJDBC does not implement setObject(int, Object, SQLType)
            } else {
                ps.setObject(1, 3001L, JDBCType.BIGINT);
            }
            ps.setString(2, tricky);
            ps.setNull(3, Types.VARCHAR);
            ps.setNull(4, Types.VARCHAR, "VARCHAR");
            ps.setObject(5, new BigDecimal("1234.5678"), Types.DECIMAL, 2);
            ps.setDate(6, Date.valueOf("2000-02-29"), kiritimati);
            ps.setTimestamp(7, Timestamp.valueOf("2024-03-10 02:30:00.123456"), newYork);
            ps.setBoolean(8, false);
            ps.setCharacterStream(9, new StringReader(longText), longText.length());
            ps.setBinaryStream(10, new ByteArrayInputStream(bytes), bytes.length);
            assertEquals(1, ps.executeUpdate());

            // 2: setLong, setString (unicode, quotes, backslashes), setObject with JDBCType, setBigDecimal,
            //    java.time through setObject, setObject with a Types constant, setClob(Reader) / reader without
            //    length, setBytes
            ps.setLong(1, 3002);
            ps.setString(2, "Ünïcödé \\ ' \" 😀");
            ps.setString(3, tricky);
            if (db == TestDatabase.POSTGRESQL) {
                ps.setObject(4, "Mixed.Case@Example.ORG", Types.VARCHAR);
            } else {
                ps.setObject(4, "Mixed.Case@Example.ORG", JDBCType.VARCHAR);
            }
            ps.setBigDecimal(5, new BigDecimal("-0.01"));
            ps.setObject(6, LocalDate.of(1969, 7, 20));
            ps.setObject(7, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000));
            ps.setObject(8, true, Types.BOOLEAN);
            if (db == TestDatabase.POSTGRESQL) {
                // PgJDBC's setClob stores a large object (an oid), which a text column cannot take
                ps.setCharacterStream(9, new StringReader(tricky));
            } else {
                ps.setClob(9, new StringReader(tricky));
            }
            ps.setBytes(10, new byte[]{0, -1, 127, -128, 92, 39});
            assertEquals(1, ps.executeUpdate());

            // 3: setObject(Integer) for a BIGINT key, setObject with a Types constant, nulls of every kind through setNull and setObject
            ps.setObject(1, 3003);
            ps.setObject(2, "Ｎ文字", Types.VARCHAR);
            ps.setObject(3, null, Types.VARCHAR);
            ps.setString(4, null);
            ps.setNull(5, Types.DECIMAL);
            ps.setNull(6, Types.DATE);
            ps.setNull(7, Types.TIMESTAMP, "TIMESTAMP");
            ps.setNull(8, Types.BOOLEAN);
            ps.setNull(9, Types.VARCHAR);
            ps.setNull(10, Types.VARBINARY);
            assertEquals(1, ps.executeUpdate());

            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(1L, 2L, 3L, 3001L, 3002L, 3003L), f.ids(f.people));
            assertEquals(longText, f.row(f.people, 3001).get("bio"));
            assertEquals("mixed.case@example.org", f.row(f.people, 3002).get("email"));
        }
    }

    // ============================================================================================ transactions

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollbackUndoesTheWritesAndTheirMirror(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person + " SET last_name = ? WHERE id = ?")) {
            Object before = MirrorFixture.rows(f.raw, "SELECT * FROM " + f.people).toString();
            f.app.setAutoCommit(false);
            s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (1001, 'Tx', 'tx@x.org')");
            s.executeUpdate("INSERT INTO " + f.person + " (first_name, email) VALUES ('TxGen', 'txgen@x.org')");
            ps.setString(1, "InTx");
            ps.setLong(2, 1);
            ps.executeUpdate();
            s.executeUpdate("DELETE FROM " + f.person + " WHERE id = 3");
            f.app.rollback();
            f.app.setAutoCommit(true);

            assertEquals(List.of(1L, 2L, 3L), f.ids(f.person));
            assertEquals(List.of(1L, 2L, 3L), f.ids(f.people));
            assertEquals(before, MirrorFixture.rows(f.raw, "SELECT * FROM " + f.people).toString());
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void commitKeepsTheWritesAndTheirMirror(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("UPDATE " + f.person + " SET last_name = ? WHERE id = ?")) {
            f.app.setAutoCommit(false);
            s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (1001, 'Tx', 'tx@x.org')");
            s.executeUpdate("INSERT INTO " + f.person + " (first_name, email) VALUES ('TxGen', 'txgen@x.org')");
            ps.setString(1, "InTx");
            ps.setLong(2, 1);
            ps.executeUpdate();
            s.executeUpdate("DELETE FROM " + f.person + " WHERE id = 3");
            assertEquals(List.of(1L, 2L, 3L), f.ids(f.people), "nothing is visible before the commit");
            f.app.commit();
            f.app.setAutoCommit(true);

            assertEquals(4, f.ids(f.person).size());
            assertEquals(f.ids(f.person), f.ids(f.people));
            assertTrue(f.ids(f.people).contains(1001L));
            assertEquals("Ann InTx", f.row(f.people, 1).get("full_name"));
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failingAutocommitStatementChangesNothingAndReachesTheApplicationUnchanged(TestDatabase db)
            throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.tableLevel(db)) {
            Ops<SQLException> viaStatement = (c, t) -> assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + t + " (id, first_name, email) VALUES (7001, NULL, 'z@x.org')");
                }
            });
            Ops<SQLException> viaPrepared = (c, t) -> assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (first_name, email)"
                        + " VALUES (?, ?)")) {
                    ps.setNull(1, Types.VARCHAR);
                    ps.setString(2, "y@x.org");
                    ps.executeUpdate();
                }
            });
            Ops<SQLException> viaUpdate = (c, t) -> assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET first_name = ? WHERE id = ?")) {
                    ps.setNull(1, Types.VARCHAR);
                    ps.setLong(2, 1);
                    ps.executeUpdate();
                }
            });
            for (Ops<SQLException> ops : List.of(viaStatement, viaPrepared, viaUpdate)) {
                SQLException expected = ops.run(f.raw, f.personCopy);
                SQLException actual = ops.run(f.app, f.person);
                assertEquals(expected.getClass(), actual.getClass(), "exception class");
                assertEquals(expected.getSQLState(), actual.getSQLState(), "SQLState");
                assertEquals(expected.getErrorCode(), actual.getErrorCode(), "error code");
                assertTrue(f.app.getAutoCommit(), "the connection is still in autocommit");
            }
            assertEquals(List.of(1L, 2L, 3L), f.ids(f.people));
            f.assertSameAsCopy();
            f.assertNoDrift();

            // the connection goes on working, and its writes are mirrored and committed
            try (Statement s = f.app.createStatement()) {
                s.executeUpdate("INSERT INTO " + f.person + " (id, first_name, email) VALUES (7002, 'After', 'a@x.org')");
            }
            assertNotNull(f.row(f.people, 7002));
            f.assertNoDrift();
            f.assertMirrorClean();
        }
    }

    // ============================================================================================ column-level

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnLevelInserts(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.columnLevel(db); Statement s = f.app.createStatement();
             PreparedStatement explicit = f.app.prepareStatement("INSERT INTO " + f.users
                     + " (id, name, email) VALUES (?, ?, ?)");
             PreparedStatement generated = f.app.prepareStatement("INSERT INTO " + f.users
                     + " (name, email) VALUES (?, ?)")) {
            assertEquals(1, s.executeUpdate("INSERT INTO " + f.users + " (id, name, email)"
                    + " VALUES (1001, 'dora', 'Dora@X.org')"));
            assertEquals(2, s.executeUpdate("INSERT INTO " + f.users + " (name, email)"
                    + " VALUES ('eve', 'EVE@x.org'), ('fay', NULL)"));
            explicit.setLong(1, 2001); // past the keys MariaDB generates after 1001
            explicit.setString(2, "gus");
            explicit.setString(3, "Gus@X.org");
            assertEquals(1, explicit.executeUpdate());
            generated.setString(1, "hal");
            generated.setString(2, "HAL@x.org");
            assertEquals(1, generated.executeUpdate());
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("DORA", f.row(f.users, 1001).get("full_name"));
            assertEquals("dora@x.org", f.row(f.users, 1001).get("email_norm"));
            assertEquals("GUS", f.row(f.users, 2001).get("full_name"));
            assertTrue(f.mirroredRows(NAME_MIGRATION) >= 5, "rows mirrored by " + NAME_MIGRATION);
            assertTrue(f.mirroredRows(EMAIL_MIGRATION) >= 5, "rows mirrored by " + EMAIL_MIGRATION);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnLevelUpdates(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.columnLevel(db); Statement s = f.app.createStatement();
             PreparedStatement byKey = f.app.prepareStatement("UPDATE " + f.users + " SET name = ? WHERE id = ?")) {
            byKey.setString(1, "annabel");
            byKey.setLong(2, 1);
            assertEquals(1, byKey.executeUpdate());
            assertEquals(1, s.executeUpdate("UPDATE " + f.users + " SET email = 'Bobby@Example.com' WHERE id = 2"));
            assertEquals(2, s.executeUpdate("UPDATE " + f.users + " SET name = CONCAT(name, '!'), email = 'Same@X.org'"
                    + " WHERE name IN ('bob', 'cy')"));
            assertEquals(3, s.executeUpdate("UPDATE " + f.users + " SET name = LOWER(name)"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals("ANNABEL", f.row(f.users, 1).get("full_name"));
            assertEquals("same@x.org", f.row(f.users, 3).get("email_norm"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnLevelDeletes(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.columnLevel(db); Statement s = f.app.createStatement();
             PreparedStatement ps = f.app.prepareStatement("DELETE FROM " + f.users + " WHERE id = ?")) {
            ps.setLong(1, 1);
            assertEquals(1, ps.executeUpdate());
            assertEquals(1, s.executeUpdate("DELETE FROM " + f.users + " WHERE email IS NULL"));
            f.assertNoDrift();
            f.assertMirrorClean();
            assertEquals(List.of(2L), f.ids(f.users));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnLevelBatches(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.columnLevel(db)) {
            Ops<int[]> ops = (c, t) -> {
                List<Integer> all = new ArrayList<>();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t + " (name, email) VALUES (?, ?)");
                     PreparedStatement insertKey = c.prepareStatement("INSERT INTO " + t + " (id, name, email)"
                             + " VALUES (?, ?, ?)");
                     PreparedStatement update = c.prepareStatement("UPDATE " + t + " SET name = ? WHERE id = ?");
                     Statement s = c.createStatement()) {
                    for (int i = 0; i < 3; i++) {
                        insert.setString(1, "gen" + i);
                        insert.setString(2, "Gen" + i + "@X.org");
                        insert.addBatch();
                    }
                    for (int n : insert.executeBatch()) {
                        all.add(n);
                    }
                    for (int i = 0; i < 2; i++) {
                        insertKey.setLong(1, 1001 + i);
                        insertKey.setString(2, "key" + i);
                        insertKey.setString(3, "Key" + i + "@X.org");
                        insertKey.addBatch();
                    }
                    for (int n : insertKey.executeBatch()) {
                        all.add(n);
                    }
                    for (long id : new long[]{1, 2, 99}) {
                        update.setString(1, "renamed" + id);
                        update.setLong(2, id);
                        update.addBatch();
                    }
                    for (int n : update.executeBatch()) {
                        all.add(n);
                    }
                    s.addBatch("INSERT INTO " + t + " (id, name, email) VALUES (1003, 'stmt', 'STMT@x.org')");
                    s.addBatch("UPDATE " + t + " SET email = 'CY@x.org' WHERE name = 'cy'");
                    s.addBatch("DELETE FROM " + t + " WHERE id = 1001");
                    s.addBatch("INSERT INTO " + t + " (name, email) VALUES ('stmtgen', 'StmtGen@x.org')");
                    for (int n : s.executeBatch()) {
                        all.add(n);
                    }
                }
                return all.stream().mapToInt(Integer::intValue).toArray();
            };
            assertLikeRawDriver(f, ops);
            assertEquals("RENAMED1", f.row(f.users, 1).get("full_name"));
            assertEquals("cy@x.org", f.row(f.users, 3).get("email_norm"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bothColumnLevelMigrationsOfOneTableAreMirrored(TestDatabase db) throws SQLException {
        db.assumeAvailable();
        try (MirrorFixture f = MirrorFixture.columnLevel(db);
             PreparedStatement insert = f.app.prepareStatement("INSERT INTO " + f.users + " (id, name, email)"
                     + " VALUES (?, ?, ?)");
             PreparedStatement update = f.app.prepareStatement("UPDATE " + f.users + " SET name = ?, email = ?"
                     + " WHERE id = ?")) {
            long nameBefore = f.mirroredRows(NAME_MIGRATION);
            long emailBefore = f.mirroredRows(EMAIL_MIGRATION);
            insert.setLong(1, 1001);
            insert.setString(2, "ida");
            insert.setString(3, "Ida@Example.ORG");
            insert.executeUpdate();
            update.setString(1, "bobby");
            update.setString(2, "BOBBY@Example.org");
            update.setLong(3, 2);
            update.executeUpdate();
            f.assertNoDrift();
            f.assertMirrorClean();
            Map<String, Object> ida = f.row(f.users, 1001);
            assertEquals("IDA", ida.get("full_name"));
            assertEquals("ida@example.org", ida.get("email_norm"));
            Map<String, Object> bob = f.row(f.users, 2);
            assertEquals("BOBBY", bob.get("full_name"));
            assertEquals("bobby@example.org", bob.get("email_norm"));
            assertTrue(f.mirroredRows(NAME_MIGRATION) - nameBefore >= 2, NAME_MIGRATION + " mirrored both writes");
            assertTrue(f.mirroredRows(EMAIL_MIGRATION) - emailBefore >= 2, EMAIL_MIGRATION + " mirrored both writes");
        }
    }
}
