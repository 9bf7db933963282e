package dev.tandem.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;

/** A JSqlParser parser that tells how many JDBC parameters it created, to check that none went unaccounted. */
final class CountingParser extends CCJSqlParser {
    CountingParser(String sql) {
        super(new StringProvider(sql));
    }

    int parametersCreated() {
        return jdbcParameterIndex;
    }
}
