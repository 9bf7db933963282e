package dev.tandem.schema;

/**
 * One column of a table as the database's metadata describes it.
 *
 * @param name       the column's name as the database reports it
 * @param jdbcType   its {@link java.sql.Types} code
 * @param typeName   the database's name for its type ({@code varchar}, {@code int4}, ...)
 * @param size       length or precision (0 when not applicable)
 * @param scale      scale of decimals (0 when not applicable)
 * @param defaultSql its default as SQL text from the catalog, or null
 */
public record ColumnShape(String name, int jdbcType, String typeName, int size, int scale, String defaultSql) {
}
