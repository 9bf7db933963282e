package dev.tandem.shadow;

import dev.tandem.shadow.Normalizer.ColumnRule;
import dev.tandem.shadow.Normalizer.TemporalMode;

import java.util.Objects;

/**
 * The shadow compare's notion of equal (see {@code src/docs/shadow-compare.md}), for one value at a time: how a value
 * of one column on one side compares with a value of the matching column on the other side. For comparisons that pair
 * rows themselves, such as {@code verify}, which pairs the rows of {@code up(from)} and {@code to} by key.
 *
 * <p>The same rules as {@link ResultComparison}, applied to one pair of values: numbers by numeric value (booleans as
 * 1 and 0), strings exactly but for the trailing spaces of a fixed-width ({@code CHAR}) column on either side,
 * {@code byte[]} by content, timestamps and times at the lower of the two sides' precisions (a side's precision is its
 * column's declared fractional digits, or the digits its value shows, whichever is higher), equal truncated or rounded;
 * {@code null} only with {@code null}. Immutable and thread-safe.
 */
public final class ColumnEquality {
    private final boolean stripPadding;
    private final int declaredLeft;
    private final int declaredRight;

    private ColumnEquality(boolean stripPadding, int declaredLeft, int declaredRight) {
        this.stripPadding = stripPadding;
        this.declaredLeft = declaredLeft;
        this.declaredRight = declaredRight;
    }

    /** The equality of values of {@code left} (one side) with values of {@code right} (the other side). */
    public static ColumnEquality of(CapturedColumn left, CapturedColumn right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        return new ColumnEquality(left.fixedWidthCharacter() || right.fixedWidthCharacter(),
                left.declaredTemporalPrecision(), right.declaredTemporalPrecision());
    }

    /** Whether a value of the left column equals a value of the right column, after normalisation. */
    public boolean equal(Object left, Object right) {
        if (left == null || right == null) {
            return left == null && right == null;
        }
        int pl = Math.max(declaredLeft, Normalizer.fractionalDigits(left));
        int pr = Math.max(declaredRight, Normalizer.fractionalDigits(right));
        int precision = Math.min(pl < 0 ? 9 : pl, pr < 0 ? 9 : pr);
        boolean asInstants = (Normalizer.timestampKinds(left) | Normalizer.timestampKinds(right)) == 3;
        ColumnRule rule = new ColumnRule(stripPadding, precision, asInstants);
        if (Objects.equals(Normalizer.canonical(left, rule, TemporalMode.TRUNCATE),
                Normalizer.canonical(right, rule, TemporalMode.TRUNCATE))) {
            return true;
        }
        return pl >= 0 && pr >= 0 && pl != pr
                && Objects.equals(Normalizer.canonical(left, rule, TemporalMode.ROUND),
                        Normalizer.canonical(right, rule, TemporalMode.ROUND));
    }

    /**
     * A key value in a form whose {@code equals} and {@code hashCode} match the comparison's (numbers without scale,
     * fixed-width padding removed when either side is {@code CHAR}, full temporal precision): for finding the row of
     * the other side with the same key.
     */
    public Object canonicalKey(Object value) {
        return Normalizer.canonical(value, new ColumnRule(stripPadding, 9, false), TemporalMode.TRUNCATE);
    }
}
