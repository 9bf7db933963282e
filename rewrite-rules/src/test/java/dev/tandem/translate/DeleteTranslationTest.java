package dev.tandem.translate;

import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.write;

/** {@link WriteTranslator} on DELETE: the rows of {@code to} the read-translated WHERE selects, per database. */
class DeleteTranslationTest {
    @Test
    void deleteFromTheNewTableUnderTheOldName() {
        assertSql("DELETE FROM people person WHERE (person.id) = ?", params(1),
                write(POSTGRESQL, OLD_SHAPES, "DELETE FROM person WHERE id = ?", PERSON_TO_PEOPLE).sql());
        assertSql("DELETE FROM people person", NONE,
                write(POSTGRESQL, OLD_SHAPES, "DELETE FROM person", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void aliasPerDatabase() {
        String sql = "DELETE FROM person p WHERE p.last_name = ?";
        assertSql("DELETE FROM people p WHERE (split_part(p.full_name, ' ', 2)) = ?", params(1),
                write(POSTGRESQL, OLD_SHAPES, sql, PERSON_TO_PEOPLE).sql());
        assertSql("DELETE FROM people p WHERE (split_part(p.full_name, ' ', 2)) = ?", params(1),
                write(H2, OLD_SHAPES, sql, PERSON_TO_PEOPLE).sql());
        // MariaDB takes an alias in a DELETE only in its multi-table form
        assertSql("DELETE p FROM people p WHERE (split_part(p.full_name, ' ', 2)) = ?", params(1),
                write(MARIADB, OLD_SHAPES, sql, PERSON_TO_PEOPLE).sql());
        assertSql("DELETE person FROM people person WHERE (person.id) = ?", params(1),
                write(MARIADB, OLD_SHAPES, "DELETE FROM person WHERE id = ?", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void mariadbOrderByAndLimitQualifyByTheNewTablesName() {
        // the multi-table form refuses ORDER BY and LIMIT: no alias, the columns qualified by the new table's name
        assertSql("DELETE FROM people WHERE (split_part(people.full_name, ' ', 2)) = ?"
                        + " ORDER BY (split_part(people.full_name, ' ', 1)) LIMIT ?", params(1, 2),
                write(MARIADB, OLD_SHAPES, "DELETE FROM person WHERE last_name = ? ORDER BY first_name LIMIT ?",
                        PERSON_TO_PEOPLE).sql());
        assertSql("DELETE FROM people WHERE (split_part(people.full_name, ' ', 1)) = ?"
                        + " ORDER BY (split_part(people.full_name, ' ', 2)) LIMIT 1", params(1),
                write(MARIADB, OLD_SHAPES, "DELETE FROM person p WHERE p.first_name = ? ORDER BY p.last_name LIMIT 1",
                        PERSON_TO_PEOPLE).sql());
    }

    @Test
    void subqueriesInTheWhere() {
        assertSql("DELETE FROM people person WHERE (person.id) IN (SELECT person_id FROM address WHERE city = ?)",
                params(1), write(POSTGRESQL, OLD_SHAPES, "DELETE FROM person WHERE id IN (SELECT person_id"
                        + " FROM address WHERE city = ?)", PERSON_TO_PEOPLE).sql());
        assertSql("DELETE FROM people person WHERE (split_part(person.full_name, ' ', 1)) IN"
                        + " (SELECT CAST((split_part(p2.full_name, ' ', 2)) AS varchar(50)) AS last_name"
                        + " FROM people p2 WHERE (p2.id) > ?) AND (person.email) = ?", params(1, 2),
                write(POSTGRESQL, OLD_SHAPES, "DELETE FROM person WHERE first_name IN (SELECT p2.last_name"
                        + " FROM person p2 WHERE p2.id > ?) AND email = ?", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void columnLevelKeepsTheTable() {
        assertSql("DELETE FROM person WHERE (split_part(person.full_name, ' ', 1)) = ? AND email = ?", params(1, 2),
                write(POSTGRESQL, EXPANDED_SHAPES, "DELETE FROM person WHERE first_name = ? AND email = ?",
                        PERSON_FULL_NAME).sql());
        assertSql("DELETE FROM person WHERE (split_part(person.full_name, ' ', 1)) = ?"
                        + " ORDER BY (split_part(person.full_name, ' ', 2)) LIMIT 1", params(1),
                write(MARIADB, EXPANDED_SHAPES, "DELETE FROM person WHERE first_name = ? ORDER BY last_name LIMIT 1",
                        PERSON_FULL_NAME).sql());
    }

    @Test
    void columnLevelWithAnAliasAndALimitOnMariaDbIsRefused() {
        // the other columns keep `p.` as qualifier, which MariaDB's alias-free limited DELETE cannot have
        assertEquals("a DELETE with an alias and ORDER BY or LIMIT on MariaDB (which takes an alias there only from"
                        + " MariaDB 11.6)",
                TranslateFixtures.unwritable(MARIADB, EXPANDED_SHAPES, "DELETE FROM person p WHERE p.email = ?"
                        + " ORDER BY p.last_name LIMIT 1", PERSON_FULL_NAME));
    }
}
