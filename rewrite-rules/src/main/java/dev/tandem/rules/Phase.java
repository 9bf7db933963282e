package dev.tandem.rules;

import java.util.Locale;

/**
 * The phases of a parallel change, in order. Each migration is at exactly one phase; every phase before
 * {@link #CONTRACTED} rolls back by flipping to an earlier one.
 */
public enum Phase {
    /** Writes and reads as sent. */
    OFF("off"),
    /** Writes naming {@code from} are mirrored into {@code to}, best effort. */
    WRITE_BOTH("write-both"),
    /** As write-both, and a sample of reads also runs on {@code to} and is compared. */
    READ_BOTH("read-both"),
    /** A share of reads is served from {@code to}; the mirror is strict. */
    READ_NEW("read-new"),
    /** {@code to} is primary; {@code from} is kept fresh through {@code down} while it exists. */
    WRITE_NEW("write-new"),
    /** {@code to} only; {@code from} may be gone; no way back. */
    CONTRACTED("contracted");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    /** The phase's name as written in rules files, control tables and the CLI, e.g. {@code write-both}. */
    public String id() {
        return id;
    }

    /** Whether writes naming {@code from} are mirrored into {@code to} in this phase. */
    public boolean mirrorsWrites() {
        return this == WRITE_BOTH || this == READ_BOTH || this == READ_NEW;
    }

    /**
     * Whether {@code to} is authoritative: a failed mirror then fails the statement, and a write that cannot be
     * mirrored is refused instead of passing through.
     */
    public boolean newStoreAuthoritative() {
        return compareTo(READ_NEW) >= 0;
    }

    /** Parses a phase id ({@code write-both}); also accepts the enum name ({@code WRITE_BOTH}). */
    public static Phase parse(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Phase phase : values()) {
                if (phase.id.equals(wanted)) {
                    return phase;
                }
            }
        }
        throw new IllegalArgumentException("unknown phase '" + text + "' (expected one of: " + idList() + ")");
    }

    /** All phase ids, comma separated, for error messages. */
    public static String idList() {
        StringBuilder sb = new StringBuilder();
        for (Phase phase : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(phase.id);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
