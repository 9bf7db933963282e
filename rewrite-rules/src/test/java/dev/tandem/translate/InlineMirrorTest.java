package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.rules.TableRef;
import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.schema.WriteEffects;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.ParameterizedSql;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tandem.sql.Dialect.H2;
import static dev.tandem.sql.Dialect.MARIADB;
import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_PERSON_COLUMNS;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.parse;
import static dev.tandem.translate.TranslateFixtures.parsed;
import static dev.tandem.translate.TranslateFixtures.shapes;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link InlineMirror}: a column-level write with its new columns set in the same statement, exactly where that is
 * what the sync would write, and nowhere else.
 */
class InlineMirrorTest {
    /** person(id, first_name, last_name, email, full_name, price numeric(10,2), price_cents bigint). */
    private static final Migration PRICE_CENTS = parse(String.join("\n",
            "migration: price-cents",
            "from: { table: person, key: [id] }",
            "to:   { table: person, key: [id] }",
            "up:",
            "  price_cents: \"price * 100\"",
            "down:",
            "  price: \"price_cents / 100.0\"",
            ""));

    private static final List<ColumnShape> COLUMNS = List.of(EXPANDED_PERSON_COLUMNS.get(0),
            EXPANDED_PERSON_COLUMNS.get(1), EXPANDED_PERSON_COLUMNS.get(2), EXPANDED_PERSON_COLUMNS.get(3),
            EXPANDED_PERSON_COLUMNS.get(4), new ColumnShape("price", Types.NUMERIC, "numeric", 10, 2, null),
            new ColumnShape("price_cents", Types.BIGINT, "int8", 19, 0, null),
            new ColumnShape("note", Types.OTHER, "jsonb", 0, 0, null));

    private static TableShapes shapes(WriteEffects effects) {
        TableShapes base = TranslateFixtures.shapes(Map.of("person", COLUMNS));
        return new TableShapes() {
            @Override
            public List<String> columns(TableRef table) {
                return base.columns(table);
            }

            @Override
            public List<ColumnShape> describe(TableRef table) {
                return base.describe(table);
            }

            @Override
            public List<List<String>> uniqueKeys(TableRef table) {
                return base.uniqueKeys(table);
            }

            @Override
            public WriteEffects writeEffects(TableRef table) {
                return effects;
            }
        };
    }

    private static final TableShapes PLAIN = shapes(new WriteEffects(false, Set.of()));

    private static ParameterizedSql inline(Dialect dialect, TableShapes shapes, String sql, Migration m) {
        return InlineMirror.of(parsed(dialect, sql), m, shapes, dialect);
    }

    private static ParameterizedSql inline(Dialect dialect, String sql) {
        return inline(dialect, PLAIN, sql, PERSON_FULL_NAME);
    }

    @Test
    void insertDerivesTheNewColumnFromTheRowsOwnValuesAsStored() {
        assertSql("INSERT INTO person (id, first_name, last_name, full_name) VALUES (?, ?, ?,"
                        + " ((CAST((?) AS varchar(50))) || ' ' || (CAST((?) AS varchar(50)))))",
                params(1, 2, 3, 2, 3),
                inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) VALUES (?, ?, ?)"));
        assertSql("INSERT INTO person (id, first_name, last_name, full_name) VALUES (?, 'a''b', ?,"
                        + " ((CAST(('a''b') AS VARCHAR(50))) || ' ' || (CAST((?) AS VARCHAR(50))))),"
                        + " (?, ?, ?, ((CAST((?) AS VARCHAR(50))) || ' ' || (CAST((?) AS VARCHAR(50)))))",
                params(1, 2, 2, 3, 4, 5, 4, 5),
                inline(H2, "INSERT INTO person (id, first_name, last_name) VALUES (?, 'a''b', ?), (?, ?, ?)"));
    }

    @Test
    void decimalsAreRoundedAsTheColumnWillHoldThem() {
        assertSql("INSERT INTO person (id, price, price_cents) VALUES (?, ?, ((CAST((?) AS numeric(10, 2))) * 100))",
                params(1, 2, 2), inline(POSTGRESQL, PLAIN, "INSERT INTO person (id, price) VALUES (?, ?)",
                        PRICE_CENTS));
        assertSql("INSERT INTO person (id, price, price_cents) VALUES (?, ?, ((CAST((?) AS DECIMAL(10, 2))) * 100))",
                params(1, 2, 2), inline(MARIADB, PLAIN, "INSERT INTO person (id, price) VALUES (?, ?)",
                        PRICE_CENTS));
    }

