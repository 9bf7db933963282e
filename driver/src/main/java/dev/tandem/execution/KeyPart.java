package dev.tandem.execution;

import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.jdbc.params.ParameterValue;
import dev.tandem.sql.ParameterizedSql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One column's value in one key the mirror synchronises. Its SQL is either {@code ?} or a fragment copied from the
 * application's statement (a literal, a cast of a parameter); values are always bound, never written into text.
 */
abstract class KeyPart {
    /** The SQL standing for this value in the mirror's IN-list. */
    abstract String sql();

    /** Binds this part's values from {@code index} on; returns the next free index. */
    abstract int bind(PreparedStatement target, int index) throws SQLException;

    /** What makes two parts the same value, for removing duplicate keys. */
    abstract Object identity();

    /** Whether this part is a plain {@code ?}: keys made only of such parts use the prepared, padded statements. */
    abstract boolean plainParameter();

    /** A value read from the database (generated keys, a pre-image). */
    static KeyPart value(Object value) {
        return new Value(value);
    }

    /** A fragment of the application's statement, with the application's parameters it uses. */
    static KeyPart fragment(ParameterizedSql fragment, BoundParameters parameters) {
        return new Fragment(fragment, parameters);
    }

    private static final class Value extends KeyPart {
        private final Object value;

        Value(Object value) {
            this.value = value;
        }

        @Override
        String sql() {
            return "?";
        }

        @Override
        int bind(PreparedStatement target, int index) throws SQLException {
            target.setObject(index, value);
            return index + 1;
        }

        @Override
        Object identity() {
            return value;
        }

        @Override
        boolean plainParameter() {
            return true;
        }
    }

    private static final class Fragment extends KeyPart {
        private final ParameterizedSql fragment;
        private final ParameterValue[] values;

        Fragment(ParameterizedSql fragment, BoundParameters parameters) {
            this.fragment = fragment;
            this.values = new ParameterValue[fragment.parameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = parameters == null ? null : parameters.get(fragment.parameter(i));
            }
        }

        @Override
        String sql() {
            return fragment.sql();
        }

        @Override
        int bind(PreparedStatement target, int index) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    throw new SQLException("parameter " + fragment.parameter(i) + " of the statement was never set",
                            "07001");
                }
                values[i].bind(target, index++);
            }
            return index;
        }

        @Override
        Object identity() {
            if (values.length == 0) {
                return fragment.sql();
            }
            if (plainParameter() && values[0] != null && !values[0].isStream() && values[0].value() != null) {
                // a bound `?` is its value: the same key as the database returns it (H2's generated keys)
                return values[0].value();
            }
            Object[] parts = new Object[values.length + 1];
            parts[0] = fragment.sql();
            for (int i = 0; i < values.length; i++) {
                parts[i + 1] = values[i] == null || values[i].isStream() ? new Object() : values[i].value();
            }
            return java.util.Arrays.asList(parts);
        }

        @Override
        boolean plainParameter() {
            return values.length == 1 && fragment.sql().equals("?");
        }

        @Override
        public String toString() {
            return "KeyPart[" + fragment.sql() + "]";
        }
    }

    @Override
    public String toString() {
        return "KeyPart[?]";
    }

    static Object identityOf(KeyPart[] tuple) {
        if (tuple.length == 1) {
            return Objects.requireNonNullElse(tuple[0].identity(), NULL);
        }
        Object[] ids = new Object[tuple.length];
        for (int i = 0; i < tuple.length; i++) {
            ids[i] = Objects.requireNonNullElse(tuple[i].identity(), NULL);
        }
        return java.util.Arrays.asList(ids);
    }

    private static final Object NULL = new Object();
}
