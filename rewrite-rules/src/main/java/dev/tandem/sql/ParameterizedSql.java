package dev.tandem.sql;

import java.util.Arrays;

/**
 * SQL that Tandem generated from parts of an application's statement, with the application's parameters mapped:
 * the i-th {@code ?} in {@link #sql()} takes the value the application bound at {@code parameters()[i]} (1-based).
 * Values always stay parameters; none is ever spliced into the text.
 */
public final class ParameterizedSql {
    private final String sql;
    private final int[] parameters;

    public ParameterizedSql(String sql, int[] parameters) {
        this.sql = sql;
        this.parameters = parameters.clone();
    }

    public String sql() {
        return sql;
    }

    /** For each {@code ?} in order, the application's parameter index (1-based). */
    public int[] parameters() {
        return parameters.clone();
    }

    public int parameterCount() {
        return parameters.length;
    }

    public int parameter(int position) {
        return parameters[position];
    }

    @Override
    public String toString() {
        return sql + " " + Arrays.toString(parameters);
    }
}
