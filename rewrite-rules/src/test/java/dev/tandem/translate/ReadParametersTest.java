package dev.tandem.translate;

import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.placeholders;
import static dev.tandem.translate.TranslateFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application's parameters through a read translation: each stays a {@code ?} and is mapped to the position the
 * application bound it at, wherever the translated SQL puts it. No value is ever written into the SQL.
 */
class ReadParametersTest {
    @Test
    void parametersEverywhereKeepTheirOrder() {
        assertSql("SELECT CONCAT((split_part(person.full_name, ' ', 1)), ?) AS x FROM people person"
                        + " WHERE (person.id) = ? AND (split_part(person.full_name, ' ', 2)) IN (?, ?) LIMIT ?",
                params(1, 2, 3, 4, 5),
                read(POSTGRESQL, "SELECT CONCAT(first_name, ?) AS x FROM person WHERE id = ? AND last_name IN (?, ?)"
                        + " LIMIT ?").sql());
    }

    @Test
    void parametersTheRenderingReordersAreMappedToTheirOwnPositions() {
        // written OFFSET first, rendered LIMIT first: the first ? is now the application's second parameter
        assertSql("SELECT CAST((person.id) AS bigint) AS id FROM people person ORDER BY CAST((person.id) AS bigint)"
                        + " LIMIT ? OFFSET ?", params(2, 1),
                read(POSTGRESQL, "SELECT id FROM person ORDER BY id OFFSET ? LIMIT ?").sql());
    }

    @Test
    void mariadbLimitWithOffsetFirst() {
        assertSql("SELECT (person.id) AS id FROM people person ORDER BY (person.id) LIMIT ?, ?", params(1, 2),
                read(MARIADB, "SELECT id FROM person ORDER BY id LIMIT ?, ?").sql());
    }

    @Test
    void fetchFirst() {
        assertSql("SELECT CAST((person.id) AS bigint) AS id FROM people person ORDER BY CAST((person.id) AS bigint)"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", params(1, 2),
                read(H2, "SELECT id FROM person ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY").sql());
    }

    @Test
    void parametersInSubqueriesAndCtes() {
        assertSql("SELECT ? AS y FROM people person WHERE (split_part(person.full_name, ' ', 1)) IN"
                        + " (SELECT city FROM address WHERE city <> ?) AND (person.id) = ?", params(1, 2, 3),
                read(POSTGRESQL, "SELECT ? AS y FROM person WHERE first_name IN (SELECT city FROM address"
                        + " WHERE city <> ?) AND id = ?").sql());
        assertSql("WITH x AS (SELECT CAST((person.id) AS bigint) AS id FROM people person"
                        + " WHERE (split_part(person.full_name, ' ', 2)) = ?) SELECT id FROM x WHERE id > ?",
                params(1, 2),
                read(POSTGRESQL, "WITH x AS (SELECT id FROM person WHERE last_name = ?) SELECT id FROM x"
                        + " WHERE id > ?").sql());
    }

    @Test
    void aQuestionMarkInsideAStringIsNoParameter() {
        TranslatedRead t = read(POSTGRESQL, "SELECT first_name || '?' AS x, ? AS y FROM person"
                + " WHERE email = 'a?b' AND id = ?");
        assertSql("SELECT (split_part(person.full_name, ' ', 1)) || '?' AS x, ? AS y FROM people person"
                + " WHERE (person.email) = 'a?b' AND (person.id) = ?", params(1, 2), t.sql());
    }

    @Test
    void theRenderedTextCarriesNoTandemMarkers() {
        String sql = read(POSTGRESQL, "SELECT p.*, (SELECT MAX(last_name) FROM person) AS m FROM person p"
                + " WHERE p.first_name = ? ORDER BY p.last_name LIMIT ?").sql().sql();
        assertEquals(-1, sql.indexOf("tandem"), sql);
        assertEquals(2, placeholders(sql), sql);
    }
}
