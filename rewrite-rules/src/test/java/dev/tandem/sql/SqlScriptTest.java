package dev.tandem.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SqlScriptTest {
    private static List<SqlScript.Piece> split(String text, Dialect d) {
        return SqlScript.split(text, d);
    }

    @Test
    void oneStatementPerLineWhenThereIsNoSemicolon() {
        assertEquals(List.of(new SqlScript.Piece("SELECT 1", 1), new SqlScript.Piece("SELECT 2", 3),
                        new SqlScript.Piece("SELECT 'a'", 5)),
                split("SELECT 1\n\n  SELECT 2  \n-- only a comment\nSELECT 'a' -- c\n", Dialect.H2));
    }

    @Test
    void semicolonsSeparateStatementsOverSeveralLines() {
        String text = "-- reads\nSELECT *\n  FROM person\n WHERE name = 'a;b';\n\n/* two; */ UPDATE person\n"
                + "SET name = \"x;y\" WHERE id = ?;\n  ;\nDELETE FROM person";
        assertEquals(List.of(new SqlScript.Piece("SELECT *\n  FROM person\n WHERE name = 'a;b'", 2),
                new SqlScript.Piece("UPDATE person\nSET name = \"x;y\" WHERE id = ?", 6),
                new SqlScript.Piece("DELETE FROM person", 9)), split(text, Dialect.POSTGRESQL));
    }

    @Test
    void dollarQuotingOnPostgresqlAndBackslashesOnMariadb() {
        assertEquals(List.of(new SqlScript.Piece("SELECT $$a;b$$, $t$c;$$;d$t$ FROM person", 1),
                new SqlScript.Piece("SELECT 2", 1)), split("SELECT $$a;b$$, $t$c;$$;d$t$ FROM person; SELECT 2",
                Dialect.POSTGRESQL));
        assertEquals(List.of(new SqlScript.Piece("SELECT 'it\\'s;' FROM person", 1),
                new SqlScript.Piece("# c;\nSELECT `a;b` FROM t", 1)).get(0),
                split("SELECT 'it\\'s;' FROM person; # c;\nSELECT `a;b` FROM t", Dialect.MARIADB).get(0));
        assertEquals(new SqlScript.Piece("SELECT `a;b` FROM t", 2),
                split("SELECT 'it\\'s;' FROM person; # c;\nSELECT `a;b` FROM t", Dialect.MARIADB).get(1));
        assertEquals(2, split("SELECT 'it''s;' FROM person; SELECT 3", Dialect.H2).size());
    }

    @Test
    void numberedPlaceholdersBecomeQuestionMarksOutsideQuotes() {
        assertEquals("SELECT id FROM person WHERE name = ? AND note = '$2' AND id IN (?, ?) -- $9",
                SqlScript.positionalToJdbc("SELECT id FROM person WHERE name = $1 AND note = '$2' AND id IN ($2, $3)"
                        + " -- $9"));
        assertEquals("SELECT $q$ $1 $q$, ?", SqlScript.positionalToJdbc("SELECT $q$ $1 $q$, $1"));
        assertNull(SqlScript.positionalToJdbc("SELECT $2, $1"), "out of order: not JDBC's positions");
    }
}
