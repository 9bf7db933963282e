package dev.tandem.shadow;

import java.sql.Types;
import java.util.Locale;
import java.util.Objects;

/**
 * One column of a captured result, as {@link java.sql.ResultSetMetaData} described it. Holds no value.
 *
 * @param label    {@code getColumnLabel}
 * @param jdbcType {@code getColumnType}, a {@link java.sql.Types} constant ({@link Types#OTHER} when unknown)
 * @param typeName {@code getColumnTypeName}, as the database names the type ({@code ""} when unknown)
 * @param scale    {@code getScale}: for temporal columns the number of fractional-second digits the column holds;
 *                 {@code -1} when unknown
 */
public record CapturedColumn(String label, int jdbcType, String typeName, int scale) {

    public CapturedColumn {
        Objects.requireNonNull(label, "label");
        typeName = typeName == null ? "" : typeName;
    }

    /** A column known only by its label and JDBC type (scale unknown). */
    public static CapturedColumn of(String label, int jdbcType) {
        return new CapturedColumn(label, jdbcType, "", -1);
    }

    /** Whether values of this column are padded with trailing spaces to a fixed width ({@code CHAR}, {@code NCHAR}). */
    boolean fixedWidthCharacter() {
        if (jdbcType == Types.CHAR || jdbcType == Types.NCHAR) {
            return true;
        }
        if (jdbcType == Types.ARRAY) { // PostgreSQL _bpchar, H2 "CHARACTER(10) ARRAY"
            String t = typeName.toLowerCase(Locale.ROOT).trim();
            return t.equals("_bpchar") || t.equals("_char")
                    || t.matches("n?char(acter)?(\\s*\\(\\d+\\))?\\s*(array|\\[\\])");
        }
        return false;
    }

    /** The declared fractional-second digits (0 to 9) of a temporal column, or -1 when not temporal or unknown. */
    int declaredTemporalPrecision() {
        switch (jdbcType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                return scale >= 0 && scale <= 9 ? scale : -1;
            }
            default -> {
                return -1;
            }
        }
    }
}
