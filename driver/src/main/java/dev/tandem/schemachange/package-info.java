/**
 * {@code tandem plan}: the expand and contract DDL of a migration for the connected database.
 * {@link dev.tandem.schemachange.SchemaChangePlanner} reads the catalog (the types of the new columns, how the old key
 * is generated); the statements themselves are written by the pure {@code dev.tandem.ddl.DdlGenerator}.
 */
package dev.tandem.schemachange;