    @Test
    void updateSubstitutesAssignedValuesAndReadsTheRestFromTheRow() {
        assertSql("UPDATE person SET last_name = ?, full_name = ((first_name) || ' ' || (CAST((?) AS varchar(50))))"
                        + " WHERE id = ?", params(1, 1, 2),
                inline(POSTGRESQL, "UPDATE person SET last_name = ? WHERE id = ?"));
        // standard SQL: every SET value sees the row as it was, so an assigned value may read assigned columns
        assertSql("UPDATE person SET first_name = last_name, last_name = ?, full_name = ((CAST((last_name) AS"
                        + " VARCHAR(50))) || ' ' || (CAST((?) AS VARCHAR(50)))) WHERE id = ?", params(1, 1, 2),
                inline(H2, "UPDATE person SET first_name = last_name, last_name = ? WHERE id = ?"));
    }

    @Test
    void anUpdateThatAssignsNothingUpReadsIsItsOwnInlineForm() {
        assertSql("UPDATE person SET email = ? WHERE id = ?", params(1, 2),
                inline(MARIADB, "UPDATE person SET email = ? WHERE id = ?"));
    }

    @Test
    void mariaDbAssignmentsThatMaySeeEachOtherAreSynced() {
        assertNull(inline(MARIADB, "UPDATE person SET first_name = last_name, last_name = ? WHERE id = ?"));
        assertSql("UPDATE person SET first_name = ?, full_name = ((CAST((?) AS CHAR(50))) || ' ' || (last_name))"
                        + " WHERE id = ?", params(1, 1, 2),
                inline(MARIADB, "UPDATE person SET first_name = ? WHERE id = ?"));
    }

    @Test
    void whatTheDatabaseAddsItselfIsSynced() {
        String sql = "UPDATE person SET last_name = ? WHERE id = ?";
        assertNull(inline(POSTGRESQL, shapes(new WriteEffects(true, Set.of())), sql, PERSON_FULL_NAME), "trigger");
        assertNull(inline(POSTGRESQL, shapes(null), sql, PERSON_FULL_NAME), "unknown catalog");
        assertNull(inline(POSTGRESQL, shapes(new WriteEffects(false, Set.of("FIRST_NAME"))), sql, PERSON_FULL_NAME),
                "computed column read by up");
    }

    @Test
    void valuesThatMayDifferWhenCopiedAreSynced() {
        assertNull(inline(POSTGRESQL, "UPDATE person SET last_name = concat(?, random()) WHERE id = ?"));
        assertNull(inline(POSTGRESQL, "UPDATE person SET last_name = (SELECT max(email) FROM person) WHERE id = ?"));
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) VALUES (?, ?, DEFAULT)"));
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) VALUES (?, ?, upper(?))"));
    }

    @Test
    void formsItDoesNotRewriteAreSynced() {
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name) VALUES (?, ?)"), "last_name not given");
        assertNull(inline(POSTGRESQL, "INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), "no column list");
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name"));
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) VALUES (?, ?, ?) RETURNING id"));
        assertNull(inline(MARIADB, "INSERT IGNORE INTO person (id, first_name, last_name) VALUES (?, ?, ?)"));
        assertNull(inline(POSTGRESQL, "INSERT INTO person (id, first_name, last_name) SELECT id, first_name,"
                + " last_name FROM person WHERE id = ?"));
        assertNull(inline(POSTGRESQL, "UPDATE person p SET last_name = ? FROM person q WHERE p.id = q.id"));
        assertNull(inline(POSTGRESQL, "UPDATE person SET last_name = ?, full_name = ? WHERE id = ?"),
                "the application writes the new column itself");
        assertNull(inline(H2, PLAIN, "UPDATE person SET note = ? WHERE id = ?", parse(String.join("\n",
                "migration: note-text", "from: { table: person, key: [id] }", "to: { table: person, key: [id] }",
                "up:", "  email: \"CAST(note AS text)\"", "down:", "  note: \"CAST(email AS jsonb)\"", ""))),
                "a type without an exact cast");
    }

    @Test
    void aKeyTheDatabaseMayGenerateIsNeverCopied() {
        Migration code = parse(String.join("\n", "migration: code", "from: { table: person, key: [id] }",
                "to: { table: person, key: [id] }", "up:", "  email: \"CONCAT('p', id)\"", "down:",
                "  last_name: email", ""));
        assertNull(inline(POSTGRESQL, PLAIN, "INSERT INTO person (id, last_name) VALUES (?, ?)", code));
    }
}
