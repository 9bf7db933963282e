package dev.tandem.shadow;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns captured values into canonical ones whose {@code equals} is the comparison's notion of equal.
 *
 * <ul>
 *   <li>numbers (any {@link Number}) and booleans: a {@link BigDecimal} without trailing zeros ({@code true} = 1,
 *       {@code false} = 0; doubles through {@link BigDecimal#valueOf(double)}, floats through their shortest decimal);
 *       NaN and infinities as {@link Special};</li>
 *   <li>strings and characters: the string, without trailing spaces in a fixed-width ({@code CHAR}) column;</li>
 *   <li>{@code byte[]}: {@link Bytes}, compared by content;</li>
 *   <li>timestamps: {@link LocalDateTime} ({@link Timestamp}, {@code LocalDateTime}) or {@link Instant}
 *       ({@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant}, {@code java.util.Date}); a column holding both
 *       kinds compares local ones as instants in the JVM's time zone (as {@link Timestamp} does); times:
 *       {@link LocalTime} ({@link Time} keeps its milliseconds) or {@link OffsetTime} at UTC; all cut to the column's
 *       precision, by truncation or rounding ({@link TemporalMode});</li>
 *   <li>dates ({@link java.sql.Date}, {@link LocalDate}): {@link LocalDate};</li>
 *   <li>lists (arrays, structs): a list of canonical elements;</li>
 *   <li>anything else: itself when its class overrides {@code equals}, else {@link Opaque} (class name and text).</li>
 * </ul>
 */
final class Normalizer {

    private Normalizer() {
    }

    /** How a temporal value is cut to fewer fractional-second digits. */
    enum TemporalMode {
        TRUNCATE, ROUND
    }

    /** NaN and the infinities, of float or double alike. */
    enum Special {
        NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY
    }

    /** {@code byte[]} compared by content. */
    record Bytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + "]";
        }
    }

    /** A value of a class that does not define equality: compared by class and text. */
    record Opaque(String className, String text) {
        @Override
        public String toString() {
            return "Opaque[" + className + "]";
        }
    }

    /**
     * How the values of one column are normalised in one comparison.
     *
     * @param stripPadding trailing spaces of strings are ignored (a fixed-width column on either side)
     * @param precision    fractional-second digits temporal values are cut to (0 to 9)
     * @param asInstants   local timestamps are compared as instants (the column mixes local and zoned timestamps)
     */
    record ColumnRule(boolean stripPadding, int precision, boolean asInstants) {
        static final ColumnRule PLAIN = new ColumnRule(false, 9, false);
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final ConcurrentHashMap<Class<?>, Boolean> DEFINES_EQUALS = new ConcurrentHashMap<>();

    static Object canonical(Object v, ColumnRule rule, TemporalMode mode) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return rule.stripPadding() ? stripTrailingSpaces(s) : s;
        }
        if (v instanceof Character c) {
            return rule.stripPadding() ? stripTrailingSpaces(c.toString()) : c.toString();
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Number n) {
            return number(n);
        }
        if (v instanceof byte[] b) {
            return new Bytes(b);
        }
        if (v instanceof Timestamp ts) {
            return localDateTime(ts.toLocalDateTime(), rule, mode);
        }
        if (v instanceof LocalDateTime ldt) {
            return localDateTime(ldt, rule, mode);
        }
        if (v instanceof OffsetDateTime odt) {
            return cut(odt.toInstant(), rule.precision(), mode);
        }
        if (v instanceof ZonedDateTime zdt) {
            return cut(zdt.toInstant(), rule.precision(), mode);
        }
        if (v instanceof Instant i) {
            return cut(i, rule.precision(), mode);
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof Time t) {
            return cut(localTime(t), rule.precision(), mode);
        }
        if (v instanceof LocalTime t) {
            return cut(t, rule.precision(), mode);
        }
        if (v instanceof OffsetTime t) {
            OffsetTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
            return OffsetTime.of(cut(utc.toLocalTime(), rule.precision(), mode), ZoneOffset.UTC);
        }
        if (v instanceof java.util.Date d) {
            return cut(d.toInstant(), rule.precision(), mode);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(canonical(o, rule, mode));
            }
            return out;
        }
        return definesEquals(v.getClass()) ? v : new Opaque(v.getClass().getName(), String.valueOf(v));
    }

    /** The number of significant fractional-second digits of a temporal value (0 to 9), or -1 when not temporal. */
    static int fractionalDigits(Object v) {
        int nanos;
        if (v instanceof Timestamp ts) {
            nanos = ts.getNanos();
        } else if (v instanceof LocalDateTime t) {
            nanos = t.getNano();
        } else if (v instanceof OffsetDateTime t) {
            nanos = t.getNano();
        } else if (v instanceof ZonedDateTime t) {
            nanos = t.getNano();
        } else if (v instanceof Instant t) {
            nanos = t.getNano();
        } else if (v instanceof Time t) {
            nanos = localTime(t).getNano();
        } else if (v instanceof LocalTime t) {
            nanos = t.getNano();
        } else if (v instanceof OffsetTime t) {
            nanos = t.getNano();
        } else if (v instanceof java.util.Date && !(v instanceof java.sql.Date)) {
            nanos = (int) Math.floorMod(((java.util.Date) v).getTime(), 1000L) * 1_000_000;
        } else if (v instanceof List<?> list) {
            int max = -1;
            for (Object o : list) {
                max = Math.max(max, fractionalDigits(o));
            }
            return max;
        } else {
            return -1;
        }
        if (nanos == 0) {
            return 0;
        }
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        return digits;
    }

    /** The kinds of timestamp {@code v} is or holds (in a list): bit 1 without a zone, bit 2 with one. */
    static int timestampKinds(Object v) {
        if (v instanceof Timestamp || v instanceof LocalDateTime) {
            return 1;
        }
        if (v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof Instant
                || (v instanceof java.util.Date && !(v instanceof java.sql.Date) && !(v instanceof Time))) {
            return 2;
        }
        if (v instanceof List<?> list) {
            int kinds = 0;
            for (Object o : list) {
                kinds |= timestampKinds(o);
            }
            return kinds;
        }
        return 0;
    }

    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static Object number(Number n) {
        BigDecimal d;
        if (n instanceof BigDecimal bd) {
            d = bd;
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong) {
            d = BigDecimal.valueOf(n.longValue());
        } else if (n instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (n instanceof Double || n instanceof Float) {
            double x = n.doubleValue();
            if (Double.isNaN(x)) {
                return Special.NAN;
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? Special.POSITIVE_INFINITY : Special.NEGATIVE_INFINITY;
            }
            d = n instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(x);
        } else {
            try {
                d = new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return number(n.doubleValue());
            }
        }
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    private static Object localDateTime(LocalDateTime t, ColumnRule rule, TemporalMode mode) {
        if (rule.asInstants()) {
            return cut(t.atZone(ZoneId.systemDefault()).toInstant(), rule.precision(), mode);
        }
        return cut(t, rule.precision(), mode);
    }

    /** A {@link Time} as a local time, keeping the milliseconds that {@link Time#toLocalTime()} drops. */
    static LocalTime localTime(Time t) {
        return t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
    }

    private static long cutNanos(long nanos, int precision, TemporalMode mode) {
        int unit = POWERS[9 - Math.max(0, Math.min(9, precision))];
        if (unit == 1) {
            return nanos;
        }
        long base = nanos - nanos % unit;
        return mode == TemporalMode.ROUND && nanos % unit >= unit / 2 ? base + unit : base;
    }

    private static LocalDateTime cut(LocalDateTime t, int precision, TemporalMode mode) {
        long nanos = cutNanos(t.getNano(), precision, mode);
        return t.withNano(0).plusNanos(nanos);
    }

    private static Instant cut(Instant t, int precision, TemporalMode mode) {
        long nanos = cutNanos(t.getNano(), precision, mode);
        return Instant.ofEpochSecond(t.getEpochSecond()).plusNanos(nanos);
    }

    private static LocalTime cut(LocalTime t, int precision, TemporalMode mode) {
        long nanos = cutNanos(t.getNano(), precision, mode);
        return t.withNano(0).plusNanos(nanos);
    }

    private static boolean definesEquals(Class<?> c) {
        return DEFINES_EQUALS.computeIfAbsent(c, k -> {
            try {
                Method m = k.getMethod("equals", Object.class);
                return m.getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException | SecurityException e) {
                return false;
            }
        });
    }

    // ====================================================================================================== key hash

    /**
     * The first 12 hex digits of the SHA-256 of the canonical values' encoding: each value as a type tag, the length of
     * its text and the text (numbers as plain decimals, strings as they are, bytes in hex, dates and times in ISO-8601,
     * lists element by element), so that no two different keys share an encoding.
     */
    static String keyHash(List<?> canonicalValues) {
        StringBuilder sb = new StringBuilder();
        encode(canonicalValues, sb);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void encode(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("N;");
            return;
        }
        if (v instanceof List<?> list) {
            sb.append("L").append(list.size()).append('(');
            for (Object o : list) {
                encode(o, sb);
            }
            sb.append(')');
            return;
        }
        char tag;
        String text;
        if (v instanceof BigDecimal d) {
            tag = 'D';
            text = d.toPlainString();
        } else if (v instanceof String s) {
            tag = 'S';
            text = s;
        } else if (v instanceof Bytes b) {
            tag = 'B';
            text = HexFormat.of().formatHex(b.bytes());
        } else if (v instanceof Special s) {
            tag = 'F';
            text = s.name();
        } else if (v instanceof LocalDateTime || v instanceof Instant || v instanceof LocalDate
                || v instanceof LocalTime || v instanceof OffsetTime) {
            tag = 'T';
            text = v.getClass().getSimpleName() + ":" + v;
        } else if (v instanceof Opaque o) {
            tag = 'O';
            text = o.className() + ":" + o.text();
        } else {
            tag = 'X';
            text = v.getClass().getName() + ":" + v;
        }
        sb.append(tag).append(text.length()).append(':').append(text).append(';');
    }
}
