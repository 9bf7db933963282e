package dev.tandem.verify;

/** How a key of the compared tables is out of step. */
public enum DriftKind {
    /** The key has a row in the source ({@code from}, or {@code to} with --reverse) and none in the target. */
    MISSING,
    /** The key has a row in the target and none in the source. */
    EXTRA,
    /** Both have the key, and some compared column differs. */
    DIFFERENT
}
