package dev.tandem.translate;

import dev.tandem.sql.ParameterizedSql;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tandem.translate.TranslateFixtures.NONE;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Template}: a rules expression whose column references are holes, filled with parameterized SQL. */
class TemplateTest {
    /** The columns a template reads, sorted (their order is the tree walk's, not always the text's). */
    private static List<String> sorted(Template t) {
        return t.columns().stream().sorted().toList();
    }

    @Test
    void columnsAreTheHolesAsOftenAsTheyAppear() {
        Template t = Template.of("first_name || ' ' || last_name || first_name", "person");
        assertEquals(List.of("first_name", "first_name", "last_name"), sorted(t));
        assertTrue(t.reads("last_name"));
        assertTrue(t.reads("FIRST_NAME"));
        assertTrue(t.reads("\"last_name\""));
        assertFalse(t.reads("email"));
    }

    @Test
    void columnsQualifiedByTheTableAreHolesOthersAreNot() {
        Template t = Template.of("person.first_name || other.x || y", "person");
        assertEquals(List.of("first_name", "y"), sorted(t));
        ParameterizedSql filled = fill(t, column -> new ParameterizedSql("v_" + column, new int[0]));
        assertSql("((v_first_name) || other.x || (v_y))", NONE, filled);
    }

    @Test
    void keywordsAreNoHoles() {
        Template t = Template.of("COALESCE(nick, NULL, TRUE, FALSE, CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIME)",
                "person");
        assertEquals(List.of("nick"), sorted(t));
    }

    @Test
    void fillingKeepsTheParametersOfEachPartInOrder() {
        Template t = Template.of("first_name || ' ' || last_name", "person");
        ParameterizedSql filled = fill(t, column -> column.equals("first_name")
                ? new ParameterizedSql("UPPER(?)", new int[]{3})
                : new ParameterizedSql("COALESCE(?, ?)", new int[]{1, 2}));
        assertSql("((UPPER(?)) || ' ' || (COALESCE(?, ?)))", params(3, 1, 2), filled);
    }

    @Test
    void aHoleThatCannotBeFilledIsUntranslatable() {
        Template t = Template.of("COALESCE(nickname, first_name)", "person");
        Untranslatable e = assertThrows(Untranslatable.class, () -> t.fill(column -> column.equals("first_name")
                ? new ParameterizedSql("?", new int[]{1}) : null));
        assertEquals("the expression COALESCE(?, ?) reads a column that the statement cannot provide", e.reason());
    }

    @Test
    void aTextThatIsNoExpressionIsABug() {
        assertThrows(IllegalArgumentException.class, () -> Template.of("first_name ||", "person"));
    }

    private static ParameterizedSql fill(Template t, java.util.function.Function<String, ParameterizedSql> f) {
        try {
            return t.fill(f);
        } catch (Untranslatable e) {
            throw new AssertionError(e.reason(), e);
        }
    }
}
