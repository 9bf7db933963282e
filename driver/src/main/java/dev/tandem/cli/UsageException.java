package dev.tandem.cli;

/** Bad usage or configuration: reported in one line, exit code 2, no stack trace unless {@code --verbose}. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
