package dev.tandem.cli;

/** A gate or check that failed: reported in one line, exit code 1. */
final class CheckFailedException extends Exception {
    CheckFailedException(String message) {
        super(message);
    }
}
