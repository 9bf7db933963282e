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

    /**
     * This SQL with its parameter references passed through {@code outer}: when this SQL was planned from
     * {@code outer}'s text, whose i-th {@code ?} is the application's parameter {@code outer.parameter(i)}, the result
     * refers to the application's parameters directly.
     */
    public ParameterizedSql through(ParameterizedSql outer) {
        int[] mapped = new int[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            mapped[i] = outer.parameter(parameters[i] - 1);
        }
        return new ParameterizedSql(sql, mapped);
    }

    @Override
    public String toString() {
        return sql + " " + Arrays.toString(parameters);
    }
}
