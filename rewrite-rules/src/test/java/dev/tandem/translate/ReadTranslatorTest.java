package dev.tandem.translate;

import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.CUSTOMER_TO_CLIENT;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.read;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReadTranslator} over the table-level migration {@code person -> people}: which names become what, in every
 * place a query can name a column (PostgreSQL casts unless the test says otherwise).
 */
class ReadTranslatorTest {
    /** {@code q.first_name} read from {@code people} and cast to the old type, under its old name. */
    private static String first(String q) {
        return "CAST((split_part(" + q + ".full_name, ' ', 1)) AS varchar(50)) AS first_name";
    }

    private static String last(String q) {
        return "CAST((split_part(" + q + ".full_name, ' ', 2)) AS varchar(50)) AS last_name";
    }

    @Test
    void unqualifiedColumnsReadTheNewTableUnderTheOldTablesName() {
        TranslatedRead t = read(POSTGRESQL, "SELECT id, first_name, last_name, email FROM person WHERE id = ?");
        assertSql("SELECT CAST((person.id) AS bigint) AS id, " + first("person") + ", " + last("person")
                + ", CAST((person.email) AS varchar(100)) AS email FROM people person WHERE (person.id) = ?",
                params(1), t.sql());
        assertFalse(t.ordered());
        assertTrue(t.labelsExact());
    }

    @Test
    void columnsQualifiedByTheTableName() {
        assertSql("SELECT " + first("person") + " FROM people person WHERE (split_part(person.full_name, ' ', 2)) = ?",
                params(1), read(POSTGRESQL, "SELECT person.first_name FROM person WHERE person.last_name = ?").sql());
    }

    @Test
    void columnsQualifiedBySchemaAndTable() {
        assertSql("SELECT " + first("person") + " FROM people person",
                NONE, read(POSTGRESQL, "SELECT public.person.first_name FROM public.person").sql());
    }

    @Test
    void aliasedTableKeepsItsAlias() {
        assertSql("SELECT CAST((p.id) AS bigint) AS id, " + first("p") + " FROM people p"
                        + " WHERE (split_part(p.full_name, ' ', 2)) = ? AND (p.email) LIKE ?", params(1, 2),
                read(POSTGRESQL, "SELECT p.id, p.first_name FROM person p WHERE p.last_name = ? AND p.email LIKE ?")
                        .sql());
    }

    @Test
    void anAliasThatIsTheNewTablesNameStillQualifiesTheOldColumns() {
        assertSql("SELECT " + first("people") + " FROM people AS people", NONE,
                read(POSTGRESQL, "SELECT first_name FROM person AS people").sql());
    }

