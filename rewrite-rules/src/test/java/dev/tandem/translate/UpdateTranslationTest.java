package dev.tandem.translate;

import dev.tandem.rules.Migration;
import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.parse;
import static dev.tandem.translate.TranslateFixtures.write;

/**
 * {@link WriteTranslator} on UPDATE: each column of {@code to} whose {@code up} reads an assigned column is set, the
 * columns the statement does not assign read from the current row through {@code down}; WHERE and ORDER BY are
 * read-translated.
 */
class UpdateTranslationTest {
    private static TranslatedWrite tableLevel(String sql) {
        return write(POSTGRESQL, OLD_SHAPES, sql, PERSON_TO_PEOPLE);
    }

    private static TranslatedWrite columnLevel(String sql) {
        return write(POSTGRESQL, EXPANDED_SHAPES, sql, PERSON_FULL_NAME);
    }

    @Test
    void anUnassignedColumnOfAnUpExpressionIsReadThroughDown() {
        assertSql("UPDATE people person SET full_name = ((?) || ' ' || (split_part(person.full_name, ' ', 2)))"
                        + " WHERE (person.id) = ?", params(1, 2),
                tableLevel("UPDATE person SET first_name = ? WHERE id = ?").sql());
    }

    @Test
    void theTablesAliasIsKept() {
        assertSql("UPDATE people p SET full_name = ((split_part(p.full_name, ' ', 1)) || ' ' || (?)), email = ((?))"
                        + " WHERE (split_part(p.full_name, ' ', 1)) = ?", params(1, 2, 3),
                tableLevel("UPDATE person p SET last_name = ?, email = ? WHERE p.first_name = ?").sql());
        assertSql("UPDATE people p SET full_name = ((?) || ' ' || (split_part(p.full_name, ' ', 2)))"
                        + " WHERE (p.id) = ?", params(1, 2),
                write(H2, OLD_SHAPES, "UPDATE person p SET first_name = ? WHERE p.id = ?", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void onlyTheColumnsWhoseUpReadsAnAssignedColumnAreSet() {
        assertSql("UPDATE people person SET email = ((?)) WHERE (split_part(person.full_name, ' ', 2)) = ?",
                params(1, 2), tableLevel("UPDATE person SET email = ? WHERE last_name = ?").sql());
    }

    @Test
    void setsFollowTheOrderOfUpAndParametersFollowThem() {
        assertSql("UPDATE people person SET full_name = ((?) || ' ' || (split_part(person.full_name, ' ', 2))),"
                        + " email = ((?)) WHERE (person.id) = ?", params(2, 1, 3),
                tableLevel("UPDATE person SET email = ?, first_name = ? WHERE id = ?").sql());
    }

    @Test
    void assignedValuesReadTheRowAsItWasBefore() {
        assertSql("UPDATE people person SET full_name = (((split_part(person.full_name, ' ', 2))) || ' ' ||"
                        + " ((split_part(person.full_name, ' ', 1)))) WHERE (person.id) = ?", params(1),
                tableLevel("UPDATE person SET first_name = last_name, last_name = first_name WHERE id = ?").sql());
        assertSql("UPDATE people person SET full_name = ((UPPER((split_part(person.full_name, ' ', 1)))) || ' ' ||"
                        + " (split_part(person.full_name, ' ', 2))) WHERE (person.id) = ?", params(1),
                tableLevel("UPDATE person SET first_name = UPPER(first_name) WHERE id = ?").sql());
    }

    @Test
    void aRowValueAssignment() {
        assertSql("UPDATE people person SET full_name = ((?) || ' ' || (?)) WHERE (person.id) = ?", params(1, 2, 3),
                tableLevel("UPDATE person SET (first_name, last_name) = (?, ?) WHERE id = ?").sql());
    }

    @Test
    void aSubqueryValueOverTheOldStructure() {
        assertSql("UPDATE people person SET full_name = (((SELECT MAX((split_part(p2.full_name, ' ', 2)))"
                        + " FROM people p2 WHERE (p2.id) < ?)) || ' ' || (split_part(person.full_name, ' ', 2)))"
                        + " WHERE (person.id) = ?", params(1, 2),
                tableLevel("UPDATE person SET first_name = (SELECT MAX(p2.last_name) FROM person p2 WHERE p2.id < ?)"
                        + " WHERE id = ?").sql());
    }

    @Test
    void theKeyCanBeUpdated() {
        assertSql("UPDATE people person SET id = ((?)) WHERE (person.id) = ?", params(1, 2),
                tableLevel("UPDATE person SET id = ? WHERE id = ?").sql());
    }

    @Test
    void orderByAndLimit() {
        assertSql("UPDATE people person SET email = ((?)) ORDER BY (split_part(person.full_name, ' ', 2)) LIMIT ?",
                params(1, 2),
                write(MARIADB, OLD_SHAPES, "UPDATE person SET email = ? ORDER BY last_name LIMIT ?", PERSON_TO_PEOPLE)
                        .sql());
    }

    @Test
    void aValueReadByTwoUpExpressionsIsBoundTwice() {
        Migration initials = TranslateFixtures.PERSON_WITH_INITIAL;
        assertSql("UPDATE people person SET full_name = ((?) || ' ' || (split_part(person.full_name, ' ', 2))),"
                        + " initial = (SUBSTRING((?), 1, 1)) WHERE (person.id) = ?", params(1, 1, 2),
                write(POSTGRESQL, OLD_SHAPES, "UPDATE person SET first_name = ? WHERE id = ?", initials).sql());
    }

    @Test
    void columnLevelSetsTheNewColumnAndKeepsTheOthers() {
        assertSql("UPDATE person SET full_name = ((?) || ' ' || (split_part(person.full_name, ' ', 2))), email = ?"
                        + " WHERE (split_part(person.full_name, ' ', 2)) = ?", params(1, 2, 3),
                columnLevel("UPDATE person SET first_name = ?, email = ? WHERE last_name = ?").sql());
        assertSql("UPDATE person SET email = ? WHERE (split_part(person.full_name, ' ', 1)) = ?", params(1, 2),
                columnLevel("UPDATE person SET email = ? WHERE first_name = ?").sql());
        // the new column written directly
        assertSql("UPDATE person SET full_name = ? WHERE id = ?", params(1, 2),
                columnLevel("UPDATE person SET full_name = ? WHERE id = ?").sql());
    }

    @Test
    void columnLevelWithAnAlias() {
        assertSql("UPDATE person p SET full_name = ((?) || ' ' || (split_part(p.full_name, ' ', 2))) WHERE p.id = ?",
                params(1, 2), columnLevel("UPDATE person p SET first_name = ? WHERE p.id = ?").sql());
    }
}
