package dev.tandem.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresLexicalHazards}: tagged dollar quotes are found; look-alikes in strings, names, comments are not. */
class PostgresLexicalHazardsTest {

    @Test
    void taggedDollarQuotesAreHazards() {
        String h = PostgresLexicalHazards.find("UPDATE t SET v = $q$it's$q$ WHERE id = 1");
        assertNotNull(h);
        assertTrue(h.contains("$q$"), h);
        assertNotNull(PostgresLexicalHazards.find("SELECT $body$x$body$"));
        assertNotNull(PostgresLexicalHazards.find("SELECT $_1$x$_1$"));
    }

    @Test
    void escapeStringsWithBackslashesAreHazards() {
        String h = PostgresLexicalHazards.find("DELETE FROM t WHERE id = ? AND E'?\\';--' IS NOT NULL");
        assertNotNull(h);
        assertTrue(h.contains("escape string"), h);
        assertNotNull(PostgresLexicalHazards.find("SELECT e'\\\\' FROM t"));
        assertNull(PostgresLexicalHazards.find("SELECT name'\\' FROM t"), "not an E prefix: a standard string");
    }

    @Test
    void whatReadsAlikeIsNot() {
        assertNull(PostgresLexicalHazards.find("UPDATE t SET v = $$it's$$ WHERE id = $1"));
        assertNull(PostgresLexicalHazards.find("SELECT '$q$ inside a string' FROM t"));
        assertNull(PostgresLexicalHazards.find("SELECT E'it''s $q$' FROM t"), "an escape string without backslash");
        assertNull(PostgresLexicalHazards.find("SELECT \"$q$\" FROM t"));
        assertNull(PostgresLexicalHazards.find("SELECT a$b$c FROM t"), "a name with dollars");
        assertNull(PostgresLexicalHazards.find("SELECT 1 -- $q$\nFROM t"));
        assertNull(PostgresLexicalHazards.find("SELECT /* /* $q$ */ $q$ */ 1 FROM t"), "nested comments");
        assertNull(PostgresLexicalHazards.find("SELECT $1, $2 FROM t"));
        assertNull(PostgresLexicalHazards.find("SELECT 'it''s $q$' FROM t"));
    }
}
