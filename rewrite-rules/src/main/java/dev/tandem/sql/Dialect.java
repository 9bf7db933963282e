package dev.tandem.sql;

import java.util.Locale;

/**
 * What Tandem needs to know about a database's SQL and its JDBC driver. Chosen from the real JDBC URL (or the
 * database product name) once per data source.
 */
public enum Dialect {
    POSTGRESQL("PostgreSQL"),
    MARIADB("MariaDB"),
    /** MySQL proper: MariaDB's SQL without {@code RETURNING}. */
    MYSQL("MySQL"),
    H2("H2"),
    /** Any other database: only what standard SQL and JDBC promise. */
    GENERIC("generic SQL");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The dialect for a real JDBC URL ({@code jdbc:postgresql:...}), or {@link #GENERIC}. */
    public static Dialect fromUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return GENERIC;
    }

    /** The dialect for {@code DatabaseMetaData.getDatabaseProductName()}, or {@link #GENERIC}. */
    public static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        return GENERIC;
    }

    /** Whether string literals treat backslash as an escape character (MySQL and MariaDB by default). */
    public boolean backslashEscapes() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * Whether the JDBC driver returns the values of named columns as generated keys for INSERT, UPDATE and
     * (PostgreSQL) DELETE, i.e. turns {@code prepareStatement(sql, columnNames)} into a {@code RETURNING}.
     */
    public boolean returnsNamedColumns(WriteKind kind) {
        return switch (this) {
            case POSTGRESQL -> true;
            case H2 -> kind != WriteKind.DELETE;
            default -> false;
        };
    }

    /** Whether the driver reports only an auto-increment value (the first of a multi-row insert) as generated key. */
    public boolean returnsAutoIncrementOnly() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * Whether a failed statement aborts the whole transaction (PostgreSQL), so that a best-effort mirror must run
     * inside a savepoint. Elsewhere a failed statement is undone alone and the transaction goes on.
     */
    public boolean failedStatementAbortsTransaction() {
        return this == POSTGRESQL || this == GENERIC;
    }

    /**
     * A null-safe test that a column's value differs from an expression meant to be stored in it. The column and the
     * expression may have different types (an assignment converts them): PostgreSQL and H2 compare their text forms,
     * which never fails; a difference in form only (numeric scale, say) costs one redundant write.
     */
    public String differs(String column, String expression) {
        return switch (this) {
            case MARIADB, MYSQL -> "NOT (" + column + " <=> (" + expression + "))";
            case POSTGRESQL -> "CAST(" + column + " AS text) IS DISTINCT FROM CAST((" + expression + ") AS text)";
            default -> "CAST(" + column + " AS VARCHAR) IS DISTINCT FROM CAST((" + expression + ") AS VARCHAR)";
        };
    }

    /** The clause that locks the rows a SELECT reads until the transaction ends; {@code alias} for PostgreSQL's OF. */
    public String forUpdate(String alias, boolean severalTables) {
        if (this == POSTGRESQL && severalTables && alias != null) {
            return " FOR UPDATE OF " + alias;
        }
        return " FOR UPDATE";
    }

    /**
     * The type to {@code CAST} an expression to so that it reads back with a column's exact JDBC type, or null when
     * this database cannot express it in a cast (then no cast is made).
     *
     * @param jdbcType a {@link java.sql.Types} code
     * @param typeName the database's own type name
     * @param size     length or precision
     * @param scale    decimal scale
     */
    public String castType(int jdbcType, String typeName, int size, int scale) {
        boolean bounded = size > 0 && size < 1_000_000;
        switch (this) {
            case POSTGRESQL, H2 -> {
                return switch (jdbcType) {
                    case java.sql.Types.VARCHAR, java.sql.Types.NVARCHAR -> bounded
                            ? (this == H2 ? "VARCHAR(" : "varchar(") + size + ")"
                            : (this == H2 ? "VARCHAR" : "text");
                    case java.sql.Types.CHAR, java.sql.Types.NCHAR -> bounded ? "char(" + size + ")" : null;
                    case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> {
                        String name = jdbcType == java.sql.Types.DECIMAL ? "decimal" : "numeric";
                        yield size > 0 && size <= 1000 ? name + "(" + size + ", " + Math.max(0, scale) + ")" : name;
                    }
                    case java.sql.Types.INTEGER -> "integer";
                    case java.sql.Types.BIGINT -> "bigint";
                    case java.sql.Types.SMALLINT -> "smallint";
                    case java.sql.Types.TINYINT -> this == H2 ? "tinyint" : "smallint";
                    case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> "boolean";
                    case java.sql.Types.DOUBLE, java.sql.Types.FLOAT -> "double precision";
                    case java.sql.Types.REAL -> "real";
                    case java.sql.Types.DATE -> "date";
                    case java.sql.Types.TIME -> "time";
                    case java.sql.Types.TIMESTAMP -> "timestamp";
                    case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> this == H2 ? "timestamp with time zone"
                            : "timestamptz";
                    default -> this == POSTGRESQL && typeName != null && typeName.matches("[A-Za-z_][A-Za-z0-9_]*")
                            ? typeName : null;
                };
            }
            case MARIADB, MYSQL -> {
                return switch (jdbcType) {
                    case java.sql.Types.VARCHAR, java.sql.Types.NVARCHAR, java.sql.Types.LONGVARCHAR ->
                            bounded ? "CHAR(" + size + ")" : "CHAR";
                    case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> size > 0 && size <= 65
                            ? "DECIMAL(" + size + ", " + Math.max(0, scale) + ")" : null;
                    case java.sql.Types.DATE -> "DATE";
                    case java.sql.Types.TIME -> "TIME";
                    case java.sql.Types.TIMESTAMP -> "DATETIME(" + Math.max(0, Math.min(6, scale)) + ")";
                    case java.sql.Types.DOUBLE -> "DOUBLE";
                    default -> null; // MariaDB casts integers to BIGINT whatever their width: no exact cast
                };
            }
            default -> {
                return null;
            }
        }
    }

    /** The kinds of write statement Tandem distinguishes. */
    public enum WriteKind { INSERT, UPDATE, DELETE }

    @Override
    public String toString() {
        return displayName;
    }
}
