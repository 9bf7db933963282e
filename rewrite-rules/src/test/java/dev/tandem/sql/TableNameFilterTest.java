package dev.tandem.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TableNameFilter}: the cheap whole-word, case-insensitive check that decides whether SQL is parsed at all.
 * A false negative would let a write to a migrated table through unmirrored, so every way of writing the name must
 * match; a false positive only costs a parse.
 */
class TableNameFilterTest {
    private static final TableNameFilter PERSON = TableNameFilter.of(List.of("person"));

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM person",
            "select * from PERSON where id = ?",
            "SELECT * FROM Person p",
            "SELECT * FROM \"person\"",
            "SELECT * FROM \"PERSON\"",
            "SELECT * FROM `person`",
            "SELECT * FROM [person]",
            "SELECT * FROM public.person",
            "SELECT * FROM \"public\".\"person\"",
            "SELECT * FROM `app`.`person`",
            "UPDATE person SET a = 1",
            "person",
            "PERSON",
            "DELETE FROM x USING person",
            "INSERT INTO person(id) VALUES (1)",
            "SELECT * FROM t,person",
            "SELECT * FROM t JOIN person\nON true",
            "SELECT *\nFROM\tperson\r\nWHERE 1 = 1",
            "SELECT * FROM (person)",
            "SELECT person.id FROM t",
            "SELECT 1 FROM t;person",
            "UPDATE x SET a = 1 WHERE b IN (SELECT 1 FROM person)",
            "SELECT * FROM person;",
            "SELECT * FROM person)",
            "SELECT * FROM t /*person*/",
            "SELECT * FROM t -- person",
            "SELECT 'person' FROM t",
            "SELECT * FROM t WHERE x=person.id",
            "SELECT * FROM t WHERE x=-person.id",
            "SELECT * FROM t WHERE x=@person",
            "SELECT * FROM t WHERE x=:person",
    })
    void matchesTheNameAsAWholeWordHoweverItIsWritten(String sql) {
        assertTrue(PERSON.mayName(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM person_audit",
            "SELECT * FROM personnel",
            "SELECT * FROM xperson",
            "SELECT * FROM person2",
            "SELECT * FROM $person",
            "SELECT * FROM person$",
            "SELECT * FROM _person",
            "SELECT * FROM persons",
            "SELECT * FROM 2person",
            "SELECT * FROM perso",
            "SELECT * FROM erson",
            "SELECT * FROM pers on",
            "SELECT * FROM public.person_audit",
            "SELECT * FROM \"person_audit\"",
            "SELECT * FROM PERSONNEL JOIN PERSON_AUDIT ON TRUE",
            "SELECT * FROM öperson",
            "SELECT * FROM personé",
            "",
            "p",
            "SELECT 1",
    })
    void doesNotMatchAnotherWordContainingTheName(String sql) {
        assertFalse(PERSON.mayName(sql), sql);
    }

    @Test
    void matchesAtTheVeryStartAndEndOfTheText() {
        assertTrue(PERSON.mayName("person"));
        assertTrue(PERSON.mayName("person x"));
        assertTrue(PERSON.mayName("x person"));
        assertTrue(PERSON.mayName("x.person"));
        assertFalse(PERSON.mayName("persona"));
        assertFalse(PERSON.mayName("apperson"));
        assertFalse(PERSON.mayName("perso"));
    }

    @Test
    void aLaterOccurrenceMatchesWhenAnEarlierOneIsPartOfAnotherWord() {
        assertTrue(PERSON.mayName("SELECT * FROM personnel JOIN person ON true"));
        assertTrue(PERSON.mayName("SELECT * FROM person_audit, person"));
        assertTrue(PERSON.mayName("personperson person"));
        assertFalse(PERSON.mayName("personperson"));
    }

    @Test
    void severalNames() {
        TableNameFilter filter = TableNameFilter.of(List.of("person", "users", "orders"));
        assertFalse(filter.isEmpty());
        assertTrue(filter.mayName("SELECT * FROM users"));
        assertTrue(filter.mayName("SELECT * FROM ORDERS"));
        assertTrue(filter.mayName("SELECT * FROM person"));
        assertTrue(filter.mayName("SELECT * FROM users_old JOIN orders ON true"));
        assertFalse(filter.mayName("SELECT * FROM users_old JOIN orders2 ON true"));
        assertFalse(filter.mayName("SELECT * FROM personnel, useRS1, xorders"));
    }

    @Test
    void namesSharingAPrefixAreEachMatchedWhole() {
        TableNameFilter filter = TableNameFilter.of(List.of("order", "order_item"));
        assertTrue(filter.mayName("SELECT * FROM order_item"));
        assertTrue(filter.mayName("SELECT * FROM \"order\""));
        assertFalse(filter.mayName("SELECT * FROM order_items"));
        assertFalse(filter.mayName("SELECT * FROM orders"));
    }

    @Test
    void namesAreComparedIgnoringCaseWhateverCaseTheyAreGivenIn() {
        TableNameFilter filter = TableNameFilter.of(List.of("Person"));
        assertTrue(filter.mayName("select * from person"));
        assertTrue(filter.mayName("select * from PERSON"));
        assertTrue(filter.mayName("select * from pErSoN"));
    }

    @Test
    void emptyFilterNeverMatches() {
        TableNameFilter none = TableNameFilter.of(List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.mayName("SELECT * FROM person"));
        assertFalse(none.mayName(""));
        assertFalse(none.mayName("a"));
        assertSame(none, TableNameFilter.of(Set.of()), "one shared empty filter");
    }

    @Test
    void emptyNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TableNameFilter.of(List.of("person", "")));
    }

    @Test
    void nonAsciiNames() {
        TableNameFilter filter = TableNameFilter.of(List.of("müller"));
        assertTrue(filter.mayName("SELECT * FROM müller"));
        assertTrue(filter.mayName("SELECT * FROM MÜLLER"));
        assertTrue(filter.mayName("SELECT * FROM \"Müller\""));
        assertTrue(filter.mayName("SELECT * FROM s.müller WHERE a = 1"));
        assertFalse(filter.mayName("SELECT * FROM müllerei"));
        assertFalse(filter.mayName("SELECT * FROM xmüller"));
        assertFalse(filter.mayName("SELECT * FROM ämüller"));
        assertFalse(filter.mayName("SELECT * FROM mueller"));

        TableNameFilter greek = TableNameFilter.of(List.of("πελάτη"));
        assertTrue(greek.mayName("SELECT * FROM πελάτη"));
        assertTrue(greek.mayName("SELECT * FROM ΠΕΛΆΤΗ"));
        assertTrue(greek.mayName("SELECT * FROM \"πελάτη\""));
        assertFalse(greek.mayName("SELECT * FROM πελάτηx"));
        assertFalse(greek.mayName("SELECT * FROM απελάτη"));

        TableNameFilter startsNonAscii = TableNameFilter.of(List.of("éleve"));
        assertTrue(startsNonAscii.mayName("SELECT * FROM ÉLEVE"));
        assertTrue(startsNonAscii.mayName("éleve"));
        assertFalse(startsNonAscii.mayName("SELECT * FROM éleves"));
        assertFalse(startsNonAscii.mayName("SELECT * FROM person"));
    }

    @Test
    void asciiNamesAreNotConfusedByNonAsciiNeighbours() {
        assertTrue(PERSON.mayName("SELECT * FROM person\u00a0WHERE 1 = 1"), "no-break space is not part of a word");
        assertTrue(PERSON.mayName("SELECT «person»"));
        assertFalse(PERSON.mayName("SELECT * FROM personä"));
        assertFalse(PERSON.mayName("SELECT * FROM äperson"));
    }

    @Test
    void longTextWithoutTheNameIsRejected() {
        String sql = "SELECT " + "persona, ".repeat(10_000) + "1 FROM personnel";
        assertFalse(PERSON.mayName(sql));
        assertTrue(PERSON.mayName(sql + " JOIN person ON true"));
        assertEquals(false, PERSON.mayName("x".repeat(100_000)));
    }
}
