package dev.tandem.state;

import dev.tandem.engine.TandemConfig;
import dev.tandem.logging.Log;
import dev.tandem.sql.Dialect;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One database's control tables, polled on one daemon thread ({@code tandem-state-<n>}) over one connection of its
 * own, for every engine of this JVM that uses that database with the same credentials and poll interval. Each poll
 * reads {@code tandem_state} once, hands the rows to every {@link StatePoller}, then writes each one's heartbeat.
 *
 * <p>Sharing matters where a JVM has many engines on one database (one per rules location): each would otherwise
 * hold a connection and a thread of its own.
 *
 * <p>Failures never reach the application: a poll that cannot read keeps the last rows read, logs once at WARN (with
 * SQLState and error code), drops the connection, and tries again with a new one at the next poll; a poll that reads
 * again logs the recovery at INFO.
 */
final class StateChannel {
    private static final Log LOG = Log.get("state");
    private static final Map<String, StateChannel> CHANNELS = new HashMap<>();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final String key;
    private final ControlConnections source;
    private final StateStore store;
    private final long pollMillis;
    private final List<StatePoller> pollers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor;

    // guarded by this
    private Connection connection;
    private boolean closed;
    /** The rows of the last successful read of tandem_state; empty until one succeeds (or while it is missing). */
    private Map<String, StoredState> rows = Map.of();
    /** Whether tandem_state has been read at least once: from then on, a missing table is a failure to read it. */
    private boolean everRead;
    private boolean stateMissing;
    private boolean instancesMissing;
    private boolean failing;
    /** {@link System#nanoTime()} of the first failed read while {@link #failing}. */
    private long failingSince;
    private boolean heartbeatFailing;

