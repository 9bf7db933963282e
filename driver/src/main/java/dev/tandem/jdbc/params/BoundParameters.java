package dev.tandem.jdbc.params;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The parameters currently set on one prepared statement, by 1-based index. Mutable and not thread-safe, like the
 * statement itself. {@link ParameterValue}s are immutable and shared between copies.
 *
 * <p>Error messages name parameter indexes, never parameter values.
 */
public final class BoundParameters {

    private static final ParameterValue[] EMPTY = new ParameterValue[0];

    /** Slot {@code i} holds the parameter at 1-based index {@code i + 1}; {@code null} when not set. */
    private ParameterValue[] values;

    public BoundParameters() {
        this.values = EMPTY;
    }

    private BoundParameters(ParameterValue[] values) {
        this.values = values;
    }

    /**
     * Records {@code value} at the 1-based {@code index}, replacing what was there; a {@code null} value unsets the
     * index.
     *
     * @throws IllegalArgumentException if {@code index < 1}
     */
    public void set(int index, ParameterValue value) {
        if (index < 1) {
            throw new IllegalArgumentException("Parameter index must be 1 or more: " + index);
        }
        if (index > values.length) {
            if (value == null) {
                return;
            }
            values = Arrays.copyOf(values, Math.max(index, Math.max(8, values.length * 2)));
        }
        values[index - 1] = value;
    }

    /** The value at the 1-based {@code index}, or {@code null} if it was never set (or the index is out of range). */
    public ParameterValue get(int index) {
        return index >= 1 && index <= values.length ? values[index - 1] : null;
    }

    /** The highest 1-based index that is set, or 0 when none is. */
    public int highestIndex() {
        for (int i = values.length - 1; i >= 0; i--) {
            if (values[i] != null) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Unsets every parameter. */
    public void clear() {
        values = EMPTY;
    }

    /** An independent snapshot: later changes to either object do not affect the other. */
    public BoundParameters copy() {
        int highest = highestIndex();
        return new BoundParameters(highest == 0 ? EMPTY : Arrays.copyOf(values, highest));
    }

    /**
     * Binds onto {@code target}: the i-th placeholder (1-based i) of {@code target} gets the value the application set
     * at {@code appIndexes[i-1]}. An application index may appear more than once, unless its value is a stream.
     *
     * @throws SQLException naming the 1-based application index (never its value) if one was never set, or if a
     *                      stream value would be bound more than once; or whatever the target's setter throws
     */
    public void bindTo(PreparedStatement target, int[] appIndexes) throws SQLException {
        for (int i = 0; i < appIndexes.length; i++) {
            int appIndex = appIndexes[i];
            ParameterValue value = get(appIndex);
            if (value == null) {
                throw new SQLException("Parameter " + appIndex + " was not set (needed for placeholder " + (i + 1)
                        + " of the target statement)", "07001");
            }
            if (value.isStream()) {
                for (int j = 0; j < i; j++) {
                    if (appIndexes[j] == appIndex) {
                        throw new SQLException("Parameter " + appIndex + " is a stream and can be bound only once"
                                + " (placeholders " + (j + 1) + " and " + (i + 1) + " of the target statement)",
                                "07001");
                    }
                }
            }
            value.bind(target, i + 1);
        }
    }

    /** Binds every set parameter onto {@code target} at its own index; unset indexes are left alone. */
    public void bindTo(PreparedStatement target) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ParameterValue value = values[i];
            if (value != null) {
                value.bind(target, i + 1);
            }
        }
    }

    /** The set indexes and value types, never the values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BoundParameters{");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(i + 1).append('=').append(values[i]);
                first = false;
            }
        }
        return sb.append('}').toString();
    }
}
