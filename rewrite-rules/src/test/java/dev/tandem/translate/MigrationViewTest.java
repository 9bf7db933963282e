package dev.tandem.translate;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tandem.translate.TranslateFixtures.CUSTOMER_TO_CLIENT;
import static dev.tandem.translate.TranslateFixtures.EXPANDED_SHAPES;
import static dev.tandem.translate.TranslateFixtures.OLD_SHAPES;
import static dev.tandem.translate.TranslateFixtures.PERSON_COLUMNS;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MigrationView}: how each old column reads from the new structure, and what {@code *} lists. */
class MigrationViewTest {
    @Test
    void downByColumnNameIgnoringCaseAndQuotes() {
        MigrationView v = new MigrationView(PERSON_TO_PEOPLE, OLD_SHAPES);
        assertEquals("split_part(full_name, ' ', 1)", v.down("first_name"));
        assertEquals("split_part(full_name, ' ', 1)", v.down("FIRST_NAME"));
        assertEquals("split_part(full_name, ' ', 1)", v.down("\"first_name\""));
        assertEquals("split_part(full_name, ' ', 1)", v.down("`first_name`"));
        assertNull(v.down("full_name"));
    }

    @Test
    void aTableLevelKeyReadsFromTheKeyItMapsTo() {
        assertEquals("id", new MigrationView(PERSON_TO_PEOPLE, OLD_SHAPES).down("id"));
        assertEquals("client_id", new MigrationView(CUSTOMER_TO_CLIENT, OLD_SHAPES).down("id"));
        // a column-level migration does not touch the key
        assertNull(new MigrationView(PERSON_FULL_NAME, EXPANDED_SHAPES).down("id"));
    }

    @Test
    void oldColumnsInTheTablesOrderWithTheirShapes() throws Untranslatable {
        MigrationView v = new MigrationView(PERSON_TO_PEOPLE, OLD_SHAPES);
        assertEquals(PERSON_COLUMNS, v.oldColumns());
        assertTrue(v.isOldColumn("EMAIL"));
        assertFalse(v.isOldColumn("age"));
        assertEquals(new ColumnShape("last_name", java.sql.Types.VARCHAR, "varchar", 50, 0, null),
                v.shape("Last_Name"));
        assertNull(v.shape("age"));
    }

    @Test
    void withoutTheTablesShapeTheOldColumnsAreThoseDownDefines() {
        MigrationView v = new MigrationView(PERSON_TO_PEOPLE, TableShapes.UNKNOWN);
        assertTrue(v.isOldColumn("first_name"));
        assertTrue(v.isOldColumn("id"));
        assertFalse(v.isOldColumn("age"));
        Untranslatable e = assertThrows(Untranslatable.class, v::oldColumns);
        assertEquals("* over person, whose columns could not be read", e.reason());
        assertNull(v.shape("first_name"));
        assertEquals(List.of(), TableShapes.UNKNOWN.describe(PERSON_TO_PEOPLE.from()));
    }
}
