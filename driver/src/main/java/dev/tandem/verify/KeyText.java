package dev.tandem.verify;

import java.util.List;

/**
 * A key as the report prints it: {@code 42}, {@code 'abc'}, or {@code (7, 'abc')} for a composite key. Keys identify
 * rows and are printed; values of other columns never are.
 */
final class KeyText {
    private static final int MAX_PART = 100;

    private KeyText() {
    }

    static String of(List<Object> key) {
        if (key.size() == 1) {
            return part(key.get(0));
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < key.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(part(key.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String part(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = 0; i < Math.min(b.length, MAX_PART / 2); i++) {
                sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
            }
            return sb.toString();
        }
        String s = v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
        if (s.length() > MAX_PART) {
            s = s.substring(0, MAX_PART) + "...";
        }
        return v instanceof CharSequence || v instanceof Character ? "'" + s.replace("'", "''") + "'" : s;
    }
}
