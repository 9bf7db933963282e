package dev.tandem.backfill;

import dev.tandem.state.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a key is written into {@code tandem_backfill} ({@code last_key}, {@code high_water}): a JSON array with one
 * element per key column, in key order, each typed so that it reads back as the same Java value and binds as the
 * same SQL value:
 * <ul>
 *   <li>whole numbers ({@code SMALLINT}, {@code INT}, {@code BIGINT}): a JSON number, e.g. {@code 42};</li>
 *   <li>text: a JSON string, e.g. {@code "smith"};</li>
 *   <li>booleans: {@code true} / {@code false};</li>
 *   <li>everything else an object with one member naming the type: {@code {"uuid":"0f8fad5b-..."}},
 *       {@code {"decimal":"12.50"}}, {@code {"date":"2024-02-29"}}, {@code {"time":"13:45:00"}},
 *       {@code {"timestamp":"2024-02-29T13:45:00.123"}}, {@code {"timestamptz":"2024-02-29T13:45:00.123Z"}},
 *       {@code {"double":"1.5"}}, {@code {"bytes":"base64..."}}.</li>
 * </ul>
 * Example: {@code [17,"2024-q1",{"uuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}]}. A key of any other type is refused
 * before the first batch, with the column's name.
 */
public final class KeyCodec {
    private KeyCodec() {
    }

    /** Reads a key from the first {@code width} columns of the current row, as values the codec can write. */
    public static Object[] read(ResultSet rs, int width) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Object[] key = new Object[width];
        for (int i = 0; i < width; i++) {
            int column = i + 1;
            Object v = switch (md.getColumnType(column)) {
                case Types.DATE -> rs.getObject(column, LocalDate.class);
                case Types.TIME -> rs.getObject(column, LocalTime.class);
                case Types.TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
                case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, OffsetDateTime.class);
                default -> rs.getObject(column);
            };
            if (v instanceof java.sql.Timestamp t) {
                v = t.toLocalDateTime();
            } else if (v instanceof java.sql.Date d) {
                v = d.toLocalDate();
            } else if (v instanceof java.sql.Time t) {
                v = t.toLocalTime();
            }
            if (v == null) {
                throw new IllegalStateException("key column " + md.getColumnLabel(column) + " is NULL in a row: the"
                        + " backfill pages by the key, which must never be NULL");
            }
            check(v, md.getColumnLabel(column));
            key[i] = v;
        }
        return key;
    }

    /** The text of a key, see the class comment. */
    public static String encode(Object[] key) {
        List<Object> out = new ArrayList<>(key.length);
        for (Object v : key) {
            out.add(element(v));
        }
        return Json.write(out);
    }

    /** A key from its text; null for null. */
    public static Object[] decode(String text) {
        if (text == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a backfill key: " + e.getMessage());
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("not a backfill key (a JSON array of key values was expected)");
        }
        Object[] key = new Object[list.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = value(list.get(i));
        }
        return key;
    }

    private static void check(Object v, String column) {
        try {
            element(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key column " + column + ": " + e.getMessage());
        }
    }

    private static Object element(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof BigInteger b) {
            return typed("decimal", b.toString());
        }
        if (v instanceof BigDecimal d) {
            return typed("decimal", d.toPlainString());
        }
        if (v instanceof UUID u) {
            return typed("uuid", u.toString());
        }
        if (v instanceof LocalDate d) {
            return typed("date", d.toString());
        }
        if (v instanceof LocalTime t) {
            return typed("time", t.toString());
        }
        if (v instanceof LocalDateTime t) {
            return typed("timestamp", t.toString());
        }
        if (v instanceof OffsetDateTime t) {
            return typed("timestamptz", t.toString());
        }
        if (v instanceof Double || v instanceof Float) {
            return typed("double", Double.toString(((Number) v).doubleValue()));
        }
        if (v instanceof byte[] b) {
            return typed("bytes", Base64.getEncoder().encodeToString(b));
        }
        throw new IllegalArgumentException("the backfill cannot keep a checkpoint of a key of type "
                + v.getClass().getName());
    }

    private static Map<String, Object> typed(String type, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(type, text);
        return m;
    }

    private static Object value(Object element) {
        if (element instanceof Long || element instanceof String || element instanceof Boolean) {
            return element;
        }
        if (element instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            String text = String.valueOf(e.getValue());
            return switch (String.valueOf(e.getKey())) {
                case "decimal" -> new BigDecimal(text);
                case "uuid" -> UUID.fromString(text);
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                case "timestamp" -> LocalDateTime.parse(text);
                case "timestamptz" -> OffsetDateTime.parse(text);
                case "double" -> Double.parseDouble(text);
                case "bytes" -> Base64.getDecoder().decode(text);
                default -> throw new IllegalArgumentException("not a backfill key: unknown type '" + e.getKey() + "'");
            };
        }
        throw new IllegalArgumentException("not a backfill key: unexpected element " + element);
    }
}
