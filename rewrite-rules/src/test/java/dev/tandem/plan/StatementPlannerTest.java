package dev.tandem.plan;

import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.tandem.plan.PlanFixtures.ORDERS;
import static dev.tandem.plan.PlanFixtures.PERSON;
import static dev.tandem.plan.PlanFixtures.RULES;
import static dev.tandem.plan.PlanFixtures.SHAPES;
import static dev.tandem.plan.PlanFixtures.USERS;
import static dev.tandem.plan.PlanFixtures.assertWrite;
import static dev.tandem.plan.PlanFixtures.plan;
import static dev.tandem.plan.PlanFixtures.planner;
import static dev.tandem.plan.PlanFixtures.preImages;
import static dev.tandem.plan.PlanFixtures.rows;
import static dev.tandem.plan.PlanFixtures.single;
import static dev.tandem.plan.PlanFixtures.uniques;
import static dev.tandem.plan.PlanFixtures.write;
import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.sql.Dialect.WriteKind.DELETE;
import static dev.tandem.sql.Dialect.WriteKind.INSERT;
import static dev.tandem.sql.Dialect.WriteKind.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StatementPlanner}: what Tandem decides to do with each SQL text, per database. */
class StatementPlannerTest {
    private static final List<String> NO_PRE_IMAGE = List.of();
    private static final List<List<String>> NO_ROWS = List.of();

    private static void assertKind(StatementPlan plan, StatementPlan.Kind kind, boolean mayWrite) {
        assertEquals(kind, plan.kind(), plan.toString());
        assertEquals(mayWrite, plan.mayWrite(), plan.toString());
        if (kind != StatementPlan.Kind.WRITE) {
            assertNull(plan.write());
        }
    }

    private static StatementPlan unsupported(Dialect dialect, String sql, boolean mayWrite) {
        StatementPlan plan = plan(dialect, sql);
        assertKind(plan, StatementPlan.Kind.UNSUPPORTED, mayWrite);
        assertTrue(plan.reason() != null && !plan.reason().isBlank(), plan.toString());
        return plan;
    }

