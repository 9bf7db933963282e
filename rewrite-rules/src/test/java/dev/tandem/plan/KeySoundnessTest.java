package dev.tandem.plan;

import dev.tandem.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tandem.plan.PlanFixtures.keysFromTextOnly;
import static dev.tandem.plan.PlanFixtures.plan;
import static dev.tandem.plan.PlanFixtures.preImages;
import static dev.tandem.plan.PlanFixtures.rows;
import static dev.tandem.plan.PlanFixtures.single;
import static dev.tandem.plan.PlanFixtures.write;
import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The soundness of keys read from a statement's text: whenever a plan says the keys come only from the text (rows,
 * no returned keys, no pre-image), every row the statement can touch must have one of those keys. Otherwise a row
 * changes in {@code from} and its {@code to} row is never synced. When the planner cannot be sure it must fall back
 * to returned keys or a pre-image.
 */
class KeySoundnessTest {

    /** Asserts the plan does not claim static keys, and falls back to what the dialect offers. */
    private static void assertFallsBack(Dialect dialect, String sql) {
        StatementPlan plan = plan(dialect, sql);
        if (plan.kind() == StatementPlan.Kind.UNSUPPORTED) {
            assertTrue(plan.mayWrite(), plan.toString());
            return;
        }
        WritePlan w = write(plan);
        assertFalse(keysFromTextOnly(plan), dialect + ": static keys " + rows(w.keys()) + " for " + sql);
        if (dialect == MARIADB) {
            assertEquals(1, w.keys().preImages().size(), plan.toString());
            String where = sql.substring(sql.indexOf(" WHERE ") + " WHERE ".length());
            assertTrue(w.keys().preImages().get(0).sql().contains(" FOR UPDATE"), plan.toString());
            assertFalse(where.isBlank());
        } else if (dialect == POSTGRESQL) {
            assertEquals(ReturnedKeys.NAMED_COLUMNS, w.keys().returned(), plan.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WHERE clauses that do not pin the key

    @ParameterizedTest
    @ValueSource(strings = {
            "id = ? OR last_name = 'x'",
            "last_name = 'x' OR id = ?",
            "id = ? OR id = ?",
            "NOT (id = ?)",
            "NOT id = ?",
            "NOT (id <> ?)",
            "NOT NOT id = ?",
            "NOT (id = ? AND last_name = 'x')",
            "id <> ?",
            "id != ?",
            "id NOT IN (?, ?)",
            "id IN (SELECT pid FROM staff)",
            "id IN (SELECT pid FROM staff WHERE staff.x = ?)",
            "id = (SELECT max(pid) FROM staff)",
            "id + 0 = ?",
            "0 + id = ?",
            "id * 1 = ?",
            "abs(id) = ?",
            "id > ?",
            "id >= ? AND id <= ?",
            "id BETWEEN ? AND ?",
            "id = ANY(?)",
            "id IS NOT NULL",
            "id = NULL",
            "id = first_name",
            "id = id",
            "(id = ?) IS NOT TRUE",
            "(id = ?) IS NULL",
            "(id = ?) = FALSE",
            "(id = ?) = (last_name = 'x')",
            "CASE WHEN id = ? THEN TRUE ELSE last_name = 'x' END",
            "COALESCE(id = ?, TRUE)",
            "(id, last_name) = (?, 'x') OR TRUE",
            "(id = ? OR last_name = 'x') AND first_name = 'y'",
            "EXISTS (SELECT 1 FROM person p2 WHERE p2.id = ?)",
            "last_name IN (SELECT last_name FROM person WHERE id = ?)",
            "id = ? COLLATE \"C\"",
    })
    void unsafeWhereClausesDoNotYieldStaticKeys(String where) {
        for (Dialect d : List.of(POSTGRESQL, H2)) {
            assertFallsBack(d, "UPDATE person SET first_name = ? WHERE " + where);
            assertFallsBack(d, "DELETE FROM person WHERE " + where);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "id = ? OR last_name = 'x'",
            "NOT (id = ?)",
            "NOT id = ?",
            "!(id = ?)",
            "id IN (SELECT pid FROM staff)",
            "id + 0 = ?",
            "id = ? XOR last_name = 'x'",
            "id <=> ?",
            "(id = ?) = 0",
            "id = ? OR id = ?",
    })
    void unsafeWhereClausesDoNotYieldStaticKeysOnMariaDb(String where) {
        assertFallsBack(MARIADB, "UPDATE person SET first_name = ? WHERE " + where);
        assertFallsBack(MARIADB, "DELETE FROM person WHERE " + where);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WHERE clauses that do pin the key

    @Test
    void safeWhereClausesYieldStaticKeys() {
        for (Dialect d : List.of(POSTGRESQL, MARIADB, H2)) {
            assertStatic(d, "? = id", single("?[2]"));
            assertStatic(d, "(id = ? AND last_name = 'x')", single("?[2]"));
            assertStatic(d, "((id = ?) AND (last_name = ?))", single("?[2]"));
            assertStatic(d, "id = ? AND (last_name = 'x' OR id = 2)", single("?[2]"));
            assertStatic(d, "id = ? AND id IN (SELECT pid FROM staff WHERE staff.x = ?)", single("?[2]"));
            assertStatic(d, "id = ? AND NOT (last_name = 'x')", single("?[2]"));
            assertStatic(d, "last_name = ? AND id IN (?, ?)", single("?[3]", "?[4]"));
            assertStatic(d, "id = ? AND id = 5", single("?[2]"));
            assertStatic(d, "id = (?)", single("(?)[2]"));
            assertStatic(d, "id = 'abc'", single("'abc'[]"));
            assertStatic(d, "person.id = ?", single("?[2]"));
        }
        assertStatic(POSTGRESQL, "id = ?::int", single("?::int[2]"));
        assertStatic(POSTGRESQL, "id = CAST(? AS bigint)", single("CAST(? AS bigint)[2]"));
        assertStatic(POSTGRESQL, "id = -?", single("-?[2]"));
        assertStatic(MARIADB, "id = ? && last_name = 'x'", single("?[2]"));
    }

    private static void assertStatic(Dialect d, String where, List<List<String>> expected) {
        StatementPlan plan = plan(d, "UPDATE person SET first_name = ? WHERE " + where);
        assertTrue(keysFromTextOnly(plan), d + " " + where + ": " + plan);
        assertEquals(expected, rows(write(plan).keys()), d + " " + where);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // composite keys and other tables' columns

    @Test
    void compositeKeysNeedEveryColumnPinned() {
        for (Dialect d : List.of(POSTGRESQL, MARIADB, H2)) {
            assertFalse(keysFromTextOnly(plan(d, "UPDATE orders SET amount = ? WHERE tenant = ?")), d.toString());
            assertFalse(keysFromTextOnly(plan(d, "UPDATE orders SET amount = ? WHERE num = ?")), d.toString());
            assertFalse(keysFromTextOnly(plan(d, "DELETE FROM orders WHERE tenant = ? AND (num = ? OR amount = 0)")),
                    d.toString());
            assertFalse(keysFromTextOnly(plan(d, "DELETE FROM orders WHERE tenant = ? OR num = ?")), d.toString());
            assertFalse(keysFromTextOnly(plan(d, "DELETE FROM orders WHERE (tenant, amount) IN ((?, ?))")),
                    d.toString());
            assertTrue(keysFromTextOnly(plan(d, "DELETE FROM orders WHERE num = ? AND tenant = ?")), d.toString());
            assertEquals(List.of(List.of("?[2]", "?[1]")),
                    rows(write(plan(d, "DELETE FROM orders WHERE num = ? AND tenant = ?")).keys()));
        }
    }

    @Test
    void aQualifiedColumnOfAnotherTableIsNotOurKey() {
        assertFalse(keysFromTextOnly(plan(MARIADB,
                "UPDATE person p JOIN staff s ON s.pid = p.id SET p.first_name = ? WHERE s.id = ?")));
        assertFalse(keysFromTextOnly(plan(MARIADB,
                "UPDATE person p JOIN staff s ON s.pid = p.id SET p.first_name = ? WHERE id = ?")));
        assertFalse(keysFromTextOnly(plan(MARIADB,
                "UPDATE person p JOIN person q ON q.id = p.ref SET p.first_name = q.first_name WHERE q.id = ?")));
        assertFalse(keysFromTextOnly(plan(MARIADB,
                "UPDATE person, staff SET person.first_name = staff.name WHERE staff.id = ?")));
        assertFalse(keysFromTextOnly(plan(POSTGRESQL,
                "UPDATE person p SET first_name = s.name FROM staff s WHERE s.id = ? AND s.pid = p.id")));
        assertFalse(keysFromTextOnly(plan(POSTGRESQL,
                "UPDATE person p SET first_name = s.name FROM person s WHERE s.id = ? AND s.ref = p.id")));
        assertFalse(keysFromTextOnly(plan(POSTGRESQL,
                "DELETE FROM person p USING staff s WHERE s.id = ? AND s.pid = p.id")));
        assertFalse(keysFromTextOnly(plan(MARIADB, "UPDATE person p SET first_name = ? WHERE other.id = ?")));
        // The written table's own qualifier is fine.
        assertTrue(keysFromTextOnly(plan(MARIADB,
                "UPDATE person p JOIN staff s ON s.pid = p.id SET p.first_name = ? WHERE p.id = ?")));
        assertTrue(keysFromTextOnly(plan(POSTGRESQL,
                "UPDATE person p SET first_name = s.name FROM staff s WHERE p.id = ? AND s.pid = p.id")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // where the database reads the text differently from JSqlParser

    /** In MariaDB and MySQL (without ANSI_QUOTES) {@code "id"} is a string literal, not the column. */
    @Test
    void doubleQuotedWordIsAStringOnMariaDb() {
        // "id" = ? is 'id' = ?: true for every row when ? is bound to 'id', false otherwise.
        assertFallsBack(MARIADB, "UPDATE person SET first_name = ? WHERE \"id\" = ?");
    }

    /** PostgreSQL and H2 fold only unquoted names: {@code "ID"} is another column than {@code id}. */
    @Test
    void quotedNameInAnotherCaseIsAnotherColumnOnPostgreSql() {
        assertFallsBack(POSTGRESQL, "UPDATE person SET first_name = ? WHERE \"ID\" = ?");
    }

    /** MySQL and MariaDB run the text of a {@code /*! ... *}{@code /} comment. */
    @Test
    void executableCommentsOnMariaDb() {
        assertFallsBack(MARIADB, "UPDATE person SET first_name = ? WHERE id = ? /*! OR 1 = 1 */");
        assertFallsBack(MARIADB, "DELETE FROM person WHERE id = ? /*!50000 OR 1 = 1 */");
        assertFallsBack(MARIADB, "DELETE FROM person WHERE id = ? /*M! OR 1 = 1 */");
    }

    /** MariaDB's {@code #} starts a comment; JSqlParser reads PostgreSQL's XOR operator. */
    @Test
    void hashCommentOnMariaDb() {
        // MariaDB: id = ? AND last_name = 'x' OR 1 = 1. JSqlParser: id = ? AND last_name = ('x' # '...').
        assertFallsBack(MARIADB, "UPDATE person SET first_name = ? WHERE id = ? AND last_name = 'x' # '\n"
                + " OR 1 = 1 -- '");
    }

    /** In MariaDB {@code --} starts a comment only when a space follows; JSqlParser always takes it as one. */
    @Test
    void doubleDashWithoutASpaceIsNotACommentOnMariaDb() {
        // MariaDB: id = ? - (-1) OR 1 = 1. JSqlParser: id = ?, then a comment.
        assertFallsBack(MARIADB, "DELETE FROM person WHERE id = ? --1 OR 1 = 1");
    }

    /** A pre-image whose FOR UPDATE ends up in a MariaDB {@code #} comment locks nothing. */
    @Test
    void preImageLockIsNotCommentedOutOnMariaDb() {
        StatementPlan plan = plan(MARIADB, "UPDATE person SET first_name = ? WHERE last_name = ? # note");
        if (plan.kind() == StatementPlan.Kind.WRITE) {
            for (String pre : preImages(plan.write().keys())) {
                int hash = pre.indexOf('#');
                int lock = pre.indexOf("FOR UPDATE");
                assertTrue(hash < 0 || lock < hash, "FOR UPDATE is in a comment: " + pre);
            }
        }
    }

    /** MariaDB and MySQL generate a new AUTO_INCREMENT value for an inserted 0, as for NULL. */
    @Test
    void zeroKeyIsGeneratedOnMariaDb() {
        StatementPlan plan = plan(MARIADB, "INSERT INTO person (id, first_name) VALUES (0, ?)");
        assertFalse(keysFromTextOnly(plan), "the row gets a generated key, not 0: " + plan);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // randomized: generated WHERE clauses, checked against a three-valued evaluation

    /** A boolean SQL expression over the row's columns, parameters and opaque subqueries. */
    private interface Pred {
        /** TRUE, FALSE or null (UNKNOWN). */
        Boolean eval(Env env);

        void render(StringBuilder sql, Render r);
    }

    /** One value: a column, a parameter, a literal or NULL. */
    private interface Val {
        Integer eval(Env env);

        void render(StringBuilder sql, Render r);
    }

    private record Env(int[] row, Integer[] params, boolean[] opaque) {
    }

    /** Numbers the parameters in the order they are written. */
    private static final class Render {
        int params;
        int opaque;
    }

    private record Col(int index, String name) implements Val {
        public Integer eval(Env env) {
            int v = env.row()[index];
            return v == Integer.MIN_VALUE ? null : v;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append(name);
        }
    }

    private static final class Param implements Val {
        int position = -1;

        public Integer eval(Env env) {
            return env.params()[position];
        }

        public void render(StringBuilder sql, Render r) {
            position = r.params++;
            sql.append('?');
        }
    }

    private record Lit(Integer value) implements Val {
        public Integer eval(Env env) {
            return value;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append(value == null ? "NULL" : value.toString());
        }
    }

    /** {@code col + 0}: a computed value that is not a bare column. */
    private record Plus0(Col col) implements Val {
        public Integer eval(Env env) {
            return col.eval(env);
        }

        public void render(StringBuilder sql, Render r) {
            col.render(sql, r);
            sql.append(" + 0");
        }
    }

    private record Cmp(Val left, String op, Val right) implements Pred {
        public Boolean eval(Env env) {
            Integer a = left.eval(env);
            Integer b = right.eval(env);
            if (a == null || b == null) {
                return null;
            }
            return switch (op) {
                case "=" -> a.equals(b);
                case "<>" -> !a.equals(b);
                case "<" -> a < b;
                default -> a > b;
            };
        }

        public void render(StringBuilder sql, Render r) {
            left.render(sql, r);
            sql.append(' ').append(op).append(' ');
            right.render(sql, r);
        }
    }

    private record In(Val left, List<Val> list, boolean not) implements Pred {
        public Boolean eval(Env env) {
            Integer a = left.eval(env);
            if (a == null) {
                return null;
            }
            boolean unknown = false;
            for (Val v : list) {
                Integer b = v.eval(env);
                if (b == null) {
                    unknown = true;
                } else if (a.equals(b)) {
                    return !not;
                }
            }
            return unknown ? null : not;
        }

        public void render(StringBuilder sql, Render r) {
            left.render(sql, r);
            sql.append(not ? " NOT IN (" : " IN (");
            for (int i = 0; i < list.size(); i++) {
                sql.append(i == 0 ? "" : ", ");
                list.get(i).render(sql, r);
            }
            sql.append(')');
        }
    }

    /** {@code (a, b) IN ((v, w), ...)}. */
    private record RowIn(List<Col> cols, List<List<Val>> tuples) implements Pred {
        public Boolean eval(Env env) {
            boolean unknown = false;
            for (List<Val> tuple : tuples) {
                Boolean eq = Boolean.TRUE;
                for (int i = 0; i < cols.size(); i++) {
                    Integer a = cols.get(i).eval(env);
                    Integer b = tuple.get(i).eval(env);
                    if (a == null || b == null) {
                        if (eq != Boolean.FALSE) {
                            eq = null;
                        }
                    } else if (!a.equals(b)) {
                        eq = Boolean.FALSE;
                    }
                }
                if (eq == Boolean.TRUE) {
                    return true;
                }
                unknown |= eq == null;
            }
            return unknown ? null : false;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append('(');
            for (int i = 0; i < cols.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(cols.get(i).name());
            }
            sql.append(") IN (");
            for (int t = 0; t < tuples.size(); t++) {
                sql.append(t == 0 ? "(" : ", (");
                for (int i = 0; i < tuples.get(t).size(); i++) {
                    sql.append(i == 0 ? "" : ", ");
                    tuples.get(t).get(i).render(sql, r);
                }
                sql.append(')');
            }
            sql.append(')');
        }
    }

    private record IsNull(Col col) implements Pred {
        public Boolean eval(Env env) {
            return col.eval(env) == null;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append(col.name()).append(" IS NULL");
        }
    }

    /** An uncorrelated subquery: any truth value, enumerated. */
    private static final class Opaque implements Pred {
        int index = -1;

        public Boolean eval(Env env) {
            return env.opaque()[index];
        }

        public void render(StringBuilder sql, Render r) {
            index = r.opaque++;
            sql.append("EXISTS (SELECT 1 FROM staff WHERE staff.k = ").append(index).append(')');
        }
    }

    private record And(Pred a, Pred b, boolean parens) implements Pred {
        public Boolean eval(Env env) {
            Boolean x = a.eval(env);
            Boolean y = b.eval(env);
            if (x == Boolean.FALSE || y == Boolean.FALSE) {
                return false;
            }
            return x == null || y == null ? null : true;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append(parens ? "(" : "");
            child(a, sql, r, a instanceof Or);
            sql.append(" AND ");
            child(b, sql, r, b instanceof Or);
            sql.append(parens ? ")" : "");
        }
    }

    private record Or(Pred a, Pred b) implements Pred {
        public Boolean eval(Env env) {
            Boolean x = a.eval(env);
            Boolean y = b.eval(env);
            if (x == Boolean.TRUE || y == Boolean.TRUE) {
                return true;
            }
            return x == null || y == null ? null : false;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append('(');
            a.render(sql, r);
            sql.append(" OR ");
            b.render(sql, r);
            sql.append(')');
        }
    }

    private record Not(Pred a) implements Pred {
        public Boolean eval(Env env) {
            Boolean x = a.eval(env);
            return x == null ? null : !x;
        }

        public void render(StringBuilder sql, Render r) {
            sql.append("NOT (");
            a.render(sql, r);
            sql.append(')');
        }
    }

    /** {@code (p) = FALSE}, {@code (p) IS NOT TRUE}, {@code CASE WHEN p THEN q ELSE s END}. */
    private record Wrapped(String kind, Pred a, Pred b, Pred c) implements Pred {
        public Boolean eval(Env env) {
            Boolean x = a.eval(env);
            return switch (kind) {
                case "eqfalse" -> x == null ? null : !x;
                case "isnottrue" -> x != Boolean.TRUE;
                default -> x == Boolean.TRUE ? b.eval(env) : c.eval(env);
            };
        }

        public void render(StringBuilder sql, Render r) {
            switch (kind) {
                case "eqfalse" -> {
                    sql.append('(');
                    a.render(sql, r);
                    sql.append(") = FALSE");
                }
                case "isnottrue" -> {
                    sql.append('(');
                    a.render(sql, r);
                    sql.append(") IS NOT TRUE");
                }
                default -> {
                    sql.append("CASE WHEN ");
                    a.render(sql, r);
                    sql.append(" THEN ");
                    b.render(sql, r);
                    sql.append(" ELSE ");
                    c.render(sql, r);
                    sql.append(" END");
                }
            }
        }
    }

    private static void child(Pred p, StringBuilder sql, Render r, boolean parens) {
        sql.append(parens ? "(" : "");
        p.render(sql, r);
        sql.append(parens ? ")" : "");
    }

    /** Generates predicates over a table's columns: {@code keys} first, then the nullable column {@code x}. */
    private static final class Generator {
        final Random random;
        final List<Col> keys;
        final Col x;

        Generator(long seed, List<String> keyNames, int xIndex) {
            this.random = new Random(seed);
            this.keys = new ArrayList<>();
            for (int i = 0; i < keyNames.size(); i++) {
                keys.add(new Col(i, keyNames.get(i)));
            }
            this.x = new Col(xIndex, "amount");
        }

        Val value() {
            int n = random.nextInt(10);
            if (n < 6) {
                return new Param();
            }
            if (n < 9) {
                return new Lit(1 + random.nextInt(3));
            }
            return new Lit(null);
        }

        Col column() {
            return random.nextInt(3) == 0 ? x : keys.get(random.nextInt(keys.size()));
        }

        Pred atom() {
            int n = random.nextInt(20);
            if (n < 7) {
                Col c = column();
                Val left = random.nextInt(8) == 0 ? new Plus0(c) : c;
                String op = random.nextInt(5) == 0 ? new String[]{"<>", "<", ">"}[random.nextInt(3)] : "=";
                return random.nextBoolean() ? new Cmp(left, op, value()) : new Cmp(value(), op, left);
            }
            if (n < 11) {
                List<Val> list = new ArrayList<>();
                for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
                    list.add(value());
                }
                return new In(column(), list, random.nextInt(5) == 0);
            }
            if (n < 13 && keys.size() > 1) {
                List<List<Val>> tuples = new ArrayList<>();
                for (int t = 0, k = 1 + random.nextInt(2); t < k; t++) {
                    tuples.add(List.of(value(), value()));
                }
                List<Col> cols = random.nextBoolean() ? keys : List.of(keys.get(1), keys.get(0));
                return new RowIn(cols, tuples);
            }
            if (n < 14) {
                return new IsNull(x);
            }
            if (n < 16) {
                return new Opaque();
            }
            return new Cmp(column(), "=", value());
        }

        Pred pred(int depth) {
            if (depth == 0 || random.nextInt(4) == 0) {
                return atom();
            }
            int n = random.nextInt(16);
            if (n < 8) {
                return new And(pred(depth - 1), pred(depth - 1), random.nextInt(4) == 0);
            }
            if (n < 11) {
                return new Or(pred(depth - 1), pred(depth - 1));
            }
            if (n < 13) {
                return new Not(pred(depth - 1));
            }
            String kind = new String[]{"eqfalse", "isnottrue", "case"}[random.nextInt(3)];
            return new Wrapped(kind, pred(depth - 1), atom(), atom());
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\(?-?\\?\\)?(?:::int)?");

    /** The value a key slot takes under the given parameters; fails for fragments the generator never writes. */
    private static Integer slotValue(KeySlot slot, Integer[] params, int firstWhereParam, String sql) {
        if (!(slot instanceof KeySlot.Fixed f)) {
            fail("a generated slot for an UPDATE or DELETE: " + sql);
            return null;
        }
        String text = f.fragment().sql();
        Matcher m = PARAM.matcher(text);
        if (m.matches()) {
            assertEquals(1, f.fragment().parameterCount(), text);
            Integer v = params[f.fragment().parameter(0) - firstWhereParam];
            return v == null ? null : text.contains("-") ? -v : v;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            fail("unexpected fragment " + text + " in " + sql);
            return null;
        }
    }

    private static final int NULL = Integer.MIN_VALUE;
    private static final Integer[] PARAM_VALUES = {1, 2, 3, null};

    /**
     * Checks a plan that claims static keys: for every binding of the parameters, every truth value of the opaque
     * subqueries and every row, a row the WHERE clause accepts has one of the claimed keys.
     */
    private static void check(Pred where, String sql, int paramCount, int opaqueCount, List<List<KeySlot>> claimed,
                              int keyWidth, int[][] rowsToTry, int firstWhereParam) {
        Integer[] params = new Integer[paramCount];
        int bindings = (int) Math.pow(PARAM_VALUES.length, paramCount);
        for (int b = 0; b < bindings; b++) {
            int rest = b;
            for (int i = 0; i < paramCount; i++) {
                params[i] = PARAM_VALUES[rest % PARAM_VALUES.length];
                rest /= PARAM_VALUES.length;
            }
            List<Integer[]> keys = new ArrayList<>();
            for (List<KeySlot> row : claimed) {
                Integer[] key = new Integer[keyWidth];
                for (int k = 0; k < keyWidth; k++) {
                    key[k] = slotValue(row.get(k), params, firstWhereParam, sql);
                }
                keys.add(key);
            }
            for (int o = 0; o < (1 << opaqueCount); o++) {
                boolean[] opaque = new boolean[opaqueCount];
                for (int i = 0; i < opaqueCount; i++) {
                    opaque[i] = (o & (1 << i)) != 0;
                }
                for (int[] row : rowsToTry) {
                    Env env = new Env(row, params, opaque);
                    if (where.eval(env) != Boolean.TRUE) {
                        continue;
                    }
                    boolean covered = false;
                    for (Integer[] key : keys) {
                        boolean same = true;
                        for (int k = 0; k < keyWidth; k++) {
                            same &= key[k] != null && key[k] == row[k];
                        }
                        covered |= same;
                    }
                    if (!covered) {
                        fail("unsound static keys for\n  " + sql + "\nrow " + java.util.Arrays.toString(row)
                                + " matches with parameters " + java.util.Arrays.toString(params) + " and subqueries "
                                + java.util.Arrays.toString(opaque) + ", but the plan only syncs " + claimed);
                    }
                }
            }
        }
    }

    private static int[][] candidateRows(int keyWidth) {
        List<int[]> rows = new ArrayList<>();
        int[] keyValues = keyWidth == 1 ? new int[]{1, 2, 3} : new int[]{1, 2};
        int[] xValues = {1, 2, NULL};
        if (keyWidth == 1) {
            for (int k : keyValues) {
                for (int x : xValues) {
                    rows.add(new int[]{k, x});
                }
            }
        } else {
            for (int a : keyValues) {
                for (int b : keyValues) {
                    for (int x : xValues) {
                        rows.add(new int[]{a, b, x});
                    }
                }
            }
        }
        return rows.toArray(new int[0][]);
    }

    private static void randomized(long seed, int count, Dialect dialect, List<String> keyNames, String table,
                                   boolean delete) {
        Generator g = new Generator(seed, keyNames, keyNames.size());
        int[][] rowsToTry = candidateRows(keyNames.size());
        int claims = 0;
        int checked = 0;
        for (int i = 0; i < count; i++) {
            Pred where = g.pred(3);
            Render r = new Render();
            StringBuilder text = new StringBuilder();
            where.render(text, r);
            if (r.params > 5) {
                continue;
            }
            String sql = delete ? "DELETE FROM " + table + " WHERE " + text
                    : "UPDATE " + table + " SET memo = ? WHERE " + text;
            int firstWhereParam = delete ? 1 : 2;
            StatementPlan plan = plan(dialect, sql);
            if (plan.kind() == StatementPlan.Kind.UNSUPPORTED) {
                continue;
            }
            checked++;
            assertEquals(StatementPlan.Kind.WRITE, plan.kind(), sql + ": " + plan);
            if (!keysFromTextOnly(plan)) {
                continue;
            }
            claims++;
            check(where, sql, r.params, r.opaque, plan.write().keys().rows(), keyNames.size(), rowsToTry,
                    firstWhereParam);
        }
        assertTrue(checked > count / 2, "most generated statements parse: " + checked + " of " + count);
        assertTrue(claims > count / 20, "enough plans claim static keys to mean something: " + claims);
    }

    /** The oracle itself: it must reject a claim that misses rows, and accept one that does not. */
    @Test
    void theCheckerCatchesAnUnsoundClaim() {
        Col id = new Col(0, "id");
        Col x = new Col(1, "amount");
        Param p = new Param();
        Pred where = new Or(new Cmp(id, "=", p), new Cmp(x, "=", new Lit(1)));
        Render r = new Render();
        StringBuilder text = new StringBuilder();
        where.render(text, r);
        assertEquals("(id = ? OR amount = 1)", text.toString());
        StatementPlan claimed = plan(POSTGRESQL, "DELETE FROM person WHERE id = ?");
        List<List<KeySlot>> keys = claimed.write().keys().rows();
        assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> check(where, text.toString(), 1, 0, keys, 1, candidateRows(1), 1));
        Pred sound = new And(new Cmp(p, "=", id), new Cmp(x, "=", new Lit(1)), false);
        check(sound, "id = ? AND amount = 1", 1, 0, keys, 1, candidateRows(1), 1);
    }

    @Test
    void randomWhereClausesOnASingleColumnKey() {
        randomized(20240611L, 1500, POSTGRESQL, List.of("id"), "person", false);
        randomized(77L, 1500, MARIADB, List.of("id"), "person", true);
        randomized(5L, 800, H2, List.of("id"), "person", false);
    }

    @Test
    void randomWhereClausesOnACompositeKey() {
        randomized(1234L, 1500, POSTGRESQL, List.of("tenant", "num"), "orders", true);
        randomized(99L, 1500, MARIADB, List.of("tenant", "num"), "orders", false);
    }
}
