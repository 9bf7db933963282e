package dev.tandem.translate;

import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.MYSQL;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.read;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Labels}: an unaliased computed select item that the translation changes keeps the label the database gave
 * it, through an alias, where Tandem can tell what that label is; where it cannot, the read says its labels are not
 * exact. Items the translation leaves alone are never aliased.
 */
class LabelsTest {
    private static final String FIRST = "(split_part(person.full_name, ' ', 1))";
    private static final String LAST = "(split_part(person.full_name, ' ', 2))";

    // ------------------------------------------------------------------------------------------------ MariaDB

    @Test
    void mariadbLabelsAComputedItemWithItsTextAsWritten() {
        TranslatedRead t = read(MARIADB, "SELECT UPPER( first_name ), id + 1, LENGTH(last_name),"
                + " CAST(first_name AS CHAR(60)), LOWER(first_name) FROM person");
        assertSql("SELECT UPPER(" + FIRST + ") AS `UPPER( first_name )`, (person.id) + 1 AS `id + 1`,"
                + " LENGTH(" + LAST + ") AS `LENGTH(last_name)`, CAST(" + FIRST + " AS CHAR (60))"
                + " AS `CAST(first_name AS CHAR(60))`, LOWER(" + FIRST + ") AS `LOWER(first_name)`"
                + " FROM people person", NONE, t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void mariadbParenthesizedColumnKeepsItsBareName() {
        TranslatedRead t = read(MARIADB, "SELECT (last_name), ((`first_name`)) FROM person");
        assertSql("SELECT (" + LAST + ") AS `last_name`, ((" + FIRST + ")) AS `first_name` FROM people person",
                NONE, t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void mariadbBackticksInTheTextAreDoubledInTheAlias() {
        assertSql("SELECT UPPER(" + LAST + ") AS `UPPER(``last_name``)` FROM people person", NONE,
                read(MARIADB, "SELECT UPPER(`last_name`) FROM person").sql());
    }

    @Test
    void mariadbScalarSubqueryIsLabelledByItsText() {
        assertSql("SELECT (SELECT MAX(" + LAST + ") FROM people person) AS `(SELECT MAX(last_name) FROM person)`"
                        + " FROM address", NONE,
                read(MARIADB, "SELECT (SELECT MAX(last_name) FROM person) FROM address").sql());
    }

    @Test
    void mysqlLabelsLikeMariadb() {
        assertSql("SELECT UPPER(" + FIRST + ") AS `UPPER(first_name)` FROM people person", NONE,
                read(MYSQL, "SELECT UPPER(first_name) FROM person").sql());
    }

    @Test
    void mariadbItemWithAParameterIsNeverAliased() {
        // its label may show the bound value: Tandem cannot say it
        TranslatedRead t = read(MARIADB, "SELECT CONCAT(first_name, ?) FROM person");
        assertSql("SELECT CONCAT(" + FIRST + ", ?) FROM people person", params(1), t.sql());
        assertFalse(t.labelsExact());
    }

    @Test
    void mariadbItemWhoseTextHoldsAQuestionMarkIsNotAliased() {
        TranslatedRead t = read(MARIADB, "SELECT CONCAT(first_name, '?') FROM person");
        assertSql("SELECT CONCAT(" + FIRST + ", '?') FROM people person", NONE, t.sql());
        assertFalse(t.labelsExact());
    }

    @Test
    void mariadbVeryLongTextIsNotCopiedIntoAnAlias() {
        String concat = "CONCAT(first_name, '" + "x".repeat(250) + "')";
        TranslatedRead t = read(MARIADB, "SELECT " + concat + " FROM person");
        assertSql("SELECT CONCAT(" + FIRST + ", '" + "x".repeat(250) + "') FROM people person", NONE, t.sql());
        assertFalse(t.labelsExact());
    }

    @Test
    void itemsTheTranslationDoesNotChangeAreNeverAliased() {
        TranslatedRead t = read(MARIADB, "SELECT COUNT(*), UPPER(city), CONCAT(city, ?) FROM person p"
                + " JOIN address a ON a.person_id = p.id");
        assertSql("SELECT COUNT(*), UPPER(city), CONCAT(city, ?) FROM people p JOIN address a"
                + " ON a.person_id = (p.id)", params(1), t.sql());
        assertTrue(t.labelsExact());
        TranslatedRead h2 = read(H2, "SELECT COUNT(*), UPPER(city) FROM person p JOIN address a"
                + " ON a.person_id = p.id");
        assertSql("SELECT COUNT(*), UPPER(city) FROM people p JOIN address a ON a.person_id = (p.id)", NONE,
                h2.sql());
        assertTrue(h2.labelsExact());
    }

    @Test
    void itemsTheApplicationAliasedKeepTheirAlias() {
        TranslatedRead t = read(H2, "SELECT UPPER(first_name) AS u, (last_name) l FROM person");
        assertSql("SELECT UPPER(" + FIRST + ") AS u, (" + LAST + ") l FROM people person", NONE, t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void aUnionIsLabelledByItsFirstBranch() {
        assertSql("SELECT UPPER(" + FIRST + ") AS `UPPER(first_name)` FROM people person"
                        + " UNION SELECT UPPER(" + LAST + ") FROM people person", NONE,
                read(MARIADB, "SELECT UPPER(first_name) FROM person UNION SELECT UPPER(last_name) FROM person")
                        .sql());
        assertSql("SELECT UPPER(city) FROM address UNION SELECT UPPER(" + FIRST + ") FROM people person", NONE,
                read(MARIADB, "SELECT UPPER(city) FROM address UNION SELECT UPPER(first_name) FROM person").sql());
    }

    // --------------------------------------------------------------------------------------------- PostgreSQL

    @Test
    void postgresqlColumnInParenthesesOrCastsKeepsTheColumnsName() {
        TranslatedRead t = read(POSTGRESQL, "SELECT (last_name), CAST(first_name AS CHAR(60)), first_name::text,"
                + " CAST(CAST(first_name AS text) AS varchar(10)) FROM person");
        assertSql("SELECT (" + LAST + ") AS \"last_name\", CAST(" + FIRST + " AS CHAR (60)) AS \"first_name\","
                + " " + FIRST + "::text AS \"first_name\","
                + " CAST(CAST(" + FIRST + " AS text) AS varchar (10)) AS \"first_name\" FROM people person",
                NONE, t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void postgresqlFoldsUnquotedNamesToLowerCaseAndKeepsQuotedOnes() {
        TranslatedRead t = read(POSTGRESQL, "SELECT (Last_Name), (\"Last_Name\") FROM person");
        assertSql("SELECT (" + LAST + ") AS \"last_name\", (" + LAST + ") AS \"Last_Name\" FROM people person", NONE,
                t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void postgresqlOtherConstructsGetNoAlias() {
        // PostgreSQL labels them by their outermost construct (upper, ?column?, length), which the translation keeps
        assertSql("SELECT UPPER(" + FIRST + "), (person.id) + 1, LENGTH(" + LAST + "), COUNT(*) FROM people person",
                NONE, read(POSTGRESQL, "SELECT UPPER(first_name), id + 1, LENGTH(last_name), COUNT(*) FROM person")
                        .sql());
    }

    @Test
    void postgresqlComputedColumnsKeepTheirLabelAndAreExact() {
        TranslatedRead t = read(POSTGRESQL, "SELECT UPPER(first_name), id + 1, COUNT(*) FROM person GROUP BY"
                + " first_name, id");
        assertTrue(t.labelsExact(), "upper, ?column?, count survive the translation");
    }

    @Test
    void postgresqlLabelsACaseByItsElseColumnACollateAndASubqueryByTheirColumn() {
        TranslatedRead t = read(POSTGRESQL, "SELECT CASE WHEN id > 1 THEN first_name ELSE last_name END,"
                + " first_name COLLATE \"C\", CASE WHEN id > 1 THEN 'a' END, CASE WHEN id > 1 THEN 'a' ELSE"
                + " UPPER(last_name) END FROM person");
        String sql = t.sql().sql();
        assertTrue(sql.contains("END AS \"last_name\""), sql);
        assertTrue(sql.contains("COLLATE \"C\" AS \"first_name\""), sql);
        assertFalse(sql.contains("'a' END AS"), "a CASE without ELSE is labelled case either way: " + sql);
        assertTrue(sql.endsWith("ELSE UPPER((split_part(person.full_name, ' ', 2))) END FROM people person"),
                "an ELSE that is a function keeps its label: " + sql);
        assertTrue(t.labelsExact());
        TranslatedRead sub = read(POSTGRESQL, "SELECT (SELECT (last_name) FROM person LIMIT 1) FROM address");
        assertTrue(sub.sql().sql().endsWith("LIMIT 1) AS \"last_name\" FROM address"), sub.sql().sql());
    }

    // ---------------------------------------------------------------------------------------------------- H2

    @Test
    void h2ParenthesizedColumnGetsItsUpperCasedName() {
        TranslatedRead t = read(H2, "SELECT (last_name), (\"first_name\") FROM person");
        assertSql("SELECT (" + LAST + ") AS \"LAST_NAME\", (" + FIRST + ") AS \"first_name\" FROM people person",
                NONE, t.sql());
        assertTrue(t.labelsExact());
    }

    @Test
    void h2OtherChangedItemsMakeTheLabelsInexact() {
        // H2 labels them with its own rendering of the expression, which the translation changes
        TranslatedRead t = read(H2, "SELECT UPPER(first_name), id + 1 FROM person");
        assertSql("SELECT UPPER(" + FIRST + "), (person.id) + 1 FROM people person", NONE, t.sql());
        assertFalse(t.labelsExact());
        assertFalse(read(H2, "SELECT (SELECT MAX(last_name) FROM person) FROM address").labelsExact());
    }
}