    @Test
    void columnAliasesOfTheApplicationAreKept() {
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS fn,"
                        + " CAST((split_part(person.full_name, ' ', 2)) AS varchar(50)) ln FROM people person", NONE,
                read(POSTGRESQL, "SELECT first_name AS fn, last_name ln FROM person").sql());
    }

    @Test
    void quotedNamesKeepTheirQuotes() {
        assertSql("SELECT CAST((split_part(\"person\".full_name, ' ', 1)) AS varchar(50)) AS \"first_name\","
                        + " CAST((\"person\".email) AS varchar(100)) AS \"Email\" FROM people \"person\"", NONE,
                read(POSTGRESQL, "SELECT \"first_name\", \"Email\" FROM \"person\"").sql());
    }

    @Test
    void columnsInsideExpressionsAreReplacedWithoutCastOrAlias() {
        assertSql("SELECT CASE WHEN (person.id) > ? THEN (split_part(person.full_name, ' ', 1))"
                        + " ELSE (split_part(person.full_name, ' ', 2)) END AS v FROM people person", params(1),
                read(POSTGRESQL, "SELECT CASE WHEN id > ? THEN first_name ELSE last_name END AS v FROM person")
                        .sql());
    }

    @Test
    void aRenamedKeyReadsThroughTheKeyMapping() {
        // customer.id is customer's key; client holds it as client_id (down does not list it: up implies it)
        assertSql("SELECT CAST((c.client_id) AS bigint) AS id, CAST((c.contact) AS varchar(100)) AS email"
                        + " FROM client c WHERE (c.person_ref) = ?", params(1),
                read(POSTGRESQL, OLD_SHAPES, "SELECT c.id, c.email FROM customer c WHERE c.person_id = ?",
                        CUSTOMER_TO_CLIENT).sql());
    }

    @Test
    void columnsOfOtherTablesInAJoinStayAsTheyAre() {
        assertSql("SELECT " + first("p") + ", a.city, city FROM people p JOIN address a ON a.person_id = (p.id)"
                        + " WHERE a.city = ?", params(1),
                read(POSTGRESQL, "SELECT p.first_name, a.city, city FROM person p JOIN address a"
                        + " ON a.person_id = p.id WHERE a.city = ?").sql());
    }

    @Test
    void joinOfTwoMigratedTables() {
        assertSql("SELECT " + first("p") + ", CAST((c.contact) AS varchar(100)) AS email FROM people p"
                        + " JOIN client c ON (c.person_ref) = (p.id) WHERE (c.client_id) = ?", params(1),
                read(POSTGRESQL, OLD_SHAPES, "SELECT p.first_name, c.email FROM person p JOIN customer c"
                        + " ON c.person_id = p.id WHERE c.id = ?", PERSON_TO_PEOPLE, CUSTOMER_TO_CLIENT).sql());
    }

    @Test
    void selfJoinQualifiesEachSideByItsOwnAlias() {
        assertSql("SELECT " + first("p1") + ", " + first("p2") + " FROM people p1 JOIN people p2"
                        + " ON (split_part(p1.full_name, ' ', 2)) = (split_part(p2.full_name, ' ', 2))", NONE,
                read(POSTGRESQL, "SELECT p1.first_name, p2.first_name FROM person p1 JOIN person p2"
                        + " ON p1.last_name = p2.last_name").sql());
    }

    @Test
    void correlatedSubqueryReadsTheOuterMigratedTable() {
        assertSql("SELECT CAST((p.id) AS bigint) AS id FROM people p WHERE EXISTS (SELECT 1 FROM address a"
                        + " WHERE a.person_id = (p.id) AND a.city = (split_part(p.full_name, ' ', 2)))", NONE,
                read(POSTGRESQL, "SELECT id FROM person p WHERE EXISTS (SELECT 1 FROM address a"
                        + " WHERE a.person_id = p.id AND a.city = p.last_name)").sql());
    }

    @Test
    void migratedTableInsideASubqueryOfAnotherTable() {
        assertSql("SELECT a.city FROM address a WHERE a.person_id IN (SELECT CAST((person.id) AS bigint) AS id"
                        + " FROM people person WHERE (split_part(person.full_name, ' ', 2)) = ?)", params(1),
                read(POSTGRESQL, "SELECT a.city FROM address a WHERE a.person_id IN"
                        + " (SELECT id FROM person WHERE last_name = ?)").sql());
        // an unqualified column of the migrated table in its own subquery, correlated to the outer table
        assertSql("SELECT 1 FROM address a WHERE EXISTS (SELECT 1 FROM people p WHERE (p.id) = a.person_id"
                        + " AND (split_part(p.full_name, ' ', 1)) = ?)", params(1),
                read(POSTGRESQL, "SELECT 1 FROM address a WHERE EXISTS (SELECT 1 FROM person p"
                        + " WHERE p.id = a.person_id AND first_name = ?)").sql());
    }

    @Test
    void scalarSubqueryInTheSelectList() {
        assertSql("SELECT (SELECT MAX((split_part(person.full_name, ' ', 2))) FROM people person) AS m, city"
                        + " FROM address", NONE,
                read(POSTGRESQL, "SELECT (SELECT MAX(last_name) FROM person) AS m, city FROM address").sql());
    }

    @Test
    void derivedTableIsTranslatedInside() {
        TranslatedRead t = read(POSTGRESQL, "SELECT x.fn FROM (SELECT first_name AS fn FROM person) x ORDER BY x.fn");
        assertSql("SELECT x.fn FROM (SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS fn"
                + " FROM people person) x ORDER BY x.fn", NONE, t.sql());
        assertFalse(t.ordered(), "ties in x.fn are possible: compared as a multiset");
    }

    @Test
    void cteBodyIsTranslatedAndItsColumnsAreItsOwn() {
        assertSql("WITH x AS (SELECT " + first("person") + ", " + last("person") + " FROM people person"
                        + " WHERE (person.id) > ?) SELECT * FROM x WHERE first_name = ?", params(1, 2),
                read(POSTGRESQL, "WITH x AS (SELECT first_name, last_name FROM person WHERE id > ?)"
                        + " SELECT * FROM x WHERE first_name = ?").sql());
    }

    @Test
    void aCteNamedLikeTheMigratedTableHidesIt() {
        assertSql("WITH person AS (SELECT 1 AS first_name) SELECT first_name FROM person", NONE,
                read(POSTGRESQL, "WITH person AS (SELECT 1 AS first_name) SELECT first_name FROM person").sql());
    }

    @Test
    void everyBranchOfAUnionIsTranslated() {
        assertSql("SELECT " + first("person") + " FROM people person UNION SELECT city FROM address", NONE,
                read(POSTGRESQL, "SELECT first_name FROM person UNION SELECT city FROM address").sql());
        assertSql("SELECT city FROM address UNION SELECT " + first("person") + " FROM people person", NONE,
                read(POSTGRESQL, "SELECT city FROM address UNION SELECT first_name FROM person").sql());
    }

    @Test
    void bareGroupByAndOrderByColumnsTakeTheSelectedForm() {
        TranslatedRead t = read(POSTGRESQL, "SELECT last_name, COUNT(*) AS n FROM person GROUP BY last_name"
                + " HAVING COUNT(*) > ? ORDER BY last_name");
        String cast = "CAST((split_part(person.full_name, ' ', 2)) AS varchar(50))";
        assertSql("SELECT " + cast + " AS last_name, COUNT(*) AS n FROM people person GROUP BY " + cast
                + " HAVING COUNT(*) > ? ORDER BY " + cast, params(1), t.sql());
        assertFalse(t.ordered(), "no key in the ORDER BY: compared as a multiset");
    }

    @Test
    void orderByInsideAWindowIsAnExpression() {
        TranslatedRead t = read(POSTGRESQL, "SELECT first_name, ROW_NUMBER() OVER (ORDER BY last_name) AS rn"
                + " FROM person");
        assertSql("SELECT " + first("person") + ", ROW_NUMBER() OVER (ORDER BY (split_part(person.full_name, ' ',"
                + " 2))) AS rn FROM people person", NONE, t.sql());
        assertFalse(t.ordered());
    }

    @Test
    void orderByANameOfTheSelectListOrdersByThatOutputColumn() {
        // the databases resolve a bare ORDER BY name to the output column of that name first
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS last_name"
                        + " FROM people person ORDER BY last_name", NONE,
                read(POSTGRESQL, "SELECT first_name AS last_name FROM person ORDER BY last_name").sql());
        assertSql("SELECT UPPER((split_part(person.full_name, ' ', 1))) AS last_name FROM people person"
                        + " ORDER BY last_name DESC", NONE,
                read(POSTGRESQL, "SELECT UPPER(first_name) AS last_name FROM person ORDER BY last_name DESC").sql());
        // qualified, it is the table's column
        assertSql("SELECT CAST((split_part(person.full_name, ' ', 1)) AS varchar(50)) AS last_name"
                        + " FROM people person ORDER BY CAST((split_part(person.full_name, ' ', 2)) AS varchar(50))",
                NONE, read(POSTGRESQL, "SELECT first_name AS last_name FROM person ORDER BY person.last_name").sql());
    }

    @Test
    void distinct() {
        assertSql("SELECT DISTINCT " + last("person") + " FROM people person", NONE,
                read(POSTGRESQL, "SELECT DISTINCT last_name FROM person").sql());
    }

    @Test
    void forUpdateIsKept() {
        assertSql("SELECT CAST((person.id) AS bigint) AS id, " + first("person") + " FROM people person"
                        + " WHERE (person.id) = ? FOR UPDATE", params(1),
                read(POSTGRESQL, "SELECT id, first_name FROM person WHERE id = ? FOR UPDATE").sql());
        assertSql("SELECT (person.id) AS id FROM people person WHERE (person.id) = ? FOR UPDATE", params(1),
                read(MARIADB, "SELECT id FROM person WHERE id = ? FOR UPDATE").sql());
    }

    @Test
    void limitAndOffsetAreKept() {
        TranslatedRead pg = read(POSTGRESQL, "SELECT id FROM person ORDER BY id LIMIT 5 OFFSET 3");
        assertSql("SELECT CAST((person.id) AS bigint) AS id FROM people person ORDER BY CAST((person.id) AS bigint)"
                + " LIMIT 5 OFFSET 3", NONE, pg.sql());
        assertTrue(pg.ordered());
        TranslatedRead maria = read(MARIADB, "SELECT id FROM person LIMIT ? OFFSET ?");
        assertSql("SELECT (person.id) AS id FROM people person LIMIT ? OFFSET ?", params(1, 2), maria.sql());
        assertFalse(maria.ordered());
    }

    @Test
    void orderedOnlyWhenTheOrderIsFullyDetermined() {
        // one table, ORDER BY every key column: two runs must return the same sequence
        assertTrue(read(POSTGRESQL, "SELECT first_name FROM person ORDER BY id").ordered());
        assertTrue(read(POSTGRESQL, "SELECT first_name FROM person p ORDER BY last_name, p.id DESC").ordered());
        assertTrue(read(POSTGRESQL, "(SELECT first_name FROM person ORDER BY id LIMIT 1)").ordered());
        // ties are possible: compared as multisets
        assertFalse(read(POSTGRESQL, "SELECT first_name FROM person ORDER BY last_name").ordered());
        assertFalse(read(POSTGRESQL, "SELECT p.first_name FROM person p JOIN address a ON a.person_id = p.id"
                + " ORDER BY p.id").ordered());
        assertFalse(read(POSTGRESQL, "SELECT first_name FROM person UNION ALL SELECT last_name FROM person ORDER BY 1")
                .ordered());
        assertFalse(read(POSTGRESQL, "(SELECT first_name FROM person) ORDER BY first_name").ordered());
        assertFalse(read(POSTGRESQL, "(SELECT first_name FROM person)").ordered());
        assertFalse(read(POSTGRESQL, "SELECT x.fn FROM (SELECT first_name AS fn FROM person ORDER BY id) x")
                .ordered());
    }

    @Test
    void theSelectOfAnInsertIntoAnotherTable() {
        TranslatedRead t = read(POSTGRESQL, "INSERT INTO address (person_id, city) SELECT id, last_name FROM person"
                + " WHERE first_name = ?");
        assertSql("INSERT INTO address (person_id, city) SELECT CAST((person.id) AS bigint) AS id, " + last("person")
                + " FROM people person WHERE (split_part(person.full_name, ' ', 1)) = ?", params(1), t.sql());
        assertFalse(t.ordered());
        assertTrue(t.labelsExact());
    }

    @Test
    void aReadOfNoMigratedTableIsRenderedAsWritten() {
        TranslatedRead t = read(POSTGRESQL, "SELECT city FROM address WHERE id = ? ORDER BY city");
        assertSql("SELECT city FROM address WHERE id = ? ORDER BY city", params(1), t.sql());
        assertFalse(t.ordered());
    }
}
