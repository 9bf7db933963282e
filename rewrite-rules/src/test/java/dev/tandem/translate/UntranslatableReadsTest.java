package dev.tandem.translate;

import dev.tandem.schema.TableShapes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.CUSTOMER_TO_CLIENT;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_COLUMNS;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.bigint;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static dev.tandem.translate.TranslateFixtures.unreadable;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reads {@link ReadTranslator} refuses, each with its reason (which never holds a value of the statement). */
class UntranslatableReadsTest {
    private static String refused(String sql) {
        return unreadable(POSTGRESQL, OLD_SHAPES, sql, PERSON_TO_PEOPLE);
    }

    @Test
    void naturalJoin() {
        assertEquals("a NATURAL JOIN with a migrated table", refused("SELECT * FROM person NATURAL JOIN address"));
        assertEquals("a NATURAL JOIN with a migrated table",
                refused("SELECT a.city FROM address a NATURAL JOIN person"));
    }

    @Test
    void joinUsingARenamedColumn() {
        assertEquals("JOIN ... USING (first_name), a column the new structure names otherwise",
                refused("SELECT city FROM person JOIN address USING (first_name)"));
        // a key the new structure names otherwise
        assertEquals("JOIN ... USING (id), a column the new structure names otherwise",
                unreadable(POSTGRESQL, OLD_SHAPES, "SELECT email FROM customer JOIN address USING (id)",
                        CUSTOMER_TO_CLIENT));
    }

    @Test
    void starOverAJoinUsing() {
        // USING (id) itself is fine (people names it id too), but * would have to merge the two id columns
        assertEquals("* over a JOIN ... USING with a migrated table",
                refused("SELECT * FROM person JOIN address USING (id)"));
        assertEquals("* over a JOIN ... USING with a migrated table",
                refused("SELECT * FROM address JOIN person USING (id)"));
    }

    @Test
    void starExceptOrReplace() {
        assertEquals("* EXCEPT/REPLACE over a migrated table", refused("SELECT * EXCEPT (email) FROM person"));
        assertEquals("* EXCEPT/REPLACE over a migrated table",
                refused("SELECT * REPLACE (UPPER(email) AS email) FROM person"));
        assertEquals("t.* EXCEPT/REPLACE over a migrated table",
                unreadable(H2, OLD_SHAPES, "SELECT p.* EXCEPT (email) FROM person p", PERSON_TO_PEOPLE));
    }

    @Test
    void starNextToAnUnnamedFromItem() {
        assertEquals("* over a migrated table joined with an unnamed FROM item",
                refused("SELECT * FROM person, (SELECT 1 AS x)"));
    }

    @Test
    void starOverATableWhoseColumnsAreUnknown() {
        assertEquals("* over person, whose columns could not be read",
                unreadable(POSTGRESQL, TableShapes.UNKNOWN, "SELECT * FROM person", PERSON_TO_PEOPLE));
        assertEquals("* over person, whose columns could not be read",
                unreadable(POSTGRESQL, TableShapes.UNKNOWN, "SELECT p.* FROM person p", PERSON_TO_PEOPLE));
    }

    @Test
    void unqualifiedColumnOfTwoMigratedTables() {
        assertEquals("the unqualified column email of two migrated tables",
                unreadable(POSTGRESQL, OLD_SHAPES, "SELECT email FROM person p JOIN customer c ON c.person_id = p.id",
                        PERSON_TO_PEOPLE, CUSTOMER_TO_CLIENT));
        assertEquals("the unqualified column first_name of two migrated tables",
                refused("SELECT first_name FROM person p1 JOIN person p2 ON p1.id = p2.id"));
    }

    @Test
    void unqualifiedOuterColumnInASubqueryWithItsOwnTables() {
        // address might have a last_name: the database would take that one
        assertEquals("the unqualified column last_name in a subquery whose own tables may have a column of that name",
                refused("SELECT first_name FROM person p WHERE EXISTS (SELECT 1 FROM address a"
                        + " WHERE a.city = last_name)"));
        assertEquals("the unqualified column last_name in a subquery whose own tables may have a column of that name",
                refused("SELECT p.first_name FROM person p WHERE p.id IN (SELECT last_name FROM address)"));
    }

    @Test
    void dataModifyingWith() {
        assertEquals("a WITH clause that writes",
                refused("WITH d AS (DELETE FROM address RETURNING person_id)"
                        + " SELECT first_name FROM person WHERE id IN (SELECT person_id FROM d)"));
        assertEquals("a WITH clause that writes",
                refused("WITH i AS (INSERT INTO address (city) VALUES ('x') RETURNING id)"
                        + " SELECT first_name FROM person WHERE id IN (SELECT id FROM i)"));
    }

    @Test
    void columnWithoutADownExpression() {
        // person has an age column that the migration does not carry to people
        TableShapes withAge = shapes(Map.of("person", List.of(PERSON_COLUMNS.get(0), PERSON_COLUMNS.get(1),
                PERSON_COLUMNS.get(2), PERSON_COLUMNS.get(3), bigint("age"))));
        assertEquals("column age of person has no down expression",
                unreadable(POSTGRESQL, withAge, "SELECT age FROM person", PERSON_TO_PEOPLE));
        assertEquals("column age of person has no down expression",
                unreadable(POSTGRESQL, withAge, "SELECT id FROM person WHERE age > ?", PERSON_TO_PEOPLE));
        assertEquals("column age of person has no down expression",
                unreadable(POSTGRESQL, withAge, "SELECT * FROM person", PERSON_TO_PEOPLE));
        // qualified, even when the table's columns are unknown
        assertEquals("column age of person has no down expression",
                unreadable(POSTGRESQL, TableShapes.UNKNOWN, "SELECT p.age FROM person p", PERSON_TO_PEOPLE));
    }

    @Test
    void aTableThatIsTheOldStructureOfATableLevelAndAnotherMigration() {
        assertEquals("person is the old structure of several migrations read from their new structures at once",
                unreadable(POSTGRESQL, EXPANDED_SHAPES, "SELECT first_name FROM person", PERSON_TO_PEOPLE,
                        PERSON_FULL_NAME));
    }

    @Test
    void aQueryOfAnotherKind() {
        assertEquals("a query of a kind Tandem does not translate (TableStatement)", refused("TABLE person"));
    }

    @Test
    void statementsThatOnlyReadAMigratedTable() {
        assertEquals("an UPDATE that reads a migrated table: only queries and INSERT ... SELECT into other tables are"
                        + " translated",
                refused("UPDATE address SET city = (SELECT first_name FROM person WHERE id = ?)"));
        assertEquals("a DELETE that reads a migrated table: only queries and INSERT ... SELECT into other tables are"
                        + " translated",
                refused("DELETE FROM address WHERE person_id IN (SELECT id FROM person)"));
    }
}
