package dev.tandem.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Where the state poller gets its connections to the control tables: never the application's connections, but
 * connections of its own to the same database, with the same credentials.
 */
public interface ControlConnections {

    /** Opens (or borrows) a connection; the caller closes it. */
    Connection open() throws SQLException;

    /**
     * Identifies the database and the credentials: pollers of engines with the same key share one connection and
     * one thread. Never shown anywhere (it is a digest when built with {@link #dedicated} or {@link #borrowed}).
     */
    String key();

    /**
     * Whether the poller keeps one connection open between polls ({@code true}: connections made through the real
     * driver), or takes one for each poll and gives it back ({@code false}: connections from the application's
     * DataSource, usually a pool, where holding one forever would shrink the pool and set off leak detection).
     */
    boolean keepOpen();

    /** Opens a connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Connections made on demand (through the real driver) and kept open between polls. */
    static ControlConnections dedicated(String identity, Opener opener) {
        return of(digest(identity), opener, true);
    }

    /** Connections borrowed for each poll (from a DataSource) and closed, i.e. given back, after it. */
    static ControlConnections borrowed(String identity, Opener opener) {
        return of(digest(identity), opener, false);
    }

    private static ControlConnections of(String key, Opener opener, boolean keepOpen) {
        return new ControlConnections() {
            @Override
            public Connection open() throws SQLException {
                return opener.open();
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public boolean keepOpen() {
                return keepOpen;
            }

            @Override
            public String toString() {
                return "ControlConnections[" + (keepOpen ? "dedicated" : "borrowed") + "]";
            }
        };
    }

    private static String digest(String identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
