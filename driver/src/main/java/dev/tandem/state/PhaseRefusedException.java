package dev.tandem.state;

import java.util.List;

/** A phase change that the gates refuse: each reason says why; {@code --force} overrides all but the final one. */
public final class PhaseRefusedException extends Exception {
    private final List<String> reasons;
    private final boolean forceable;

    public PhaseRefusedException(List<String> reasons, boolean forceable) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.forceable = forceable;
    }

    /** Why, one sentence each. */
    public List<String> reasons() {
        return reasons;
    }

    /** Whether forcing would pass (false: leaving {@code contracted}, which nothing allows). */
    public boolean forceable() {
        return forceable;
    }
}
