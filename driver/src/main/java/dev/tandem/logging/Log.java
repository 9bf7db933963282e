package dev.tandem.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tandem's logger, under the names {@code tandem.*}: SLF4J when the application has it, else the JDK's
 * {@link System.Logger}. Messages are plain text composed by Tandem; callers never pass row values or
 * credentials (a setting, {@code tandem.logValues}, allows database error messages, which may quote values).
 */
public abstract class Log {
    private static final boolean SLF4J = present("org.slf4j.LoggerFactory");
    /** At most this many distinct "once" keys are remembered; beyond that, repeats are logged again. */
    private static final int MAX_ONCE_KEYS = 10_000;

    private final Set<String> onceKeys = ConcurrentHashMap.newKeySet();

    /** The logger {@code tandem.<name>}. */
    public static Log get(String name) {
        String full = "tandem." + name;
        return SLF4J ? new Slf4jLog(full) : new JdkLog(full);
    }

    public abstract void error(String message, Throwable cause);

    public abstract void warn(String message);

    public abstract void info(String message);

    public abstract void debug(String message);

    public abstract boolean isDebugEnabled();

    /** Logs a warning the first time {@code key} (a statement shape, say) is seen. */
    public void warnOnce(String key, String message) {
        if (firstTime(key)) {
            warn(message);
        }
    }

    private boolean firstTime(String key) {
        if (onceKeys.size() >= MAX_ONCE_KEYS) {
            onceKeys.clear();
        }
        return onceKeys.add(key);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Log.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class JdkLog extends Log {
        private final System.Logger logger;

        JdkLog(String name) {
            this.logger = System.getLogger(name);
        }

        @Override
        public void error(String message, Throwable cause) {
            logger.log(System.Logger.Level.ERROR, message, cause);
        }

        @Override
        public void warn(String message) {
            logger.log(System.Logger.Level.WARNING, message);
        }

        @Override
        public void info(String message) {
            logger.log(System.Logger.Level.INFO, message);
        }

        @Override
        public void debug(String message) {
            logger.log(System.Logger.Level.DEBUG, message);
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isLoggable(System.Logger.Level.DEBUG);
        }
    }
}
