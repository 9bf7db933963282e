package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_COLUMNS;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.bigint;
import static dev.tandem.translate.TranslateFixtures.parse;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static dev.tandem.translate.TranslateFixtures.unwritable;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writes {@link WriteTranslator} refuses, each with its reason. */
class UntranslatableWritesTest {
    /** person -> people where email reads as NULL and nick reads a column that {@code down} does not give. */
    private static final Migration NICK = parse(String.join("\n",
            "migration: person-nick",
            "from: { table: person, key: [id] }",
            "to:   { table: people, key: [id] }",
            "up:",
            "  id: id",
            "  full_name: \"first_name || ' ' || last_name\"",
            "  nick: \"COALESCE(nickname, first_name)\"",
            "down:",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"",
            "  email: \"NULL\"",
            ""));

    private static String refused(String sql) {
        return refused(POSTGRESQL, sql);
    }

    private static String refused(Dialect dialect, String sql) {
        return unwritable(dialect, OLD_SHAPES, sql, PERSON_TO_PEOPLE);
    }

    @Test
    void statementsThatAreNoInsertUpdateOrDelete() {
        assertEquals("a TRUNCATE of the old structure is not translated onto the new one", refused("TRUNCATE person"));
        assertEquals("an UPSERT of the old structure is not translated onto the new one",
                refused(MARIADB, "REPLACE INTO person (id, first_name) VALUES (?, ?)"));
        assertEquals("a PLAINSELECT of the old structure is not translated onto the new one",
                refused("SELECT * FROM person"));
    }

    // ------------------------------------------------------------------------------------------------- INSERT

    @Test
    void upserts() {
        assertEquals("an upsert of the old structure is not translated onto the new one yet",
                refused("INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"));
        assertEquals("an upsert of the old structure is not translated onto the new one yet",
                refused("INSERT INTO person (id, first_name) VALUES (?, ?) ON CONFLICT (id)"
                        + " DO UPDATE SET first_name = EXCLUDED.first_name"));
        assertEquals("an upsert of the old structure is not translated onto the new one yet",
                refused(MARIADB, "INSERT INTO person (id, first_name) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE first_name = ?"));
    }

    @Test
    void insertReturning() {
        assertEquals("an INSERT ... RETURNING of the old structure is not translated yet",
                refused("INSERT INTO person (id, first_name) VALUES (?, ?) RETURNING id"));
    }

    @Test
    void insertSet() {
        assertEquals("INSERT ... SET of the old structure is not translated yet",
                refused(MARIADB, "INSERT INTO person SET id = ?, first_name = ?"));
    }

    @Test
    void withInsert() {
        assertEquals("a WITH ... INSERT of the old structure is not translated yet",
                refused("WITH x AS (SELECT 1 AS c) INSERT INTO person (id) SELECT c FROM x"));
    }

    @Test
    void insertWithoutAColumnListOfATableWhoseColumnsAreUnknown() {
        assertEquals("an INSERT without a column list, and the columns of person could not be read",
                unwritable(POSTGRESQL, TableShapes.UNKNOWN, "INSERT INTO person VALUES (?, ?, ?, ?)",
                        PERSON_TO_PEOPLE));
    }

    @Test
    void insertDefaultValues() {
        assertEquals("an INSERT without VALUES or SELECT", refused("INSERT INTO person DEFAULT VALUES"));
    }

    @Test
    void defaultForAColumnAnUpExpressionReads() {
        // DEFAULT is no value: (DEFAULT) || ' ' || ... is not SQL
        // (DEFAULT in every row is as good as leaving the column out: see InsertTranslationTest)
        assertEquals("DEFAULT given for id, which an up expression reads: not translated yet",
                refused("INSERT INTO person (id, first_name) VALUES (DEFAULT, ?), (?, ?)"));
        assertEquals("DEFAULT given for first_name, which an up expression reads: not translated yet",
                refused("INSERT INTO person (id, first_name) VALUES (?, ?), (?, default)"));
    }

