package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tandem.translate.TranslateFixtures.CUSTOMER_TO_CLIENT;
import static dev.tandem.translate.TranslateFixtures.PERSON_FULL_NAME;
import static dev.tandem.translate.TranslateFixtures.PERSON_TO_PEOPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WriteTranslator#reverse(Migration)}: the migration backwards, which keeps {@code from} fresh while writes go
 * to {@code to}. {@code to} becomes the old structure, {@code down} derives the new one, keys still correspond.
 */
class ReverseMigrationTest {
    /** Everything of two migrations, maps in order. */
    static void assertSameMigration(Migration expected, Migration actual) {
        assertEquals(describe(expected), describe(actual));
    }

    private static List<Object> describe(Migration m) {
        return List.of(m.id(), m.from().toString(), m.to().toString(), new ArrayList<>(m.up().entrySet()),
                new ArrayList<>(m.down().entrySet()), m.phase(), m.percent(), String.valueOf(m.source()),
                m.toKeyByFromKey());
    }

    @Test
    void tableLevel() {
        Migration r = WriteTranslator.reverse(PERSON_TO_PEOPLE);
        assertEquals("people[id]", r.from().toString());
        assertEquals("person[id]", r.to().toString());
        // the key first (down leaves it out: up implies it), then down's other columns in order
        assertEquals(List.of(Map.entry("id", "id"), Map.entry("first_name", "split_part(full_name, ' ', 1)"),
                Map.entry("last_name", "split_part(full_name, ' ', 2)"), Map.entry("email", "email")),
                new ArrayList<>(r.up().entrySet()));
        assertEquals(List.of(Map.entry("id", "id"), Map.entry("full_name", "first_name || ' ' || last_name"),
                Map.entry("email", "email")), new ArrayList<>(r.down().entrySet()));
        assertEquals(List.of("id"), r.toKeyByFromKey());
        assertEquals(PERSON_TO_PEOPLE.id(), r.id());
        assertEquals(PERSON_TO_PEOPLE.phase(), r.phase());
        assertEquals(PERSON_TO_PEOPLE.percent(), r.percent());
        assertFalse(r.columnLevel());
    }

    @Test
    void tableLevelWithARenamedKey() {
        Migration r = WriteTranslator.reverse(CUSTOMER_TO_CLIENT);
        assertEquals("client[client_id]", r.from().toString());
        assertEquals("customer[id]", r.to().toString());
        assertEquals(List.of(Map.entry("id", "client_id"), Map.entry("person_id", "person_ref"),
                Map.entry("email", "contact")), new ArrayList<>(r.up().entrySet()));
        assertEquals(List.of(Map.entry("client_id", "id"), Map.entry("person_ref", "person_id"),
                Map.entry("contact", "email")), new ArrayList<>(r.down().entrySet()));
        // client.client_id holds the value of customer.id
        assertEquals(List.of("id"), r.toKeyByFromKey());
    }

    @Test
    void columnLevel() {
        Migration r = WriteTranslator.reverse(PERSON_FULL_NAME);
        assertTrue(r.columnLevel());
        assertEquals(List.of(Map.entry("first_name", "split_part(full_name, ' ', 1)"),
                Map.entry("last_name", "split_part(full_name, ' ', 2)")), new ArrayList<>(r.up().entrySet()));
        assertEquals(List.of(Map.entry("full_name", "first_name || ' ' || last_name")),
                new ArrayList<>(r.down().entrySet()));
        assertEquals(List.of("id"), r.toKeyByFromKey());
    }

    @Test
    void reversingTwiceGivesTheMigrationBackUpToTheImpliedKey() {
        Migration twice = WriteTranslator.reverse(WriteTranslator.reverse(PERSON_FULL_NAME));
        assertSameMigration(PERSON_FULL_NAME, twice);
        Migration table = WriteTranslator.reverse(WriteTranslator.reverse(CUSTOMER_TO_CLIENT));
        assertEquals(CUSTOMER_TO_CLIENT.from().toString(), table.from().toString());
        assertEquals(CUSTOMER_TO_CLIENT.to().toString(), table.to().toString());
        assertEquals(new ArrayList<>(CUSTOMER_TO_CLIENT.up().entrySet()), new ArrayList<>(table.up().entrySet()));
        assertEquals(List.of(Map.entry("id", "client_id"), Map.entry("person_id", "person_ref"),
                Map.entry("email", "contact")), new ArrayList<>(table.down().entrySet()));
        assertEquals(CUSTOMER_TO_CLIENT.toKeyByFromKey(), table.toKeyByFromKey());
    }

    @Test
    void theReverseIsAValidRuleSet() throws RulesException {
        for (Migration m : List.of(PERSON_TO_PEOPLE, PERSON_FULL_NAME, CUSTOMER_TO_CLIENT)) {
            assertEquals(1, RuleSet.of(List.of(WriteTranslator.reverse(m))).migrations().size());
        }
    }
}