    private StateChannel(String key, ControlConnections source, Dialect dialect, long pollMillis) {
        this.key = key;
        this.source = source;
        this.store = new StateStore(dialect, QUERY_TIMEOUT_SECONDS);
        this.pollMillis = pollMillis;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-state-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adds a poller to the channel for its database (starting the channel if it is the first) and polls once at
     * once, in the calling thread, so that the poller knows the fleet's state before it returns.
     */
    static StateChannel join(StatePoller poller, ControlConnections source, Dialect dialect, long pollMillis) {
        String key = source.key() + "|" + dialect + "|" + pollMillis;
        StateChannel channel;
        boolean started = false;
        synchronized (CHANNELS) {
            channel = CHANNELS.get(key);
            if (channel == null) {
                channel = new StateChannel(key, source, dialect, pollMillis);
                CHANNELS.put(key, channel);
                started = true;
            }
            channel.pollers.add(poller);
        }
        channel.poll();
        if (started) {
            StateChannel c = channel;
            try {
                channel.executor.scheduleWithFixedDelay(c::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // every poller left already: nothing to poll for
            }
        }
        return channel;
    }

    /** Removes a poller; the last one out stops the thread and closes the connection. */
    void leave(StatePoller poller) {
        boolean last;
        synchronized (CHANNELS) {
            pollers.remove(poller);
            last = pollers.isEmpty();
            if (last) {
                CHANNELS.remove(key);
            }
        }
        if (last) {
            executor.shutdownNow();
            synchronized (this) {
                closed = true;
                closeConnection();
            }
        }
    }

    /** One poll: read tandem_state, hand the rows to every poller, write their heartbeats. Never throws. */
    synchronized void poll() {
        if (closed) {
            return;
        }
        try {
            Connection c = connection();
            if (c == null) {
                deliver();
                return;
            }
            try {
                boolean usable = read(c);
                deliver();
                if (usable) {
                    heartbeats(c);
                }
            } finally {
                if (!source.keepOpen()) {
                    closeConnection();
                }
            }
        } catch (RuntimeException | Error e) {
            // never let the thread die: the next poll tries again
            failed("an unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            closeConnection();
        }
    }

    private Connection connection() {
        if (connection != null) {
            return connection;
        }
        try {
            Connection c = source.open();
            if (c == null) {
                failed("no connection");
                return null;
            }
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            connection = c;
            return c;
        } catch (SQLException e) {
            failed("cannot connect: " + describe(e));
            return null;
        }
    }

    /** Reads tandem_state into {@link #rows} when it can; false when the connection had to be dropped. */
    private boolean read(Connection c) {
        try {
            if (stateMissing && !store.present(c, ControlSchema.STATE)) {
                return true;
            }
            var read = store.readStates(c);
            if (read.isEmpty()) {
                if (everRead) {
                    failed(ControlSchema.STATE + " has disappeared");
                } else if (!stateMissing) {
                    LOG.info("no " + ControlSchema.STATE + " table (run 'tandem init' to create the control tables):"
                            + " the rules files' phases apply until it exists");
                }
                stateMissing = true;
                return true;
            }
            if (stateMissing && !everRead) {
                LOG.info(ControlSchema.STATE + " found: phases now follow it");
            }
            stateMissing = false;
            everRead = true;
            rows = read.get();
            if (failing) {
                failing = false;
                LOG.info("the fleet state can be read again (" + ControlSchema.STATE + ")");
            }
            return true;
        } catch (SQLException e) {
            failed(describe(e));
            if (!valid(c)) {
                closeConnection();
                return false;
            }
            return true;
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(QUERY_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void deliver() {
        for (StatePoller p : pollers) {
            p.apply(rows);
        }
    }

    private void heartbeats(Connection c) {
        try {
            if (instancesMissing && !store.present(c, ControlSchema.INSTANCES)) {
                return;
            }
            for (StatePoller p : pollers) {
                store.heartbeat(c, p.instanceId(), Host.NAME, Host.PID, StateStore.phasesJson(p.current(),
                                failing ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failingSince) : -1,
                                p.oldestInUse()),
                        p.usageJson());
            }
            instancesMissing = false;
            if (heartbeatFailing) {
                heartbeatFailing = false;
                LOG.info("heartbeats are written into " + ControlSchema.INSTANCES + " again");
            }
        } catch (SQLException e) {
            if (StateStore.isMissingTable(e)) {
                if (!instancesMissing) {
                    LOG.info("no " + ControlSchema.INSTANCES + " table: this instance sends no heartbeat (run"
                            + " 'tandem init' to create the control tables)");
                }
                instancesMissing = true;
                return;
            }
            countFailure();
            if (!heartbeatFailing) {
                heartbeatFailing = true;
                LOG.warn("cannot write the heartbeat into " + ControlSchema.INSTANCES + ": " + describe(e)
                        + "; 'tandem phase' will not wait for this instance until it can (it tries at every poll)");
            }
            if (!valid(c)) {
                closeConnection();
            }
        }
    }

    /** A poll that failed to read tandem_state or to write a heartbeat: counted by every poller. */
    private void countFailure() {
        for (StatePoller p : pollers) {
            p.pollFailed();
        }
    }

    private void failed(String why) {
        countFailure();
        if (!failing) {
            failing = true;
            failingSince = System.nanoTime();
            LOG.warn("cannot read the fleet state (" + ControlSchema.STATE + "): " + why + "; keeping the last known"
                    + " phases and trying again every " + pollMillis + " ms");
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("still cannot read the fleet state: " + why);
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is being dropped
            }
        }
    }

    /** SQLState, vendor code and the message (URLs masked): errors here name no row values. */
    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return TandemConfig.mask(message) + " (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
    }

    /** This process's host name and id, found once. */
    static final class Host {
        static final String NAME = hostName();
        static final long PID = ProcessHandle.current().pid();

        private Host() {
        }

        static String hostName() {
            String env = System.getenv("HOSTNAME");
            try {
                String name = InetAddress.getLocalHost().getHostName();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (Exception | LinkageError e) {
                // fall back to the environment
            }
            return env != null && !env.isBlank() ? env : "unknown";
        }
    }
}
