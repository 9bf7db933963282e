package dev.tandem.jdbc.forward;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} for every forwarder: {@code unwrap} gives the object itself when it is of the type asked, else the
 * object it forwards to, else whatever that one unwraps to; so vendor extensions stay reachable through Tandem.
 */
public final class Wrapping {
    private Wrapping() {
    }

    public static <T> T unwrap(Object wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    public static boolean isWrapperFor(Object wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(wrapper) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
