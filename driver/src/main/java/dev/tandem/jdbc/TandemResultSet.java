package dev.tandem.jdbc;

import dev.tandem.jdbc.forward.ResultSetForwarder;

import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A result set handed to the application: the real one (or Tandem's copy of generated keys), whose
 * {@code getStatement()} returns the application's statement wrapper rather than the real statement.
 */
final class TandemResultSet implements ResultSetForwarder {
    private final ResultSet vendor;
    private final Statement statement;

    TandemResultSet(ResultSet vendor, Statement statement) {
        this.vendor = vendor;
        this.statement = statement;
    }

    @Override
    public ResultSet delegate() {
        return vendor;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }


    @Override
    public String toString() {
        return "Tandem[" + vendor + "]";
    }
}
