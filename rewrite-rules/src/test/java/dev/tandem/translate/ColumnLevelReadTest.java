package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.schema.TableShapes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_PERSON_COLUMNS;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.parse;
import static dev.tandem.translate.TranslateFixtures.read;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static dev.tandem.translate.TranslateFixtures.varchar;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReadTranslator} over the column-level migration of {@code person} (first_name and last_name read from the
 * new full_name): the table stays, only the old columns are read through {@code down}; the others are untouched.
 */
class ColumnLevelReadTest {
    private static TranslatedRead columnLevel(String sql) {
        return read(POSTGRESQL, EXPANDED_SHAPES, sql, PERSON_FULL_NAME);
    }

    @Test
    void onlyTheOldColumnsAreRewritten() {
        TranslatedRead t = read(MARIADB, EXPANDED_SHAPES, "SELECT first_name, full_name, email, id FROM person"
                + " WHERE last_name = ?", PERSON_FULL_NAME);
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS CHAR(50)) AS first_name, full_name, email,"
                + " id FROM person WHERE (split_part(person.full_name, ' ', 2)) = ?", params(1), t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void qualifiedAndAliased() {
        assertSql("SELECT CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS first_name, p.id FROM person p"
                        + " WHERE (split_part(p.full_name, ' ', 2)) = ? AND p.email = ?", params(1, 2),
                columnLevel("SELECT p.first_name, p.id FROM person p WHERE p.last_name = ? AND p.email = ?").sql());
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS first_name FROM person",
                NONE, columnLevel("SELECT person.first_name FROM person").sql());
    }

    @Test
    void starListsTheTablesColumnsNewOnesIncluded() {
        // the application has seen full_name in SELECT * since the expand
        assertSql("SELECT person.id, CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS varchar(50)) AS last_name, person.email,"
                        + " person.full_name FROM person", NONE,
                columnLevel("SELECT * FROM person").sql());
        assertSql("SELECT person.id, CAST((split_part(person.full_name, ' ', 1)) AS CHAR(50)) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS CHAR(50)) AS last_name, person.email,"
                        + " person.full_name FROM person", NONE,
                read(MARIADB, EXPANDED_SHAPES, "SELECT * FROM person", PERSON_FULL_NAME).sql());
        assertSql("SELECT p.id, CAST((split_part(p.full_name, ' ', 1)) AS VARCHAR(50)) AS first_name,"
                        + " CAST((split_part(p.full_name, ' ', 2)) AS VARCHAR(50)) AS last_name, p.email,"
                        + " p.full_name FROM person p", NONE,
                read(H2, EXPANDED_SHAPES, "SELECT p.* FROM person p", PERSON_FULL_NAME).sql());
    }

    @Test
    void joinWithAnotherTable() {
        assertSql("SELECT CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS first_name, a.city FROM person p"
                        + " JOIN address a ON a.person_id = p.id"
                        + " ORDER BY CAST((split_part(p.full_name, ' ', 2)) AS varchar(50))", NONE,
                columnLevel("SELECT p.first_name, a.city FROM person p JOIN address a ON a.person_id = p.id"
                        + " ORDER BY p.last_name").sql());
    }

    @Test
    void groupByAndOrderBy() {
        String cast = "CAST((split_part(person.full_name, ' ', 2)) AS varchar(50))";
        TranslatedRead t = columnLevel("SELECT last_name, COUNT(*) AS n FROM person GROUP BY last_name"
                + " ORDER BY last_name");
        assertSql("SELECT " + cast + " AS last_name, COUNT(*) AS n FROM person GROUP BY " + cast + " ORDER BY " + cast,
                NONE, t.sql());
        assertFalse(t.ordered());
    }

    @Test
    void joinUsingAColumnTheMigrationLeavesAlone() {
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS first_name FROM person"
                        + " JOIN address USING (id)", NONE,
                columnLevel("SELECT first_name FROM person JOIN address USING (id)").sql());
    }

    @Test
    void twoColumnLevelMigrationsOfOneTable() {
        Migration email = parse(String.join("\n",
                "migration: person-contact",
                "from: { table: person, key: [id] }",
                "to:   { table: person, key: [id] }",
                "up:",
                "  contact: \"LOWER(email)\"",
                "down:",
                "  email: contact",
                ""));
        List<dev.tandem.schema.ColumnShape> columns = new ArrayList<>(EXPANDED_PERSON_COLUMNS);
        columns.add(varchar("contact", 100));
        TableShapes shapes = shapes(Map.of("person", columns));
        assertSql("SELECT CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS first_name,"
                        + " CAST((p.contact) AS varchar(100)) AS email, p.full_name FROM person p"
                        + " WHERE (p.contact) = ?", params(1),
                read(POSTGRESQL, shapes, "SELECT p.first_name, p.email, p.full_name FROM person p WHERE p.email = ?",
                        PERSON_FULL_NAME, email).sql());
    }
}
