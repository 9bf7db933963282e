package dev.tandem.mirror;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.ColumnQualifier;
import dev.tandem.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SyncStatements}: the exact SQL of the mirror, per migration kind and database. */
class SyncStatementsTest {
    private static final int[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    static Migration parse(String... lines) {
        try {
            return RulesLoader.parse("test.yaml", String.join("\n", lines) + "\n");
        } catch (RulesException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static final Migration PERSON = parse(
            "migration: person-to-people",
            "from: { table: person, key: [id] }",
            "to:   { table: people, key: [id] }",
            "up:",
            "  id: id",
            "  full_name: \"first_name || ' ' || last_name\"",
            "down:",
            "  id: id",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"");

    static final Migration USERS = parse(
            "migration: users-name-to-full-name",
            "from: { table: users, key: [id] }",
            "to: { table: users, key: [id] }",
            "up:",
            "  full_name: name",
            "  nick: \"upper( name )\"",
            "down:",
            "  name: full_name");

    /** Composite key; to.key has other names, in another order; schema-qualified; a comment in a rule. */
    static final Migration ORDERS = parse(
            "migration: orders-split",
            "from: { table: app.orders, key: [tenant, num] }",
            "to: { table: app.orders2, key: [order_no, tenant_id] }",
            "up:",
            "  tenant_id: tenant",
            "  order_no: num",
            "  total: amount * 100",
            "  note: \"coalesce(memo,'-')  /* c */\"",
            "down:",
            "  tenant: tenant_id",
            "  num: order_no",
            "  amount: total / 100",
            "  memo: note");

    private static int count(String sql, char c) {
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            n += sql.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // table level, single key

    @Test
    void tableLevelOnPostgreSql() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.POSTGRESQL);
        assertSame(PERSON, s.migration());
        assertEquals(Dialect.POSTGRESQL, s.dialect());
        assertEquals(1, s.keyWidth());
        assertTrue(s.deletes());
        assertEquals("?", s.parameterTuple());
        assertEquals("INSERT INTO people (id, full_name) SELECT id, first_name || ' ' || last_name FROM person "
                + "WHERE id IN (?) ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name", s.upsert(1));
        assertEquals("INSERT INTO people (id, full_name) SELECT id, first_name || ' ' || last_name FROM person "
                + "WHERE id IN (?, ?) ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name", s.upsert(2));
        assertEquals("DELETE FROM people AS tandem_t WHERE tandem_t.id IN (?) AND NOT EXISTS (SELECT 1 FROM person "
                + "tandem_f WHERE tandem_f.id = tandem_t.id)", s.delete(1));
        assertEquals("DELETE FROM people AS tandem_t WHERE tandem_t.id IN (?, ?, ?, ?) AND NOT EXISTS (SELECT 1 FROM "
                + "person tandem_f WHERE tandem_f.id = tandem_t.id)", s.delete(4));
        assertNull(s.insertMissing(1));
        assertNull(s.insertMissing(List.of("?")));
    }

    @Test
    void tableLevelOnMariaDb() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.MARIADB);
        assertTrue(s.deletes());
        // An UPDATE of the rows that exist, then an INSERT of those that do not: ON DUPLICATE KEY UPDATE would
        // also fire on another unique key of `to`.
        assertEquals("UPDATE people tandem_t JOIN person ON person.id = tandem_t.id SET tandem_t.full_name "
                + "= person.first_name || ' ' || person.last_name WHERE person.id IN (?)", s.upsert(1));
        assertEquals("INSERT INTO people (id, full_name) SELECT person.id, person.first_name || ' ' || "
                + "person.last_name FROM person WHERE person.id IN (?, ?) AND NOT EXISTS (SELECT 1 FROM "
                + "people tandem_t WHERE person.id = tandem_t.id)", s.insertMissing(2));
        assertEquals("DELETE tandem_t FROM people AS tandem_t WHERE tandem_t.id IN (?) AND NOT EXISTS (SELECT 1 FROM "
                + "person tandem_f WHERE tandem_f.id = tandem_t.id)", s.delete(1));
        assertEquals(s.upsert(1), SyncStatements.of(PERSON, Dialect.MYSQL).upsert(1));
    }

