package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.schema.TableShapes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.bigint;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.parse;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static dev.tandem.translate.TranslateFixtures.varchar;
import static dev.tandem.translate.TranslateFixtures.withDefault;
import static dev.tandem.translate.TranslateFixtures.write;

/**
 * {@link WriteTranslator} on INSERT: each written column of {@code to} derived through {@code up} from the values the
 * statement gives, an old column it does not give taking its catalog default; parameters mapped, never spliced.
 */
class InsertTranslationTest {
    private static TranslatedWrite tableLevel(String sql) {
        return write(POSTGRESQL, OLD_SHAPES, sql, PERSON_TO_PEOPLE);
    }

    private static TranslatedWrite columnLevel(String sql) {
        return write(POSTGRESQL, EXPANDED_SHAPES, sql, PERSON_FULL_NAME);
    }

    @Test
    void everyOldColumnGiven() {
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((?)), ((?) || ' ' || (?)), ((?)))",
                params(1, 2, 3, 4),
                tableLevel("INSERT INTO person (id, first_name, last_name, email) VALUES (?, ?, ?, ?)").sql());
    }

    @Test
    void columnsInAnotherOrderAndSeveralRows() {
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((?)), ((?) || ' ' || (?)), ((?))),"
                        + " (((7)), (('y') || ' ' || ('x')), ((?)))", params(2, 4, 3, 1, 5),
                tableLevel("INSERT INTO person (email, id, last_name, first_name) VALUES (?, ?, ?, ?),"
                        + " (?, 7, 'x', 'y')").sql());
    }

    @Test
    void withoutAColumnListTheTablesColumnsInOrder() {
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((?)), ((?) || ' ' || (?)), ((?)))",
                params(1, 2, 3, 4), tableLevel("INSERT INTO person VALUES (?, ?, ?, ?)").sql());
    }

    @Test
    void aKeyTheStatementDoesNotGiveIsLeftToTheNewTable() {
        assertSql("INSERT INTO people (full_name, email) VALUES (((?) || ' ' || (?)), ((?)))", params(1, 2, 3),
                tableLevel("INSERT INTO person (first_name, last_name, email) VALUES (?, ?, ?)").sql());
    }

    @Test
    void aKeyGivenAsDefaultInEveryRowIsAsIfNotGiven() {
        // Hibernate's identity insert on H2: VALUES (?, ?, ?, default)
        assertSql("INSERT INTO people (full_name, email) VALUES (((?) || ' ' || (?)), ((?)))", params(1, 2, 3),
                tableLevel("INSERT INTO person (first_name, last_name, email, id) VALUES (?, ?, ?, default)").sql());
        assertSql("INSERT INTO people (full_name, email) VALUES (((?) || ' ' || (?)), ((?))),"
                        + " (((?) || ' ' || (?)), ((?)))", params(1, 2, 3, 4, 5, 6),
                tableLevel("INSERT INTO person (id, first_name, last_name, email) VALUES (DEFAULT, ?, ?, ?),"
                        + " (DEFAULT, ?, ?, ?)").sql());
    }

    @Test
    void aKeyWithACatalogDefaultTakesIt() {
        // a sequence shared by both structures keeps the keys one series
        TableShapes sequence = shapes(Map.of("person", List.of(withDefault(bigint("id"), "nextval('person_id_seq')"),
                varchar("first_name", 50), varchar("last_name", 50), varchar("email", 100))));
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((nextval('person_id_seq'))),"
                        + " ((?) || ' ' || (?)), ((?)))", params(1, 2, 3),
                write(POSTGRESQL, sequence, "INSERT INTO person (first_name, last_name, email) VALUES (?, ?, ?)",
                        PERSON_TO_PEOPLE).sql());
    }

    @Test
    void anOldColumnNotGivenTakesItsCatalogDefaultElseNull() {
        TableShapes defaults = shapes(Map.of("person", List.of(bigint("id"), varchar("first_name", 50),
                withDefault(varchar("last_name", 50), "'unknown'"), varchar("email", 100))));
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((?)), ((?) || ' ' || ('unknown')), ((NULL)))",
                params(1, 2),
                write(MARIADB, defaults, "INSERT INTO person (id, first_name) VALUES (?, ?)", PERSON_TO_PEOPLE)
                        .sql());
        assertSql("INSERT INTO people (id, full_name, email) VALUES (((?)), ((?) || ' ' || (NULL)), ((?)))",
                params(1, 2, 3), tableLevel("INSERT INTO person (id, first_name, email) VALUES (?, ?, ?)").sql());
    }

    @Test
    void aValueReadByTwoUpExpressionsIsBoundTwice() {
        Migration initials = TranslateFixtures.PERSON_WITH_INITIAL;
        assertSql("INSERT INTO people (id, full_name, initial) VALUES (((?)), ((?) || ' ' || (?)),"
                        + " (SUBSTRING((?), 1, 1)))", params(3, 1, 2, 1),
                write(POSTGRESQL, OLD_SHAPES, "INSERT INTO person (first_name, last_name, id) VALUES (?, ?, ?)",
                        initials).sql());
    }

    @Test
    void insertSelectFromAnotherTable() {
        assertSql("INSERT INTO people (id, full_name, email) SELECT ((tandem_src.tandem_c0)),"
                        + " ((tandem_src.tandem_c1) || ' ' || (tandem_src.tandem_c2)), ((tandem_src.tandem_c3))"
                        + " FROM (SELECT a.id AS tandem_c0, a.city AS tandem_c1, ? AS tandem_c2, ? AS tandem_c3"
                        + " FROM address a WHERE a.city = ?) tandem_src", params(1, 2, 3),
                tableLevel("INSERT INTO person (id, first_name, last_name, email) SELECT a.id, a.city, ?, ?"
                        + " FROM address a WHERE a.city = ?").sql());
    }

    @Test
    void insertSelectFromTheOldStructureReadsTheNewOne() {
        assertSql("INSERT INTO people (id, full_name, email) SELECT ((tandem_src.tandem_c0)),"
                        + " ((tandem_src.tandem_c1) || ' ' || (tandem_src.tandem_c2)), ((tandem_src.tandem_c3))"
                        + " FROM (SELECT (p.id) + ? AS tandem_c0,"
                        + " CAST((split_part(p.full_name, ' ', 2)) AS varchar(50)) AS tandem_c1,"
                        + " CAST((split_part(p.full_name, ' ', 1)) AS varchar(50)) AS tandem_c2,"
                        + " CAST((p.email) AS varchar(100)) AS tandem_c3 FROM people p WHERE (p.id) = ?) tandem_src",
                params(1, 2),
                tableLevel("INSERT INTO person (id, first_name, last_name, email) SELECT p.id + ?, p.last_name,"
                        + " p.first_name, p.email FROM person p WHERE p.id = ?").sql());
    }

    @Test
    void insertSelectWithItsOwnWith() {
        assertSql("INSERT INTO people (id, full_name, email) SELECT ((tandem_src.tandem_c0)),"
                        + " ((NULL) || ' ' || (NULL)), ((NULL)) FROM (WITH x AS (SELECT 1 AS c)"
                        + " SELECT c AS tandem_c0 FROM x) tandem_src", NONE,
                tableLevel("INSERT INTO person (id) WITH x AS (SELECT 1 AS c) SELECT c FROM x").sql());
    }

    @Test
    void columnLevelDerivesTheNewColumnsAndCopiesTheOthers() {
        assertSql("INSERT INTO person (full_name, id, email) VALUES (((?) || ' ' || (?)), ?, ?)", params(2, 3, 1, 4),
                columnLevel("INSERT INTO person (id, first_name, last_name, email) VALUES (?, ?, ?, ?)").sql());
        // DEFAULT for a column copied as it is stays DEFAULT
        assertSql("INSERT INTO person (full_name, id) VALUES (((?) || ' ' || (NULL)), DEFAULT)", params(1),
                columnLevel("INSERT INTO person (id, first_name) VALUES (DEFAULT, ?)").sql());
    }

    @Test
    void columnLevelInsertSelect() {
        assertSql("INSERT INTO person (full_name, id, email) SELECT ((NULL) || ' ' || (NULL)), tandem_src.tandem_c0,"
                        + " tandem_src.tandem_c1 FROM (SELECT person_id AS tandem_c0, city AS tandem_c1 FROM address"
                        + " WHERE id = ?) tandem_src", params(1),
                columnLevel("INSERT INTO person (id, email) SELECT person_id, city FROM address WHERE id = ?").sql());
    }

    @Test
    void theReverseMigrationComesWithTheStatement() {
        TranslatedWrite t = tableLevel("INSERT INTO person (id, first_name) VALUES (?, ?)");
        ReverseMigrationTest.assertSameMigration(WriteTranslator.reverse(PERSON_TO_PEOPLE), t.reverse());
    }
}
