package dev.tandem.shadow;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Detaching values from a result set into a comparable, self-contained form, and rendering them (values only). */
final class Values {

    private Values() {
    }

    /** A byte budget, charged with an estimate of each stored value's size. */
    static final class Budget {
        private final long limit;
        private long used;

        Budget(long limit) {
            this.limit = limit;
        }

        /** Charges {@code bytes}; {@code false} (and nothing charged) when that would exceed the limit. */
        boolean charge(long bytes) {
            if (bytes > limit - used) {
                return false;
            }
            used += bytes;
            return true;
        }

        long remaining() {
            return limit - used;
        }
    }

    /** Thrown when a single value would not fit in the remaining budget. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super("value exceeds the capture's byte budget", null, false, false);
        }
    }

    static Object detach(Object v, Budget budget) throws SQLException {
        try {
            return detachOrTooLarge(v, budget);
        } catch (TooLarge e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value in a form that no longer depends on the result set or the connection: LOBs read right away, arrays and
     * structs as lists, mutable dates copied. LOBs longer than the budget's remainder are not read at all.
     */
    static Object detachOrTooLarge(Object v, Budget budget) throws SQLException, TooLarge {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Clob clob) { // NClob too
            long length = clob.length();
            if (length * 2 > budget.remaining()) {
                throw new TooLarge();
            }
            return length == 0 ? "" : readFully(clob, (int) length);
        }
        if (v instanceof Blob blob) {
            long length = blob.length();
            if (length > budget.remaining()) {
                throw new TooLarge();
            }
            return length == 0 ? new byte[0] : blob.getBytes(1, (int) length);
        }
        if (v instanceof SQLXML xml) {
            return xml.getString();
        }
        if (v instanceof java.sql.Array array) {
            return detachOrTooLarge(array.getArray(), budget);
        }
        if (v instanceof Struct struct) {
            return detachOrTooLarge(struct.getAttributes(), budget);
        }
        if (v instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(detachOrTooLarge(Array.get(v, i), budget));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof List<?> in) {
            List<Object> list = new ArrayList<>(in.size());
            for (Object o : in) {
                list.add(detachOrTooLarge(o, budget));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof Timestamp ts) {
            Timestamp copy = new Timestamp(ts.getTime());
            copy.setNanos(ts.getNanos());
            return copy;
        }
        if (v instanceof java.sql.Date d) {
            return new java.sql.Date(d.getTime());
        }
        if (v instanceof Time t) {
            return new Time(t.getTime());
        }
        if (v instanceof java.util.Date d) {
            return new java.util.Date(d.getTime());
        }
        return v;
    }

    private static String readFully(Clob clob, int length) throws SQLException {
        StringBuilder sb = new StringBuilder(length);
        try (Reader r = clob.getCharacterStream()) {
            char[] buffer = new char[8192];
            for (int n; (n = r.read(buffer)) > 0; ) {
                sb.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("cannot read a CLOB value: " + e.getClass().getSimpleName(), e);
        }
        return sb.toString();
    }

    /** A rough estimate of the memory a detached value holds, in bytes. */
    static long estimateSize(Object v) {
        if (v == null) {
            return 8;
        }
        if (v instanceof String s) {
            return 40 + 2L * s.length();
        }
        if (v instanceof byte[] b) {
            return 24 + b.length;
        }
        if (v instanceof List<?> list) {
            long size = 40;
            for (Object o : list) {
                size += 8 + estimateSize(o);
            }
            return size;
        }
        if (v instanceof java.math.BigDecimal || v instanceof java.math.BigInteger) {
            return 64;
        }
        return 32;
    }

    /** A value as {@code describe(true)} shows it (long ones shortened). Only called when values may be shown. */
    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            String shown = s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + " chars)" : s;
            return "'" + shown.replace("'", "''") + "'";
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = 0; i < Math.min(b.length, 64); i++) {
                sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
            }
            return b.length > 64 ? sb + "…(" + b.length + " bytes)" : sb.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : list) {
                sb.append(sb.length() > 1 ? ", " : "").append(render(o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
