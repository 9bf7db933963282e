package dev.tandem.plan;

import dev.tandem.sql.ParameterizedSql;

/**
 * The value one key column takes in one row a write touches, as far as the statement's text tells: either a fixed
 * SQL fragment (a parameter, a literal, a cast of one: evaluated again in the mirror with the same bound values,
 * never re-typed into the text), or left to the database (a default, an auto-increment, a sequence).
 */
public sealed interface KeySlot {

    /** A key value written in the statement: {@code ?}, {@code 42}, {@code 'abc'}, {@code CAST(? AS uuid)}. */
    record Fixed(ParameterizedSql fragment) implements KeySlot {
        /** Whether the fragment is exactly one parameter (which may turn out NULL at run time). */
        public boolean isSingleParameter() {
            return fragment.parameterCount() == 1 && fragment.sql().equals("?");
        }
    }

    /** A key the database generates for this row; learned from the driver's generated keys. */
    record Generated() implements KeySlot {
    }

    KeySlot GENERATED = new Generated();
}
