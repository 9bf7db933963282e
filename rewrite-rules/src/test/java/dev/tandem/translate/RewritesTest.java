package dev.tandem.translate;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

import static dev.tandem.sql.Dialect.POSTGRESQL;
import static dev.tandem.translate.TranslateFixtures.assertSql;
import static dev.tandem.translate.TranslateFixtures.params;
import static dev.tandem.translate.TranslateFixtures.parsed;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Rewrites}: a node renamed to a marker renders as the marker's text; parameters keep their positions. */
class RewritesTest {
    @Test
    void markersRenderAsTheirTextVerbatim() {
        Statement s = parsed(POSTGRESQL, "SELECT a, b FROM t WHERE c = ? AND d = ?");
        PlainSelect select = (PlainSelect) s;
        Rewrites rewrites = new Rewrites();
        String first = rewrites.marker("CAST((x.y) AS text)");
        String second = rewrites.marker("'$1 \\ $0'"); // no group reference, no escape: the text as it is
        assertNotEquals(first, second);
        assertTrue(first.startsWith(Rewrites.PREFIX_START), first);
        ((Column) select.getSelectItems().get(0).getExpression()).setColumnName(first);
        ((Column) select.getSelectItems().get(1).getExpression()).setColumnName(second);
        assertSql("SELECT CAST((x.y) AS text), '$1 \\ $0' FROM t WHERE c = ? AND d = ?", params(1, 2),
                rewrites.render(s));
    }
}