    @Test
    void valuesThatDoNotMatchTheColumns() {
        assertEquals("an INSERT with 3 values for 2 columns",
                refused("INSERT INTO person (id, first_name) VALUES (?, ?, ?)"));
        assertEquals("an INSERT ... SELECT whose select list Tandem cannot line up with its columns",
                refused("INSERT INTO person (id, first_name) SELECT id FROM address"));
        assertEquals("an INSERT ... SELECT whose select list Tandem cannot line up with its columns",
                refused("INSERT INTO person (id, first_name) SELECT id, city FROM address UNION SELECT 1, 'x'"));
        assertEquals("an INSERT ... SELECT whose select list Tandem cannot line up with its columns",
                refused("INSERT INTO person SELECT * FROM person"));
    }

    @Test
    void insertSelectStar() {
        assertEquals("an INSERT ... SELECT * of the old structure",
                refused("INSERT INTO person (id) SELECT * FROM address"));
    }

    @Test
    void insertOfAColumnNoUpExpressionCarries() {
        TableShapes withAge = shapes(Map.of("person", List.of(PERSON_COLUMNS.get(0), PERSON_COLUMNS.get(1),
                PERSON_COLUMNS.get(2), PERSON_COLUMNS.get(3), bigint("age"))));
        assertEquals("the INSERT writes age, which no up expression carries into people",
                unwritable(POSTGRESQL, withAge, "INSERT INTO person (id, age) VALUES (?, ?)", PERSON_TO_PEOPLE));
        assertEquals("the INSERT writes email, which no up expression carries into people",
                unwritable(POSTGRESQL, OLD_SHAPES, "INSERT INTO person (id, email) VALUES (?, ?)", NICK));
    }

    // ------------------------------------------------------------------------------------------------- UPDATE

    @Test
    void updateReturning() {
        assertEquals("an UPDATE ... RETURNING of the old structure is not translated yet",
                refused("UPDATE person SET first_name = ? WHERE id = ? RETURNING id"));
    }

    @Test
    void multiTableUpdates() {
        String reason = "a multi-table UPDATE of the old structure is not translated yet";
        assertEquals(reason, refused("UPDATE person SET first_name = a.city FROM address a"
                + " WHERE a.person_id = person.id"));
        assertEquals(reason, refused(MARIADB, "UPDATE person p JOIN address a ON a.person_id = p.id"
                + " SET p.first_name = a.city"));
        assertEquals(reason, refused("WITH x AS (SELECT 1) UPDATE person SET first_name = ?"));
    }

    @Test
    void rowAssignmentFromASubquery() {
        assertEquals("UPDATE ... SET (a, b) = (SELECT ...) of the old structure",
                refused("UPDATE person SET (first_name, last_name) = (SELECT city, city FROM address WHERE id = ?)"
                        + " WHERE id = ?"));
    }

    @Test
    void updateOfAColumnWithoutDown() {
        assertEquals("the UPDATE sets age, which the new structure does not carry (no down expression)",
                refused("UPDATE person SET age = ? WHERE id = ?"));
    }

    @Test
    void updateOfAColumnNoUpExpressionCarries() {
        assertEquals("the UPDATE sets email, which no up expression carries into people",
                unwritable(POSTGRESQL, OLD_SHAPES, "UPDATE person SET email = ?", NICK));
    }

    @Test
    void anUpExpressionReadingAColumnTheNewStructureCannotGiveBack() {
        // nick reads nickname, which the statement does not set and down does not define
        assertEquals("the expression COALESCE(?, ?) reads a column that the statement cannot provide",
                unwritable(POSTGRESQL, OLD_SHAPES, "UPDATE person SET first_name = ? WHERE id = ?", NICK));
    }

    // ------------------------------------------------------------------------------------------------- DELETE

    @Test
    void deleteReturning() {
        assertEquals("a DELETE ... RETURNING of the old structure is not translated yet",
                refused("DELETE FROM person WHERE id = ? RETURNING id"));
    }

    @Test
    void multiTableDeletes() {
        String reason = "a multi-table DELETE of the old structure is not translated yet";
        assertEquals(reason, refused("DELETE FROM person USING address a WHERE a.person_id = person.id"));
        assertEquals(reason, refused(MARIADB, "DELETE p FROM person p JOIN address a ON a.person_id = p.id"));
        assertEquals(reason, refused("WITH x AS (SELECT 1) DELETE FROM person"));
    }
}
