package dev.tandem.plan;

/** How the JDBC driver is asked to return the keys of the rows a write touched. */
public enum ReturnedKeys {
    /** Not asked. */
    NONE,
    /**
     * The key columns by name ({@code prepareStatement(sql, keyColumns)}): PostgreSQL turns this into a
     * {@code RETURNING}, H2 returns the columns; every row touched comes back.
     */
    NAMED_COLUMNS,
    /**
     * {@code RETURN_GENERATED_KEYS}: MariaDB and MySQL return the first auto-increment value a statement generated;
     * the rest follow at {@code auto_increment_increment} steps.
     */
    AUTO_INCREMENT
}