    @Test
    void tableLevelOnMariaDbWhenTheKeyIsTheOnlyUniqueKey() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.MARIADB, true);
        // One statement that never looks the row up in `to` first (no gap lock there): safe because no other unique
        // key of `to` can trigger the ON DUPLICATE KEY UPDATE.
        assertEquals("INSERT INTO people (id, full_name) SELECT person.id, person.first_name || ' ' || "
                + "person.last_name FROM person WHERE person.id IN (?, ?) ON DUPLICATE KEY UPDATE full_name = "
                + "VALUES(full_name)", s.upsert(2));
        assertNull(s.insertMissing(1), "no second statement");
        assertNull(s.insertFresh(1), "the upsert itself takes no gap lock");
        assertEquals(SyncStatements.of(PERSON, Dialect.MARIADB).delete(1), s.delete(1));
        // elsewhere the flag changes nothing
        assertEquals(SyncStatements.of(PERSON, Dialect.POSTGRESQL).upsert(1),
                SyncStatements.of(PERSON, Dialect.POSTGRESQL, true).upsert(1));
    }

    @Test
    void tableLevelOnMariaDbInsertsFreshRowsWithoutLookingThemUp() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.MARIADB);
        assertEquals("INSERT INTO people (id, full_name) SELECT person.id, person.first_name || ' ' || "
                + "person.last_name FROM person WHERE person.id IN (?, ?)", s.insertFresh(2));
        assertEquals("INSERT INTO people (id, full_name) SELECT person.id, person.first_name || ' ' || "
                + "person.last_name FROM person WHERE person.id IN (?, 5)", s.insertFresh(List.of("?", "5")));
        assertNull(SyncStatements.of(PERSON, Dialect.POSTGRESQL).insertFresh(1));
    }

    @Test
    void tableLevelOnH2() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.H2);
        assertEquals("MERGE INTO people (id, full_name) KEY (id) SELECT id, first_name || ' ' || last_name FROM "
                + "person WHERE id IN (?)", s.upsert(1));
        assertEquals("DELETE FROM people AS tandem_t WHERE tandem_t.id IN (?) AND NOT EXISTS (SELECT 1 FROM person "
                + "tandem_f WHERE tandem_f.id = tandem_t.id)", s.delete(1));
        assertNull(s.insertMissing(1));
    }

    @Test
    void noTableLevelMirrorForAGenericDatabase() {
        assertThrows(IllegalArgumentException.class, () -> SyncStatements.of(PERSON, Dialect.GENERIC));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // column level

    @Test
    void columnLevelOnPostgreSql() {
        SyncStatements s = SyncStatements.of(USERS, Dialect.POSTGRESQL);
        assertFalse(s.deletes());
        assertNull(s.delete(1));
        assertNull(s.delete(List.of("?")));
        assertNull(s.insertMissing(1));
        assertEquals("UPDATE users SET full_name = (name), nick = (upper(name)) WHERE id IN (?) AND "
                + "(CAST(full_name AS text) IS DISTINCT FROM CAST((name) AS text) OR CAST(nick AS text) IS DISTINCT "
                + "FROM CAST((upper(name)) AS text))", s.upsert(1));
    }

    @Test
    void columnLevelOnMariaDb() {
        SyncStatements s = SyncStatements.of(USERS, Dialect.MARIADB);
        assertFalse(s.deletes());
        assertNull(s.insertMissing(1));
        assertEquals("UPDATE users SET full_name = (name), nick = (upper(name)) WHERE id IN (?, ?) AND "
                + "(NOT (full_name <=> (name)) OR NOT (nick <=> (upper(name))))", s.upsert(2));
    }

    @Test
    void columnLevelOnH2() {
        SyncStatements s = SyncStatements.of(USERS, Dialect.H2);
        assertEquals("UPDATE users SET full_name = (name), nick = (upper(name)) WHERE id IN (?) AND "
                + "(CAST(full_name AS VARCHAR) IS DISTINCT FROM CAST((name) AS VARCHAR) OR CAST(nick AS VARCHAR) IS "
                + "DISTINCT FROM CAST((upper(name)) AS VARCHAR))", s.upsert(1));
    }

    @Test
    void columnLevelWorksOnAnyDatabase() {
        SyncStatements s = SyncStatements.of(USERS, Dialect.GENERIC);
        assertTrue(s.upsert(1).startsWith("UPDATE users SET full_name = (name), nick = (upper(name)) WHERE id IN (?)"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // composite keys

    @Test
    void compositeKeyWithOtherNamesOnPostgreSql() {
        SyncStatements s = SyncStatements.of(ORDERS, Dialect.POSTGRESQL);
        assertEquals(2, s.keyWidth());
        assertEquals("(?, ?)", s.parameterTuple());
        assertEquals(List.of("tenant_id", "order_no"), ORDERS.toKeyByFromKey());
        assertEquals("INSERT INTO app.orders2 (tenant_id, order_no, total, note) SELECT tenant, num, amount * 100, "
                + "coalesce(memo, '-') FROM app.orders WHERE (tenant, num) IN ((?, ?), (?, ?)) ON CONFLICT "
                + "(order_no, tenant_id) DO UPDATE SET total = EXCLUDED.total, note = EXCLUDED.note", s.upsert(2));
        assertEquals("DELETE FROM app.orders2 AS tandem_t WHERE (tandem_t.tenant_id, tandem_t.order_no) IN ((?, ?)) "
                + "AND NOT EXISTS (SELECT 1 FROM app.orders tandem_f WHERE tandem_f.tenant = tandem_t.tenant_id AND "
                + "tandem_f.num = tandem_t.order_no)", s.delete(1));
    }

    @Test
    void compositeKeyWithOtherNamesOnMariaDb() {
        SyncStatements s = SyncStatements.of(ORDERS, Dialect.MARIADB);
        assertEquals("UPDATE app.orders2 tandem_t JOIN app.orders ON orders.tenant = tandem_t.tenant_id AND "
                + "orders.num = tandem_t.order_no SET tandem_t.total = orders.amount * 100, tandem_t.note = "
                + "coalesce(orders.memo, '-') WHERE (orders.tenant, orders.num) IN ((?, ?))", s.upsert(1));
        assertEquals("INSERT INTO app.orders2 (tenant_id, order_no, total, note) SELECT orders.tenant, orders.num, "
                + "orders.amount * 100, coalesce(orders.memo, '-') FROM app.orders WHERE (orders.tenant, "
                + "orders.num) IN ((?, ?)) AND NOT EXISTS (SELECT 1 FROM app.orders2 tandem_t WHERE orders.tenant "
                + "= tandem_t.tenant_id AND orders.num = tandem_t.order_no)", s.insertMissing(1));
        assertEquals("DELETE tandem_t FROM app.orders2 AS tandem_t WHERE (tandem_t.tenant_id, tandem_t.order_no) IN "
                + "((?, ?)) AND NOT EXISTS (SELECT 1 FROM app.orders tandem_f WHERE tandem_f.tenant = "
                + "tandem_t.tenant_id AND tandem_f.num = tandem_t.order_no)", s.delete(1));
    }

    @Test
    void compositeKeyWithOtherNamesOnH2() {
        SyncStatements s = SyncStatements.of(ORDERS, Dialect.H2);
        assertEquals("MERGE INTO app.orders2 (tenant_id, order_no, total, note) KEY (order_no, tenant_id) SELECT "
                + "tenant, num, amount * 100, coalesce(memo, '-') FROM app.orders WHERE (tenant, num) IN ((?, ?))",
                s.upsert(1));
        assertEquals("DELETE FROM app.orders2 AS tandem_t WHERE (tandem_t.tenant_id, tandem_t.order_no) IN ((?, ?), "
                + "(?, ?)) AND NOT EXISTS (SELECT 1 FROM app.orders tandem_f WHERE tandem_f.tenant = "
                + "tandem_t.tenant_id AND tandem_f.num = tandem_t.order_no)", s.delete(2));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sizes and placeholders

    @Test
    void paddedSizes() {
        assertEquals(1, SyncStatements.paddedSize(0));
        assertEquals(1, SyncStatements.paddedSize(1));
        assertEquals(2, SyncStatements.paddedSize(2));
        assertEquals(4, SyncStatements.paddedSize(3));
        assertEquals(4, SyncStatements.paddedSize(4));
        assertEquals(8, SyncStatements.paddedSize(5));
        assertEquals(16, SyncStatements.paddedSize(9));
        assertEquals(128, SyncStatements.paddedSize(100));
        assertEquals(256, SyncStatements.paddedSize(129));
        assertEquals(256, SyncStatements.paddedSize(256));
        assertEquals(512, SyncStatements.paddedSize(257));
        assertEquals(1024, SyncStatements.paddedSize(513));
        assertEquals(1024, SyncStatements.MAX_KEYS_PER_STATEMENT);
        assertThrows(IllegalArgumentException.class, () -> SyncStatements.paddedSize(1025));
        assertThrows(IllegalArgumentException.class, () -> SyncStatements.paddedSize(Integer.MAX_VALUE));
        for (int n = 1; n <= 1024; n++) {
            int padded = SyncStatements.paddedSize(n);
            assertTrue(padded >= n && padded < 2 * n, n + " -> " + padded);
        }
    }

    @Test
    void onlyPaddedSizesHaveStatements() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.POSTGRESQL);
        for (int size : new int[]{0, 3, 5, 100, 257, 513, 1025, -1}) {
            assertThrows(IllegalArgumentException.class, () -> s.upsert(size), "upsert " + size);
            assertThrows(IllegalArgumentException.class, () -> s.delete(size), "delete " + size);
        }
        SyncStatements maria = SyncStatements.of(ORDERS, Dialect.MARIADB);
        assertThrows(IllegalArgumentException.class, () -> maria.insertMissing(3));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void placeholdersAreSizeTimesKeyWidth(Dialect dialect) {
        for (Migration m : List.of(PERSON, USERS, ORDERS)) {
            SyncStatements s = SyncStatements.of(m, dialect);
            int width = m.from().key().size();
            assertEquals(width, s.keyWidth());
            assertEquals(width, count(s.parameterTuple(), '?'));
            for (int size : SIZES) {
                assertEquals(size * width, count(s.upsert(size), '?'), m.id() + " upsert " + size);
                if (s.deletes()) {
                    assertEquals(size * width, count(s.delete(size), '?'), m.id() + " delete " + size);
                }
                String insert = s.insertMissing(size);
                if (insert != null) {
                    assertEquals(size * width, count(insert, '?'), m.id() + " insertMissing " + size);
                }
                List<String> tuples = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    tuples.add(s.parameterTuple());
                }
                assertEquals(s.upsert(size), s.upsert(tuples), "the cached statement is the tuple one");
                if (s.deletes()) {
                    assertEquals(s.delete(size), s.delete(tuples));
                }
                if (insert != null) {
                    assertEquals(insert, s.insertMissing(tuples));
                }
            }
        }
    }

    @Test
    void tuplesFromTheApplicationsStatementAreUsedVerbatim() {
        SyncStatements s = SyncStatements.of(ORDERS, Dialect.POSTGRESQL);
        String upsert = s.upsert(List.of("(?, 5)", "(CAST(? AS int), ?)"));
        assertTrue(upsert.contains("WHERE (tenant, num) IN ((?, 5), (CAST(? AS int), ?)) ON CONFLICT"), upsert);
        String delete = s.delete(List.of("('a', ?)"));
        assertTrue(delete.contains("IN (('a', ?)) AND NOT EXISTS"), delete);
        SyncStatements one = SyncStatements.of(PERSON, Dialect.H2);
        assertTrue(one.upsert(List.of("?", "42", "?::int")).endsWith("WHERE id IN (?, 42, ?::int)"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // rule expressions

    /** What the loader keeps is JSqlParser's rendering: the comment and the extra spaces are gone. */
    @Test
    void rulesAreDeparsedAtLoadTime() {
        assertEquals("coalesce(memo, '-')", ORDERS.up().get("note"));
        assertEquals("upper(name)", USERS.up().get("nick"));
        assertEquals("first_name || ' ' || last_name", PERSON.up().get("full_name"));
    }

    /** PostgreSQL and H2 use each rule's text exactly as loaded. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "H2"})
    void ruleTextIsUsedAsLoaded(Dialect dialect) {
        for (Migration m : List.of(PERSON, USERS, ORDERS)) {
            SyncStatements s = SyncStatements.of(m, dialect);
            for (Map.Entry<String, String> e : m.up().entrySet()) {
                String expected = m.columnLevel() ? "= (" + e.getValue() + ")" : e.getValue();
                assertTrue(s.upsert(1).contains(expected), m.id() + ": " + expected + " not in " + s.upsert(1));
            }
        }
    }

    /**
     * MariaDB joins {@code from} and {@code to}, so it qualifies the rules' columns with {@code from}'s name: nothing but
     * that qualification may differ from the loaded text.
     */
    @Test
    void mariaDbOnlyQualifiesTheRulesColumns() {
        for (Migration m : List.of(PERSON, ORDERS)) {
            SyncStatements s = SyncStatements.of(m, Dialect.MARIADB);
            String all = s.upsert(1) + " " + s.insertMissing(1);
            for (Map.Entry<String, String> e : m.up().entrySet()) {
                String name = m.from().name();
                String qualified = ColumnQualifier.qualify(e.getValue(), name, Dialect.MARIADB);
                assertTrue(all.contains(qualified), qualified + " not in " + all);
                assertEquals(e.getValue(), qualified.replace(name + ".", ""), "only qualified");
            }
        }
        SyncStatements users = SyncStatements.of(USERS, Dialect.MARIADB);
        for (String expression : USERS.up().values()) {
            assertTrue(users.upsert(1).contains("(" + expression + ")"), users.upsert(1));
        }
    }

    /** In MariaDB a double-quoted text is a string literal (without ANSI_QUOTES): it must stay one. */
    @Test
    void mariaDbKeepsDoubleQuotedStringsAsStrings() {
        Migration m = parse(
                "migration: person-concat",
                "from: { table: person, key: [id] }",
                "to: { table: people, key: [id] }",
                "up:",
                "  id: id",
                "  full_name: 'CONCAT(first_name, \" \", last_name)'",
                "down:",
                "  id: id",
                "  first_name: full_name");
        assertEquals("CONCAT(first_name, \" \", last_name)", m.up().get("full_name"));
        SyncStatements s = SyncStatements.of(m, Dialect.MARIADB);
        String sql = s.upsert(1) + "\n" + s.insertMissing(1);
        assertFalse(sql.contains(".\" \""), sql);
        assertTrue(sql.contains("CONCAT(person.first_name, \" \", person.last_name)"), sql);
    }

    /** A subquery's own columns belong to its own tables, not to {@code from}. */
    @Test
    void mariaDbDoesNotQualifyTheColumnsOfASubquery() {
        Migration m = parse(
                "migration: person-dept",
                "from: { table: person, key: [id] }",
                "to: { table: people, key: [id] }",
                "up:",
                "  id: id",
                "  dept_name: \"(SELECT name FROM dept WHERE dept.id = dept_id)\"",
                "down:",
                "  id: id",
                "  dept_id: dept_name");
        SyncStatements s = SyncStatements.of(m, Dialect.MARIADB);
        String sql = s.upsert(1);
        // Left as written: the database resolves dept_id innermost first, reaching person's (`from` keeps its
        // name in the join, so rules may also qualify it explicitly: person.dept_id).
        assertTrue(sql.contains("(SELECT name FROM dept WHERE dept.id = dept_id)"), sql);
        assertFalse(sql.contains("person.name"), "dept's name read from person: " + sql);
    }

    @Test
    void everyStatementIsBuiltOnceAndReturnedAsIs() {
        SyncStatements s = SyncStatements.of(PERSON, Dialect.POSTGRESQL);
        assertSame(s.upsert(8), s.upsert(8));
        assertSame(s.delete(8), s.delete(8));
        assertNotNull(s.upsert(256));
        assertEquals(256, count(s.upsert(256), '?'));
    }
}
