package dev.tandem.translate;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.Map;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.CUSTOMER_TO_CLIENT;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.bigint;
import static dev.tandem.translate.TranslateFixtures.read;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static dev.tandem.translate.TranslateFixtures.varchar;

/**
 * {@code *} and {@code t.*} over a table-level migration: the old columns in the old order (from the table's shape),
 * each read through {@code down} and cast to its old type in the database's own words.
 */
class StarExpansionTest {
    private static final String PG_PERSON = "CAST((person.id) AS bigint) AS id,"
            + " CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS first_name,"
            + " CAST((split_part(person.full_name, ' ', 2)) AS varchar(50)) AS last_name,"
            + " CAST((person.email) AS varchar(100)) AS email";

    @Test
    void starOnPostgresql() {
        assertSql("SELECT " + PG_PERSON + " FROM people person", NONE,
                read(POSTGRESQL, "SELECT * FROM person").sql());
    }

    @Test
    void starOnMariadbCastsStringsToCharAndLeavesIntegersUncast() {
        // MariaDB can cast an integer to BIGINT only, whatever its width: no exact cast, none is made
        assertSql("SELECT (person.id) AS id, CAST((split_part(person.full_name, ' ', 1)) AS CHAR(50)) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS CHAR(50)) AS last_name,"
                        + " CAST((person.email) AS CHAR(100)) AS email FROM people person", NONE,
                read(MARIADB, "SELECT * FROM person").sql());
    }

    @Test
    void starOnH2() {
        assertSql("SELECT CAST((person.id) AS bigint) AS id,"
                        + " CAST((split_part(person.full_name, ' ', 1)) AS VARCHAR(50)) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS VARCHAR(50)) AS last_name,"
                        + " CAST((person.email) AS VARCHAR(100)) AS email FROM people person", NONE,
                read(H2, "SELECT * FROM person").sql());
    }

    @Test
    void theOrderIsTheTablesNotTheRulesFiles() {
        TableShapes reordered = shapes(Map.of("person", List.of(varchar("email", 100), varchar("last_name", 50),
                bigint("id"), varchar("first_name", 50))));
        assertSql("SELECT CAST((person.email) AS varchar(100)) AS email,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS varchar(50)) AS last_name,"
                        + " CAST((person.id) AS bigint) AS id,"
                        + " CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS first_name"
                        + " FROM people person", NONE,
                read(POSTGRESQL, reordered, "SELECT * FROM person", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void typesADatabaseCannotCastToAreLeftUncast() {
        TableShapes odd = shapes(Map.of("person", List.of(bigint("id"),
                new ColumnShape("first_name", Types.OTHER, "citext", 0, 0, null),
                new ColumnShape("last_name", Types.VARCHAR, "text", Integer.MAX_VALUE, 0, null),
                new ColumnShape("email", Types.OTHER, "weird type", 0, 0, null))));
        // PostgreSQL names its own types; an unbounded string is text; a type name that is not a plain word is not
        // repeated into the SQL
        assertSql("SELECT CAST((person.id) AS bigint) AS id,"
                        + " CAST((split_part(person.full_name, ' ', 1)) AS citext) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS text) AS last_name,"
                        + " (person.email) AS email FROM people person", NONE,
                read(POSTGRESQL, odd, "SELECT * FROM person", PERSON_TO_PEOPLE).sql());
        assertSql("SELECT CAST((person.id) AS bigint) AS id, (split_part(person.full_name, ' ', 1)) AS first_name,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS VARCHAR) AS last_name,"
                        + " (person.email) AS email FROM people person", NONE,
                read(H2, odd, "SELECT * FROM person", PERSON_TO_PEOPLE).sql());
    }

    @Test
    void tableStar() {
        assertSql("SELECT CAST((p.id) AS bigint) AS id, CAST((split_part(p.full_name, ' ', 1)) AS varchar(50))"
                        + " AS first_name, CAST((split_part(p.full_name, ' ', 2)) AS varchar(50)) AS last_name,"
                        + " CAST((p.email) AS varchar(100)) AS email, a.city FROM people p JOIN address a"
                        + " ON a.person_id = (p.id)", NONE,
                read(POSTGRESQL, "SELECT p.*, a.city FROM person p JOIN address a ON a.person_id = p.id").sql());
    }

    @Test
    void tableStarOfAnotherTableStays() {
        assertSql("SELECT a.*, CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS first_name"
                        + " FROM people p JOIN address a ON a.person_id = (p.id)", NONE,
                read(POSTGRESQL, "SELECT a.*, p.first_name FROM person p JOIN address a ON a.person_id = p.id")
                        .sql());
    }

    @Test
    void starOverAJoinListsEveryFromItemInOrder() {
        String p = "CAST((p.id) AS bigint) AS id, CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS"
                + " first_name, CAST((split_part(p.full_name, ' ', 2)) AS varchar(50)) AS last_name,"
                + " CAST((p.email) AS varchar(100)) AS email";
        assertSql("SELECT " + p + ", a.* FROM people p JOIN address a ON a.person_id = (p.id)", NONE,
                read(POSTGRESQL, "SELECT * FROM person p JOIN address a ON a.person_id = p.id").sql());
        assertSql("SELECT address.*, " + p + " FROM address JOIN people p ON address.person_id = (p.id)", NONE,
                read(POSTGRESQL, "SELECT * FROM address JOIN person p ON address.person_id = p.id").sql());
        // a derived table and a function in FROM: by their aliases
        assertSql("SELECT " + p + ", x.* FROM people p JOIN (SELECT person_id FROM address) x"
                        + " ON x.person_id = (p.id)", NONE,
                read(POSTGRESQL, "SELECT * FROM person p JOIN (SELECT person_id FROM address) x"
                        + " ON x.person_id = p.id").sql());
        assertSql("SELECT " + p + ", g.* FROM people p, generate_series(1, 3) g", NONE,
                read(POSTGRESQL, "SELECT * FROM person p, generate_series(1, 3) g").sql());
    }

    @Test
    void starOverTwoMigratedTables() {
        assertSql("SELECT CAST((p.id) AS bigint) AS id, CAST((split_part(p.full_name, ' ', 1)) AS varchar(50))"
                        + " AS first_name, CAST((split_part(p.full_name, ' ', 2)) AS varchar(50)) AS last_name,"
                        + " CAST((p.email) AS varchar(100)) AS email, CAST((c.client_id) AS bigint) AS id,"
                        + " CAST((c.person_ref) AS bigint) AS person_id, CAST((c.contact) AS varchar(100)) AS email"
                        + " FROM people p JOIN client c ON (c.person_ref) = (p.id)", NONE,
                read(POSTGRESQL, OLD_SHAPES, "SELECT * FROM person p JOIN customer c ON c.person_id = p.id",
                        PERSON_TO_PEOPLE, CUSTOMER_TO_CLIENT).sql());
    }

    @Test
    void starOfADerivedTableOverTheMigratedTable() {
        assertSql("SELECT x.* FROM (SELECT " + PG_PERSON + " FROM people person) x", NONE,
                read(POSTGRESQL, "SELECT x.* FROM (SELECT * FROM person) x").sql());
    }
}
