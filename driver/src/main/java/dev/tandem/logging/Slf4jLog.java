package dev.tandem.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SLF4J binding; loaded only when SLF4J is on the class path. */
final class Slf4jLog extends Log {
    private final Logger logger;

    Slf4jLog(String name) {
        this.logger = LoggerFactory.getLogger(name);
    }

    @Override
    public void error(String message, Throwable cause) {
        logger.error(message, cause);
    }

    @Override
    public void warn(String message) {
        logger.warn(message);
    }

    @Override
    public void info(String message) {
        logger.info(message);
    }

    @Override
    public void debug(String message) {
        logger.debug(message);
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }
}
