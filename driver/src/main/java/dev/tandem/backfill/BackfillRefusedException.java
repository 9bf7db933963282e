package dev.tandem.backfill;

/**
 * The backfill did not start: the setup is wrong (an unknown migration, a phase in which the mirror is off, the
 * control tables missing, another backfill of the same migration running). Nothing was written.
 */
public final class BackfillRefusedException extends Exception {
    private final boolean forceable;

    public BackfillRefusedException(String message, boolean forceable) {
        super(message);
        this.forceable = forceable;
    }

    /** Whether {@link BackfillOptions#force(boolean)} overrides it. */
    public boolean forceable() {
        return forceable;
    }
}