    // ===============================================================================================================
    @Nested
    class Insert {
        @Test
        void explicitKeyIsKnownFromTheText() {
            String sql = "INSERT INTO person (id, first_name) VALUES (?, ?)";
            assertWrite(plan(POSTGRESQL, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"),
                    NO_PRE_IMAGE);
            // H2 turns a NULL bound to an identity column into a generated value: ask for the keys too.
            assertWrite(plan(H2, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, single("?[1]"),
                    NO_PRE_IMAGE);
            // MariaDB: a key parameter bound NULL at run time is left to the execution (asking for generated keys
            // would cost the driver its bulk batches).
            assertWrite(plan(MARIADB, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"),
                    NO_PRE_IMAGE);
        }

        @Test
        void literalAndCastKeys() {
            assertWrite(plan(H2, "INSERT INTO person (id, first_name) VALUES (5, ?)"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NONE, single("5[]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (first_name, id) VALUES (?, CAST(? AS int))"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("CAST(? AS int)[2]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (first_name, id) VALUES ('x', ?::bigint)"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?::bigint[1]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (ID, first_name) VALUES (-?, ?)"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("-?[1]"), NO_PRE_IMAGE);
        }

        @Test
        void generatedKey() {
            String sql = "INSERT INTO person (first_name) VALUES (?)";
            assertWrite(plan(POSTGRESQL, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    NO_PRE_IMAGE);
            assertWrite(plan(H2, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            WritePlan maria = assertWrite(plan(MARIADB, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT,
                    single("GEN"), NO_PRE_IMAGE);
            assertTrue(maria.keys().hasGeneratedSlots());
            assertFalse(maria.keys().allRowsGenerated());
            assertEquals(List.of("id"), maria.keyColumns());
            assertEquals(List.of(PERSON), maria.migrations());
            assertTrue(maria.shape().startsWith("INSERT"), maria.shape());
        }

        @Test
        void multiRow() {
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?), (?, ?), (7, 'x')"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]", "?[3]", "7[]"), NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, "INSERT INTO person (id, first_name) VALUES (NULL, ?), (?, ?), (DEFAULT, ?)"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT, single("GEN", "?[2]", "GEN"),
                    NO_PRE_IMAGE);
            // One generated key among fixed ones: the fixed rows are not enough.
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?), (DEFAULT, ?)"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
        }

        @Test
        void defaultOrNullKey() {
            for (String v : List.of("DEFAULT", "NULL", "default")) {
                String sql = "INSERT INTO person (id, first_name) VALUES (" + v + ", ?)";
                assertWrite(plan(POSTGRESQL, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                        NO_PRE_IMAGE);
                assertWrite(plan(H2, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                        NO_PRE_IMAGE);
                assertWrite(plan(MARIADB, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT, single("GEN"),
                        NO_PRE_IMAGE);
            }
            assertWrite(plan(POSTGRESQL, "INSERT INTO person DEFAULT VALUES"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
        }

        @Test
        void computedKey() {
            String sql = "INSERT INTO person (id, first_name) VALUES (nextval('person_seq'), ?)";
            assertWrite(plan(POSTGRESQL, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    NO_PRE_IMAGE);
            assertWrite(plan(H2, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            StatementPlan maria = unsupported(MARIADB, sql, true);
            assertTrue(maria.reason().contains("computed"), maria.reason());
        }

        @Test
        void insertSelect() {
            String sql = "INSERT INTO person (id, first_name) SELECT id, name FROM staff WHERE x = ?";
            assertWrite(plan(POSTGRESQL, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    NO_PRE_IMAGE);
            assertWrite(plan(H2, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            // MariaDB asks for generated keys too: the SELECT may give NULL or 0 keys, which the database generates.
            WritePlan maria = assertWrite(plan(MARIADB, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT,
                    NO_ROWS,
                    List.of("SELECT tandem_src.id FROM (SELECT id, name FROM staff WHERE x = ?) tandem_src [1]"));
            assertFalse(maria.keys().allRowsGenerated());
            assertTrue(maria.shape().contains("SELECT"), maria.shape());

            assertWrite(plan(MARIADB, "INSERT INTO person (first_name, id) SELECT s.name, s.pid AS pk FROM staff s "
                            + "WHERE s.x = ? LIMIT ?"), INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT, NO_ROWS,
                    List.of("SELECT tandem_src.pk FROM (SELECT s.name, s.pid AS pk FROM staff s WHERE s.x = ? LIMIT ?)"
                            + " tandem_src [1,2]"));

            WritePlan generated = assertWrite(plan(MARIADB, "INSERT INTO person (first_name) SELECT name FROM staff"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT, NO_ROWS, NO_PRE_IMAGE);
            assertTrue(generated.keys().allRowsGenerated());

            unsupported(MARIADB, "INSERT INTO person (id, first_name) SELECT id + 1000, name FROM staff", true);
            unsupported(MARIADB, "INSERT INTO person (id, first_name) SELECT id, name FROM a UNION SELECT id, name "
                    + "FROM b", true);
        }

        @Test
        void insertSet() {
            assertWrite(plan(MARIADB, "INSERT INTO person SET first_name = ?, id = ?"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NONE, single("?[2]"), NO_PRE_IMAGE);
        }

        @Test
        void withoutAColumnListTheTableShapeIsUsed() {
            assertWrite(planner(MARIADB).plan("INSERT INTO person VALUES (?, ?, ?, ?)", SHAPES), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            assertWrite(planner(POSTGRESQL).plan("INSERT INTO orders VALUES (?, ?, ?, ?)", SHAPES), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, List.of(List.of("?[1]", "?[2]")), NO_PRE_IMAGE);
            StatementPlan unknown = planner(MARIADB).plan("INSERT INTO person VALUES (?, ?, ?, ?)");
            assertKind(unknown, StatementPlan.Kind.UNSUPPORTED, true);
            assertTrue(unknown.reason().contains("column"), unknown.reason());
            unsupported(POSTGRESQL, "INSERT INTO person VALUES (?, ?)", true); // 2 values for 4 columns
        }

        @Test
        void compositeKey() {
            assertWrite(plan(MARIADB, "INSERT INTO orders (num, amount, tenant) VALUES (?, ?, ?)"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, List.of(List.of("?[3]", "?[1]")), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO orders (num, tenant, amount) VALUES (?, 7, ?)"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, List.of(List.of("7[]", "?[1]")), NO_PRE_IMAGE);
            StatementPlan partial = unsupported(MARIADB, "INSERT INTO orders (tenant, amount) VALUES (?, ?)", true);
            assertTrue(partial.reason().contains("composite"), partial.reason());
        }

        @Test
        void ownReturning() {
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?) RETURNING id"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            unsupported(POSTGRESQL, "INSERT INTO person (first_name) VALUES (?) RETURNING id", true);
            unsupported(MARIADB, "INSERT INTO person (id, first_name) VALUES (?, ?) RETURNING id", true);
        }

        @Test
        void aStatementThatOnlyReadsTheTable() {
            StatementPlan plan = plan(POSTGRESQL, "INSERT INTO staff (a) SELECT first_name FROM person WHERE id = ?");
            assertKind(plan, StatementPlan.Kind.READ, false);
            assertEquals(List.of(PERSON), plan.migrations());
        }

        @Test
        void onConflict() {
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT (id) DO "
                            + "UPDATE SET first_name = EXCLUDED.first_name"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NAMED_COLUMNS, single("?[1]"), NO_PRE_IMAGE);
            // Conflict on another column: the row updated may have another key, which only RETURNING tells.
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, email) VALUES (?, ?) ON CONFLICT (email) DO "
                            + "UPDATE SET first_name = ? WHERE person.last_name = ?"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NAMED_COLUMNS, single("?[1]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, single("?[1]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (first_name) VALUES (?) ON CONFLICT (email) DO NOTHING"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            assertWrite(plan(H2, "INSERT INTO person (id, first_name) VALUES (5, ?) ON CONFLICT (id) DO NOTHING"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, single("5[]"), NO_PRE_IMAGE);
            // With its own RETURNING, a conflict on the key keeps the key known.
            assertWrite(plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT (id) DO "
                            + "UPDATE SET first_name = ? RETURNING id"), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE,
                    single("?[1]"), NO_PRE_IMAGE);
            unsupported(POSTGRESQL, "INSERT INTO person (id, email) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET "
                    + "first_name = ? RETURNING id", true);
        }

        /**
         * An upsert whose UPDATE part changes the key: the conflicting row leaves {@code from} under its old key and
         * comes back under a new one. The mirror must delete the old key's row of {@code to} (sync BOTH) and learn
         * the new key, or refuse the statement.
         */
        @Test
        void onConflictThatChangesTheKey() {
            StatementPlan pg = plan(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT (id) "
                    + "DO UPDATE SET id = EXCLUDED.id + 1000");
            assertTrue(pg.kind() == StatementPlan.Kind.UNSUPPORTED
                            || (pg.kind() == StatementPlan.Kind.WRITE && pg.write().sync().deletes()),
                    "the old key's row of `to` is never removed: " + pg);
        }

        @Test
        void onDuplicateKeyUpdateThatChangesTheKey() {
            StatementPlan maria = plan(MARIADB, "INSERT INTO person (email, id) VALUES (?, ?) ON DUPLICATE KEY "
                    + "UPDATE id = ?");
            boolean handled = maria.kind() == StatementPlan.Kind.UNSUPPORTED
                    || (maria.kind() == StatementPlan.Kind.WRITE && maria.write().sync().deletes()
                    && rows(maria.write().keys()).contains(List.of("?[3]")));
            assertTrue(handled, "the old key stays in `to` and the new key ?3 is never synced: " + maria
                    + " rows=" + (maria.write() == null ? null : rows(maria.write().keys())));
        }

        @Test
        void onDuplicateKeyUpdate() {
            String sql = "INSERT INTO person (id, email) VALUES (?, ?) ON DUPLICATE KEY UPDATE email = VALUES(email)";
            WritePlan w = assertWrite(plan(MARIADB, sql), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE,
                    single("?[1]"), List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [2]"));
            assertTrue(w.shape().contains("ON DUPLICATE KEY UPDATE"), w.shape());

            assertWrite(plan(MARIADB, "INSERT INTO person (id, email) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE "
                            + "first_name = ?"), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE,
                    single("?[1]", "?[3]"), List.of("SELECT id FROM person WHERE email IN (?, ?) FOR UPDATE [2,4]"));
            assertWrite(plan(MARIADB, "INSERT INTO person (email, first_name) VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                            + "first_name = ?"), INSERT, SyncMode.UPSERT, ReturnedKeys.AUTO_INCREMENT, single("GEN"),
                    List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [1]"));
            assertWrite(plan(MARIADB,
                            "INSERT INTO person SET id = ?, email = ? ON DUPLICATE KEY UPDATE first_name = ?"),
                    INSERT, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"),
                    List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [2]"));
            assertWrite(plan(MARIADB, "INSERT INTO person (id, email) SELECT sid, semail FROM staff WHERE x = ? "
                            + "ON DUPLICATE KEY UPDATE first_name = ?"), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.AUTO_INCREMENT, NO_ROWS,
                    List.of("SELECT tandem_src.sid FROM (SELECT sid, semail FROM staff WHERE x = ?) tandem_src [1]",
                            "SELECT id FROM person WHERE email IN (SELECT tandem_src.semail FROM (SELECT sid, semail "
                                    + "FROM staff WHERE x = ?) tandem_src) FOR UPDATE [1]"));

            // Only the primary key is unique: nothing else can conflict.
            assertWrite(planner(MARIADB).plan("INSERT INTO person (id, first_name) VALUES (?, ?) ON DUPLICATE KEY "
                            + "UPDATE first_name = ?", uniques(List.of(List.of("id")))), INSERT, SyncMode.UPSERT,
                    ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            // Another unique key that the statement does not write: its default may conflict.
            assertWrite(plan(MARIADB, "INSERT INTO person (id, first_name) VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                    + "first_name = ?"), INSERT, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"),
                    List.of("SELECT id FROM person WHERE email IN (DEFAULT(email)) FOR UPDATE []"));
            // Unique keys unknown.
            StatementPlan unknown = planner(MARIADB).plan(sql);
            assertKind(unknown, StatementPlan.Kind.UNSUPPORTED, true);
            assertTrue(unknown.reason().contains("unique"), unknown.reason());
        }

        /**
         * A unique key the upsert does not write may still conflict through its default: {@code DEFAULT(col)} stands
         * for it in the search for conflicting rows (a NULL default conflicts with nothing), whether or not another
         * unique key is written.
         */
        @Test
        void onDuplicateKeyUpdateFindsConflictsOnAnUnwrittenUniqueKeyThroughItsDefault() {
            TableShapes three = uniques(List.of(List.of("id"), List.of("email"), List.of("code")));
            TableShapes two = uniques(List.of(List.of("id"), List.of("code")));
            String sql = "INSERT INTO person (id, email) VALUES (?, ?) ON DUPLICATE KEY UPDATE first_name = 'x'";
            StatementPlan onlyCode = planner(MARIADB).plan(sql, two);
            assertEquals(List.of("SELECT id FROM person WHERE code IN (DEFAULT(code)) FOR UPDATE []"),
                    preImages(onlyCode.write().keys()));
            StatementPlan both = planner(MARIADB).plan(sql, three);
            assertEquals(List.of("SELECT id FROM person WHERE email IN (?) OR code IN (DEFAULT(code)) FOR UPDATE [2]"),
                    preImages(both.write().keys()));
        }

        @Test
        void replace() {
            assertWrite(plan(MARIADB, "REPLACE INTO person (id, email) VALUES (?, ?)"), INSERT, SyncMode.BOTH,
                    ReturnedKeys.NONE, single("?[1]"),
                    List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [2]"));
            assertWrite(plan(MARIADB, "REPLACE INTO person (email, first_name) VALUES (?, ?)"), INSERT, SyncMode.BOTH,
                    ReturnedKeys.AUTO_INCREMENT, single("GEN"),
                    List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "REPLACE INTO person SET id = ?, email = ?"), INSERT, SyncMode.BOTH,
                    ReturnedKeys.NONE, single("?[1]"),
                    List.of("SELECT id FROM person WHERE email IN (?) FOR UPDATE [2]"));
            assertWrite(planner(MARIADB).plan("REPLACE INTO person (id, first_name) VALUES (?, ?)",
                            uniques(List.of(List.of("id")))), INSERT, SyncMode.BOTH, ReturnedKeys.NONE,
                    single("?[1]"), NO_PRE_IMAGE);
            assertKind(planner(MARIADB).plan("REPLACE INTO person (id, email) VALUES (?, ?)"),
                    StatementPlan.Kind.UNSUPPORTED, true);
            unsupported(POSTGRESQL, "REPLACE INTO person (id, email) VALUES (?, ?)", true);
            unsupported(H2, "REPLACE INTO person (id, email) VALUES (?, ?)", true);
        }

        @Test
        void columnLevelInsert() {
            WritePlan w = assertWrite(plan(POSTGRESQL, "INSERT INTO users (id, name) VALUES (?, ?)"), INSERT,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            assertEquals(List.of(USERS), w.migrations());
            assertTrue(w.needsMirror(USERS));
        }
    }

    // ===============================================================================================================
    @Nested
    class Update {
        @ParameterizedTest
        @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB", "H2"})
        void byKey(Dialect dialect) {
            assertWrite(plan(dialect, "UPDATE person SET first_name = ? WHERE id = ?"), UPDATE, SyncMode.UPSERT,
                    ReturnedKeys.NONE, single("?[2]"), NO_PRE_IMAGE);
            assertWrite(plan(dialect, "UPDATE person SET first_name = ? WHERE id IN (?, ?, 3)"), UPDATE,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?[2]", "?[3]", "3[]"), NO_PRE_IMAGE);
            assertWrite(plan(dialect, "UPDATE public.person p SET first_name = ? WHERE p.id = ? AND last_name = ?"),
                    UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[2]"), NO_PRE_IMAGE);
        }

        @Test
        void byPredicate() {
            String sql = "UPDATE person SET first_name = ? WHERE last_name = ?";
            assertWrite(plan(POSTGRESQL, sql), UPDATE, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    NO_PRE_IMAGE);
            assertWrite(plan(H2, sql), UPDATE, SyncMode.UPSERT, ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, sql), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [2]"));
            assertWrite(plan(MARIADB, "UPDATE person SET first_name = ?"), UPDATE, SyncMode.UPSERT,
                    ReturnedKeys.NONE, NO_ROWS, List.of("SELECT id FROM person FOR UPDATE []"));
        }

        @Test
        void whereOnTheChangedColumn() {
            // The pre-image runs before the UPDATE, so it still sees the old values.
            assertWrite(plan(MARIADB, "UPDATE person SET first_name = ? WHERE first_name = ? AND ? < last_name"),
                    UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE first_name = ? AND ? < last_name FOR UPDATE [2,3]"));
        }

        @Test
        void keyChange() {
            assertWrite(plan(MARIADB, "UPDATE person SET id = ? WHERE id = ?"), UPDATE, SyncMode.BOTH,
                    ReturnedKeys.NONE, single("?[1]", "?[2]"), NO_PRE_IMAGE);
            assertWrite(plan(POSTGRESQL, "UPDATE person SET id = ? WHERE id = ?"), UPDATE, SyncMode.BOTH,
                    ReturnedKeys.NAMED_COLUMNS, single("?[1]", "?[2]"), NO_PRE_IMAGE);
            WritePlan computed = assertWrite(plan(POSTGRESQL, "UPDATE person SET id = id + 1 WHERE last_name = ?"),
                    UPDATE, SyncMode.BOTH, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [1]"));
            assertTrue(computed.shape().contains("key"), computed.shape());
            unsupported(MARIADB, "UPDATE person SET id = id + 1 WHERE last_name = ?", true);
            assertWrite(plan(MARIADB, "UPDATE person SET id = ? WHERE last_name = ?"), UPDATE, SyncMode.BOTH,
                    ReturnedKeys.NONE, single("?[1]"),
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [2]"));
            // A new composite key of which only part is written: MariaDB cannot learn the rest.
            unsupported(MARIADB, "UPDATE orders SET num = ? WHERE tenant = ? AND num = ?", true);
            assertWrite(plan(MARIADB, "UPDATE orders SET num = ?, tenant = 7 WHERE tenant = ? AND num = ?"), UPDATE,
                    SyncMode.BOTH, ReturnedKeys.NONE, List.of(List.of("7[]", "?[1]"), List.of("?[2]", "?[3]")),
                    NO_PRE_IMAGE);
        }

        @Test
        void changingPartOfACompositeKeyWithoutKnowingTheRestIsNotStatic() {
            // SET num = ? alone: the new key's tenant is whatever the row had; MariaDB cannot return it.
            StatementPlan plan = plan(MARIADB, "UPDATE orders SET num = ? WHERE tenant = ? AND num = ?");
            if (plan.kind() == StatementPlan.Kind.WRITE) {
                WritePlan w = plan.write();
                assertEquals(SyncMode.BOTH, w.sync());
                for (List<String> row : rows(w.keys())) {
                    assertEquals(2, row.size(), row.toString());
                    assertFalse(row.contains("GEN"), "a GEN slot in an UPDATE cannot be learned: " + row);
                }
            }
        }

        @Test
        void updateFrom() {
            assertWrite(plan(POSTGRESQL, "UPDATE person p SET first_name = s.name FROM staff s WHERE s.pid = p.id "
                            + "AND s.x = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p, staff s WHERE s.pid = p.id AND s.x = ? FOR UPDATE OF p [1]"));
            assertWrite(plan(POSTGRESQL, "UPDATE person SET first_name = staff.name FROM staff WHERE staff.pid = "
                            + "person.id AND person.id = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE,
                    single("?[1]"), NO_PRE_IMAGE);
            // An unqualified id may be staff's.
            WritePlan w = write(plan(POSTGRESQL, "UPDATE person SET first_name = staff.name FROM staff WHERE "
                    + "staff.pid = person.id AND id = ?"));
            assertTrue(w.keys().rows().isEmpty(), rows(w.keys()).toString());
        }

        @Test
        void mysqlJoin() {
            assertWrite(plan(MARIADB, "UPDATE person p JOIN staff s ON s.pid = p.id SET p.first_name = s.name "
                            + "WHERE s.x = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ? FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "UPDATE person p JOIN staff s ON s.pid = p.id SET p.first_name = s.name "
                    + "WHERE p.id = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, "UPDATE person p, staff s SET p.first_name = s.name WHERE s.pid = p.id AND "
                            + "s.id = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p, staff s WHERE s.pid = p.id AND s.id = ? FOR UPDATE [1]"));
            // Only staff is written: person is read.
            assertKind(plan(MARIADB, "UPDATE staff s JOIN person p ON s.pid = p.id SET s.name = p.first_name "
                    + "WHERE p.id = ?"), StatementPlan.Kind.READ, false);
            unsupported(MARIADB, "UPDATE person p JOIN staff s ON s.pid = p.id SET first_name = s.name", true);
            unsupported(MARIADB, "UPDATE person p JOIN users u ON u.id = p.id SET p.first_name = ?, u.name = ?", true);
        }

        @Test
        void orderByLimit() {
            assertWrite(plan(MARIADB, "UPDATE person SET first_name = ? ORDER BY id LIMIT ?"), UPDATE,
                    SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person ORDER BY id LIMIT ? FOR UPDATE [2]"));
            assertWrite(plan(MARIADB, "UPDATE person SET first_name = ? WHERE last_name = ? ORDER BY id DESC "
                            + "LIMIT 10"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? ORDER BY id DESC LIMIT 10 FOR UPDATE [2]"));
        }

        @Test
        void preImageCopiesLiteralsVerbatimAndKeepsValuesAsParameters() {
            assertWrite(plan(MARIADB, "UPDATE person SET first_name = 'it\\'s' WHERE last_name = 'a\\'b' OR "
                            + "last_name = 'c\\\\' OR email = ?"), UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = 'a\\'b' OR last_name = 'c\\\\' OR email = ? "
                            + "FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "DELETE FROM person WHERE last_name = _utf8mb4'x' COLLATE utf8mb4_bin AND "
                            + "email = ?"), DELETE, SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = _utf8mb4'x' COLLATE utf8mb4_bin AND email = ? "
                            + "FOR UPDATE [1]"));
        }

        @Test
        void ownReturning() {
            assertWrite(plan(POSTGRESQL, "UPDATE person SET first_name = ? WHERE last_name = ? RETURNING id"),
                    UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [2]"));
        }

        @Test
        void columnLevel() {
            WritePlan w = assertWrite(plan(POSTGRESQL, "UPDATE users SET name = ? WHERE id = ?"), UPDATE,
                    SyncMode.UPSERT, ReturnedKeys.NONE, single("?[2]"), NO_PRE_IMAGE);
            assertTrue(w.needsMirror(USERS));
            assertWrite(plan(MARIADB, "UPDATE users SET name = ? WHERE name = ?"), UPDATE, SyncMode.UPSERT,
                    ReturnedKeys.NONE, NO_ROWS, List.of("SELECT id FROM users WHERE name = ? FOR UPDATE [2]"));
        }

        @Test
        void compositeKeyNeedsEveryColumnPinned() {
            assertWrite(plan(MARIADB, "UPDATE orders SET amount = ? WHERE num = ? AND tenant = ?"), UPDATE,
                    SyncMode.UPSERT, ReturnedKeys.NONE, List.of(List.of("?[3]", "?[2]")), NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, "UPDATE orders SET amount = ? WHERE tenant = ?"), UPDATE, SyncMode.UPSERT,
                    ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT tenant, num FROM orders WHERE tenant = ? FOR UPDATE [2]"));
            assertWrite(plan(POSTGRESQL, "UPDATE orders SET amount = ? WHERE num = ?"), UPDATE, SyncMode.UPSERT,
                    ReturnedKeys.NAMED_COLUMNS, NO_ROWS, NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, "UPDATE orders SET amount = ? WHERE tenant IN (?, ?) AND num IN (?, ?)"),
                    UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE, List.of(List.of("?[2]", "?[4]"),
                            List.of("?[2]", "?[5]"), List.of("?[3]", "?[4]"), List.of("?[3]", "?[5]")),
                    NO_PRE_IMAGE);
            assertWrite(plan(MARIADB, "UPDATE orders SET amount = ? WHERE (num, tenant) IN ((?, ?), (?, ?))"),
                    UPDATE, SyncMode.UPSERT, ReturnedKeys.NONE,
                    List.of(List.of("?[3]", "?[2]"), List.of("?[5]", "?[4]")), NO_PRE_IMAGE);
            assertFalse(PlanFixtures.keysFromTextOnly(plan(MARIADB, "UPDATE orders SET amount = ? WHERE (num, "
                    + "amount) IN ((?, ?), (?, ?)) AND tenant = ?")));
        }
    }

    // ===============================================================================================================
    @Nested
    class Delete {
        @ParameterizedTest
        @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB", "H2"})
        void byKey(Dialect dialect) {
            WritePlan w = assertWrite(plan(dialect, "DELETE FROM person WHERE id = ?"), DELETE, SyncMode.DELETE,
                    ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            assertTrue(w.needsMirror(PERSON));
            assertWrite(plan(dialect, "DELETE FROM person WHERE id IN (?, ?, 3)"), DELETE, SyncMode.DELETE,
                    ReturnedKeys.NONE, single("?[1]", "?[2]", "3[]"), NO_PRE_IMAGE);
            assertWrite(plan(dialect, "DELETE FROM orders WHERE tenant = ? AND num = ?"), DELETE, SyncMode.DELETE,
                    ReturnedKeys.NONE, List.of(List.of("?[1]", "?[2]")), NO_PRE_IMAGE);
        }

        @Test
        void byPredicate() {
            String sql = "DELETE FROM person WHERE last_name = ?";
            assertWrite(plan(POSTGRESQL, sql), DELETE, SyncMode.DELETE, ReturnedKeys.NAMED_COLUMNS, NO_ROWS,
                    NO_PRE_IMAGE);
            // H2 does not return a DELETE's rows.
            assertWrite(plan(H2, sql), DELETE, SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, sql), DELETE, SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "DELETE FROM person WHERE last_name = ? ORDER BY id LIMIT 5"), DELETE,
                    SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? ORDER BY id LIMIT 5 FOR UPDATE [1]"));
            assertWrite(plan(POSTGRESQL, "DELETE FROM person WHERE last_name = ? RETURNING id"), DELETE,
                    SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT id FROM person WHERE last_name = ? FOR UPDATE [1]"));
        }

        @Test
        void using() {
            assertWrite(plan(POSTGRESQL, "DELETE FROM person p USING staff s WHERE s.pid = p.id AND s.x = ?"),
                    DELETE, SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p, staff s WHERE s.pid = p.id AND s.x = ? FOR UPDATE OF p [1]"));
            assertWrite(plan(POSTGRESQL, "DELETE FROM person p USING staff s, dept d WHERE s.pid = p.id AND d.id = "
                            + "s.did AND d.x = ?"), DELETE, SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p, staff s, dept d WHERE s.pid = p.id AND d.id = s.did AND "
                            + "d.x = ? FOR UPDATE OF p [1]"));
            assertWrite(plan(POSTGRESQL, "DELETE FROM person p USING staff s WHERE s.pid = p.id AND p.id = ?"),
                    DELETE, SyncMode.DELETE, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
        }

        @Test
        void multiTable() {
            assertWrite(plan(MARIADB, "DELETE p FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ?"), DELETE,
                    SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ? FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "DELETE p, s FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ?"), DELETE,
                    SyncMode.DELETE, ReturnedKeys.NONE, NO_ROWS,
                    List.of("SELECT p.id FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ? FOR UPDATE [1]"));
            assertWrite(plan(MARIADB, "DELETE p FROM person p JOIN staff s ON s.pid = p.id WHERE p.id = ?"), DELETE,
                    SyncMode.DELETE, ReturnedKeys.NONE, single("?[1]"), NO_PRE_IMAGE);
            // staff's id is not person's.
            assertFalse(PlanFixtures.keysFromTextOnly(plan(MARIADB,
                    "DELETE p FROM person p JOIN staff s ON s.pid = p.id WHERE s.id = ?")));
            assertFalse(PlanFixtures.keysFromTextOnly(plan(MARIADB,
                    "DELETE p FROM person p JOIN staff s ON s.pid = p.id WHERE id = ?")));
            assertKind(plan(MARIADB, "DELETE s FROM person p JOIN staff s ON s.pid = p.id WHERE s.x = ?"),
                    StatementPlan.Kind.READ, false);
            unsupported(MARIADB, "DELETE p, o FROM person p JOIN orders o ON o.num = p.id", true);
        }

        @Test
        void columnLevelDeleteNeedsNoKeys() {
            WritePlan w = assertWrite(plan(MARIADB, "DELETE FROM users WHERE name = ?"), DELETE, SyncMode.DELETE,
                    ReturnedKeys.NONE, NO_ROWS, NO_PRE_IMAGE);
            assertTrue(w.keys().isEmpty());
            assertFalse(w.needsMirror(USERS));
        }

        @Test
        void aDeleteThatOnlyReadsTheTable() {
            assertKind(plan(POSTGRESQL, "DELETE FROM staff WHERE id IN (SELECT id FROM person)"),
                    StatementPlan.Kind.READ, false);
        }
    }

    // ===============================================================================================================
    @Nested
    class OtherStatements {
        @Test
        void selectIsARead() {
            StatementPlan plan = plan(POSTGRESQL, "SELECT * FROM person WHERE id = ?");
            assertKind(plan, StatementPlan.Kind.READ, false);
            assertEquals(List.of(PERSON), plan.migrations());
            StatementPlan both = plan(MARIADB, "SELECT * FROM person p JOIN users u ON u.id = p.id");
            assertKind(both, StatementPlan.Kind.READ, false);
            assertEquals(List.of(PERSON, USERS), both.migrations());
            assertKind(plan(H2, "SELECT * FROM \"PERSON\" FOR UPDATE"), StatementPlan.Kind.READ, false);
            assertKind(plan(POSTGRESQL, "SELECT * FROM public.person"), StatementPlan.Kind.READ, false);
            assertKind(plan(POSTGRESQL, "WITH x AS (SELECT * FROM person) SELECT * FROM x"), StatementPlan.Kind.READ,
                    false);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "ALTER TABLE person ADD COLUMN x int",
                "CREATE INDEX person_x ON person (x)",
                "DROP TABLE person",
                "CREATE TABLE person_copy AS SELECT * FROM person",
        })
        void ddlIsOther(String sql) {
            StatementPlan plan = plan(POSTGRESQL, sql);
            assertKind(plan, StatementPlan.Kind.OTHER, false);
            assertEquals(List.of(PERSON), plan.migrations());
            assertTrue(plan.reason() != null && plan.reason().contains("statement"), plan.reason());
        }

        @Test
        void truncateIsAnUnsupportedWrite() {
            StatementPlan plan = unsupported(POSTGRESQL, "TRUNCATE TABLE person", true);
            assertTrue(plan.reason().contains("TRUNCATE"), plan.reason());
            unsupported(MARIADB, "TRUNCATE person", true);
            unsupported(POSTGRESQL, "TRUNCATE staff, person", true);
        }

        @Test
        void dataModifyingCteIsAnUnsupportedWrite() {
            unsupported(POSTGRESQL, "WITH d AS (DELETE FROM person WHERE id = ? RETURNING id) SELECT * FROM d", true);
            unsupported(POSTGRESQL, "WITH u AS (UPDATE person SET first_name = 'a' RETURNING id) SELECT * FROM u",
                    true);
            unsupported(POSTGRESQL, "WITH i AS (INSERT INTO person (id) VALUES (1) RETURNING id) SELECT * FROM i",
                    true);
            unsupported(POSTGRESQL, "WITH d AS (DELETE FROM person RETURNING *) INSERT INTO archive SELECT * FROM d",
                    true);
            unsupported(POSTGRESQL, "WITH s AS (SELECT id FROM staff) UPDATE person SET first_name = 'a' WHERE id "
                    + "IN (SELECT id FROM s)", true);
            unsupported(MARIADB, "WITH s AS (SELECT id FROM staff) DELETE FROM person WHERE id IN (SELECT id FROM s)",
                    true);
        }

        @Test
        void mergeIsAnUnsupportedWrite() {
            unsupported(POSTGRESQL, "MERGE INTO person p USING staff s ON (p.id = s.id) WHEN MATCHED THEN UPDATE SET "
                    + "first_name = s.name", true);
        }

        @Test
        void explainAnalyzeRunsTheWrite() {
            unsupported(POSTGRESQL, "EXPLAIN ANALYZE DELETE FROM person WHERE last_name = ?", true);
        }

        @Test
        void theNameOnlyInAStringLiteralIsUnrelatedAfterParsing() {
            SqlParser parser = new SqlParser(10_000);
            StatementPlanner planner = new StatementPlanner(RULES, POSTGRESQL, parser);
            assertTrue(planner.mayConcernMigrations("SELECT 'person' FROM staff"));
            assertSame(StatementPlan.unrelated(), planner.plan("SELECT 'person' FROM staff"));
            assertSame(StatementPlan.unrelated(), planner.plan("UPDATE staff SET note = 'person' WHERE id = ?"));
            assertSame(StatementPlan.unrelated(), planner.plan("SELECT 1 FROM staff -- person"));
            assertEquals(3, parser.parseCount());
        }

        @Test
        void aSuperstringOfTheNameIsUnrelatedWithoutParsing() {
            SqlParser parser = new SqlParser(10_000);
            StatementPlanner planner = new StatementPlanner(RULES, POSTGRESQL, parser);
            for (String sql : List.of("SELECT * FROM personnel", "DELETE FROM person_audit WHERE id = ?",
                    "UPDATE xperson SET a = 1", "INSERT INTO person2 VALUES (1)", "SELECT * FROM usersx, orders_old",
                    "SELECT 1", "UPDATE staff SET a = ? WHERE id = ?", "")) {
                assertFalse(planner.mayConcernMigrations(sql), sql);
                StatementPlan plan = planner.plan(sql);
                assertSame(StatementPlan.unrelated(), plan, sql);
                assertKind(plan, StatementPlan.Kind.UNRELATED, false);
                assertTrue(plan.migrations().isEmpty());
            }
            assertEquals(0, parser.parseCount(), "nothing was parsed");
        }

        @Test
        void anotherSchemasTableOfTheSameNameIsStillPlanned() {
            // from: person names no schema, so any schema's person may be it.
            assertKind(plan(POSTGRESQL, "SELECT * FROM other.person"), StatementPlan.Kind.READ, false);
        }

        @Test
        void severalStatementsAreUnsupported() {
            StatementPlan plan = unsupported(POSTGRESQL, "UPDATE person SET first_name = 'a'; UPDATE person SET "
                    + "last_name = 'b'", true);
            assertTrue(plan.reason().contains("statements"), plan.reason());
            assertEquals(List.of(PERSON), plan.migrations());
        }

        /** A SELECT followed by a DELETE writes: the first word does not tell. */
        @Test
        void severalStatementsStartingWithASelectMayStillWrite() {
            StatementPlan plan = plan(POSTGRESQL, "SELECT 1 FROM staff; DELETE FROM person");
            assertEquals(StatementPlan.Kind.UNSUPPORTED, plan.kind());
            assertTrue(plan.mayWrite(), "a DELETE that would pass unrefused from read-new on: " + plan);
        }

        @Test
        void unparseableTextNamingTheTable() {
            StatementPlan write = unsupported(POSTGRESQL, "UPDATE person SET first_name = 'secret' WHERE", true);
            assertTrue(write.reason().contains("line 1"), write.reason());
            assertFalse(write.reason().contains("secret"), write.reason());
            assertEquals(List.of(PERSON), write.migrations());
            unsupported(POSTGRESQL, "SELECT * FROM person WHERE", false);
            unsupported(POSTGRESQL, "  (SELECT * FROM person WHERE", false);
            unsupported(POSTGRESQL, "COPY person FROM STDIN", true);
            unsupported(POSTGRESQL, "DO $$ BEGIN UPDATE person SET first_name = 'x'; END $$", true);
        }

        @Test
        void procedureCallsNamingTheTable() {
            StatementPlan call = unsupported(POSTGRESQL, "CALL proc(person)", true);
            assertTrue(call.reason().contains("procedure"), call.reason());
            unsupported(MARIADB, "CALL proc(person)", true);
            unsupported(POSTGRESQL, "{call proc(person)}", true);
            unsupported(POSTGRESQL, "{call update_person(?)} -- person", true);
        }

        @Test
        void reasonsNeverCarryValues() {
            for (Dialect d : List.of(POSTGRESQL, MARIADB, H2)) {
                for (String sql : List.of("UPDATE person SET first_name = 'hunter2' WHERE",
                        "SELECT 'hunter2' FROM person; DELETE FROM person WHERE last_name = 'hunter2'",
                        "INSERT INTO person (id) SELECT id + 'hunter2' FROM staff",
                        "TRUNCATE person", "CALL proc(person, 'hunter2')")) {
                    StatementPlan plan = plan(d, sql);
                    if (plan.reason() != null) {
                        assertFalse(plan.reason().contains("hunter2"), d + " " + plan.reason());
                    }
                    assertFalse(plan.toString().contains("hunter2"), d + " " + plan);
                }
            }
        }

        @Test
        void dialectAndRulesAreKept() {
            StatementPlanner planner = planner(MARIADB);
            assertEquals(MARIADB, planner.dialect());
            assertSame(RULES, planner.rules());
        }

        @Test
        void noRulesMeansNothingIsEverParsed() {
            SqlParser parser = new SqlParser(10_000);
            StatementPlanner planner = new StatementPlanner(dev.tandem.rules.RuleSet.empty(), POSTGRESQL, parser);
            assertSame(StatementPlan.unrelated(), planner.plan("UPDATE person SET a = 1"));
            assertEquals(0, parser.parseCount());
        }

        @Test
        void planningIsDeterministicAndIndependentOfPhase() {
            Migration later = PERSON.withPhase(dev.tandem.rules.Phase.values()[dev.tandem.rules.Phase.values().length
                    - 1], 100);
            StatementPlanner a = new StatementPlanner(PlanFixtures.ruleSet(PERSON), POSTGRESQL, new SqlParser(1000));
            StatementPlanner b = new StatementPlanner(PlanFixtures.ruleSet(later), POSTGRESQL, new SqlParser(1000));
            String sql = "UPDATE person SET first_name = ? WHERE last_name = ?";
            assertEquals(a.plan(sql).toString(), b.plan(sql).toString());
            assertEquals(ORDERS.from().key(), List.of("tenant", "num"));
        }
    }
}
