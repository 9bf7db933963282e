package dev.tandem.ddl;

import dev.tandem.sql.Dialect;

import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type to declare a new column with, from what JDBC's {@code ResultSetMetaData} says of the value it will hold:
 * the JDBC type, the database's own type name, precision (length) and scale, written the way each database spells it
 * in DDL. Pure: the caller reads the metadata.
 */
public final class TypeNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ]*(\\[\\])?");
    private static final Map<String, String> POSTGRES_ALIASES = Map.ofEntries(
            Map.entry("int2", "smallint"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("smallserial", "smallint"), Map.entry("serial", "integer"), Map.entry("bigserial", "bigint"),
            Map.entry("serial2", "smallint"), Map.entry("serial4", "integer"), Map.entry("serial8", "bigint"),
            Map.entry("float4", "real"), Map.entry("float8", "double precision"), Map.entry("bool", "boolean"));

    private TypeNames() {
    }

    /**
     * The DDL type.
     *
     * @param jdbcType  {@code getColumnType}, a {@link Types} code
     * @param typeName  {@code getColumnTypeName}
     * @param precision {@code getPrecision}: length of character and binary types, digits of numbers
     * @param scale     {@code getScale}: decimal digits, fractional-second digits of times
     * @throws IllegalArgumentException when the type name cannot be written into DDL
     */
    public static String ddlType(Dialect dialect, int jdbcType, String typeName, int precision, int scale) {
        String name = typeName == null ? "" : typeName.trim();
        String type = switch (dialect) {
            case POSTGRESQL -> postgres(jdbcType, name.toLowerCase(Locale.ROOT), precision, scale);
            case H2 -> h2(jdbcType, name.toUpperCase(Locale.ROOT), precision, scale);
            case MARIADB, MYSQL -> mariadb(jdbcType, name.toUpperCase(Locale.ROOT), precision, scale);
            default -> name;
        };
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("the database does not name the type (JDBC type " + jdbcType + ")");
        }
        return type;
    }

    private static String named(String name) {
        String base = name.replaceAll("\\(.*\\)", "").trim();
        if (!NAME.matcher(base).matches()) {
            throw new IllegalArgumentException("type '" + name + "' cannot be written into DDL");
        }
        return base;
    }

    private static String fraction(int scale, int max) {
        return scale >= 0 && scale <= max ? "(" + scale + ")" : "";
    }

    private static String postgres(int jdbcType, String name, int precision, int scale) {
        boolean bounded = precision > 0 && precision <= 10_485_760;
        switch (jdbcType) {
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR -> {
                return name.equals("varchar") && bounded ? "varchar(" + precision + ")"
                        : name.equals("varchar") || name.equals("text") || name.isEmpty() ? "text" : named(name);
            }
            case Types.CHAR, Types.NCHAR -> {
                return name.equals("bpchar") || name.equals("char") ? (bounded ? "char(" + precision + ")" : "text")
                        : named(name);
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                return precision > 0 && precision <= 1000 ? "numeric(" + precision + ", " + Math.max(0, scale) + ")"
                        : "numeric";
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                String base = name.equals("timestamptz") || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                        ? "timestamptz" : "timestamp";
                return base + fraction(scale, 6);
            }
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                String base = name.equals("timetz") || jdbcType == Types.TIME_WITH_TIMEZONE ? "timetz" : "time";
                return base + fraction(scale, 6);
            }
            default -> {
                if (name.startsWith("_")) {
                    String element = name.substring(1);
                    return named(POSTGRES_ALIASES.getOrDefault(element, element)) + "[]";
                }
                return named(POSTGRES_ALIASES.getOrDefault(name, name));
            }
        }
    }

    private static String h2(int jdbcType, String name, int precision, int scale) {
        boolean bounded = precision > 0 && precision <= 1_048_576;
        switch (jdbcType) {
            case Types.VARCHAR, Types.NVARCHAR -> {
                return bounded ? "CHARACTER VARYING(" + precision + ")" : "CHARACTER VARYING";
            }
            case Types.CHAR, Types.NCHAR -> {
                return bounded ? "CHARACTER(" + precision + ")" : "CHARACTER VARYING";
            }
            case Types.VARBINARY -> {
                return bounded ? "BINARY VARYING(" + precision + ")" : "BINARY VARYING";
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                return precision > 0 && precision <= 100_000 ? "NUMERIC(" + precision + ", " + Math.max(0, scale) + ")"
                        : "NUMERIC";
            }
            case Types.TIMESTAMP -> {
                return "TIMESTAMP" + fraction(scale, 9);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                return "TIMESTAMP" + fraction(scale, 9) + " WITH TIME ZONE";
            }
            case Types.TIME -> {
                return "TIME" + fraction(scale, 9);
            }
            case Types.TIME_WITH_TIMEZONE -> {
                return "TIME" + fraction(scale, 9) + " WITH TIME ZONE";
            }
            default -> {
                return named(name);
            }
        }
    }

    private static String mariadb(int jdbcType, String name, int precision, int scale) {
        switch (jdbcType) {
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR -> {
                if (name.contains("TEXT") || name.contains("JSON")) {
                    return named(name);
                }
                return precision > 0 && precision <= 16_383 ? "VARCHAR(" + precision + ")" : "LONGTEXT";
            }
            case Types.CHAR, Types.NCHAR -> {
                return precision > 0 && precision <= 255 ? "CHAR(" + precision + ")"
                        : precision > 0 && precision <= 16_383 ? "VARCHAR(" + precision + ")" : "LONGTEXT";
            }
            case Types.VARBINARY, Types.LONGVARBINARY, Types.BINARY -> {
                if (name.contains("BLOB")) {
                    return named(name);
                }
                return precision > 0 && precision <= 65_532 ? "VARBINARY(" + precision + ")" : "LONGBLOB";
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                return precision > 0 && precision <= 65 ? "DECIMAL(" + precision + ", " + Math.max(0, scale) + ")"
                        : "DECIMAL(65, 30)";
            }
            case Types.TIMESTAMP -> {
                return (name.startsWith("TIMESTAMP") ? "TIMESTAMP" : "DATETIME") + fraction(scale, 6);
            }
            case Types.TIME -> {
                return "TIME" + fraction(scale, 6);
            }
            case Types.BIT, Types.BOOLEAN -> {
                return name.startsWith("BIT") && precision > 1 ? "BIT(" + precision + ")" : "TINYINT(1)";
            }
            default -> {
                return named(name);
            }
        }
    }
}
