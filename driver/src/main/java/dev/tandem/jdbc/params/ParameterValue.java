package dev.tandem.jdbc.params;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * An immutable record of one parameter setter call that an application made on a {@link PreparedStatement}: the Java
 * value it passed and a {@link Binder} that replays exactly the same call (same overload, same extra arguments) on
 * another statement, at another index if needed.
 *
 * <p>Stream values ({@link java.io.InputStream}, {@link java.io.Reader}, and the {@code setBlob}/{@code setClob}/
 * {@code setNClob} overloads that take them) are single-use: the stream is read by whichever driver executes (or, for
 * some drivers such as H2, merely receives) it first, after which binding it again binds an exhausted stream.
 * {@link #isStream()} tells the caller so.
 *
 * <p>{@link #toString()} never reveals the value, only its Java type: parameter values are application data and must
 * not leak into logs or exception messages.
 */
public final class ParameterValue {

    /** Replays one setter call on {@code target} at {@code index} (1-based). */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement target, int index) throws SQLException;
    }

    private final Object value;
    private final boolean stream;
    private final Binder binder;

    private ParameterValue(Object value, boolean stream, Binder binder) {
        this.value = value;
        this.stream = stream;
        this.binder = Objects.requireNonNull(binder, "binder");
    }

    /**
     * A replayable value.
     *
     * @param value  the Java value the application passed ({@code null} for {@code setNull} or a null argument)
     * @param binder replays the setter call
     */
    public static ParameterValue of(Object value, Binder binder) {
        return new ParameterValue(value, false, binder);
    }

    /**
     * A single-use stream value ({@code InputStream}, {@code Reader}, ...). A {@code null} stream is not single-use,
     * so {@link #isStream()} is {@code false} for it, and {@link #isNull()} is {@code true}.
     *
     * @param stream the stream or reader object the application passed
     * @param binder replays the setter call with that same object
     */
    public static ParameterValue ofStream(Object stream, Binder binder) {
        return new ParameterValue(stream, stream != null, binder);
    }

    /**
     * The Java value the application passed: {@code null} for {@code setNull}, the stream or reader object for stream
     * setters. Mutable values (arrays, dates) are the recorder's own copies and must not be modified.
     */
    public Object value() {
        return value;
    }

    /** Whether this binds SQL NULL: {@code setNull}, or any setter given a {@code null} value. */
    public boolean isNull() {
        return value == null;
    }

    /** Whether the value is a stream that can be bound (read) only once. */
    public boolean isStream() {
        return stream;
    }

    /** Replays the recorded setter call on {@code target} at {@code index} (1-based). */
    public void bind(PreparedStatement target, int index) throws SQLException {
        binder.bind(target, index);
    }

    /** The value's Java type only, e.g. {@code ParameterValue[String]} or {@code ParameterValue[null]}. */
    @Override
    public String toString() {
        if (value == null) {
            return "ParameterValue[null]";
        }
        Class<?> type = value.getClass();
        String name = type.getSimpleName();
        if (name.isEmpty()) { // anonymous or hidden class: the binary name still says nothing about the value
            name = type.getName();
        }
        return stream ? "ParameterValue[" + name + ", stream]" : "ParameterValue[" + name + "]";
    }
}
