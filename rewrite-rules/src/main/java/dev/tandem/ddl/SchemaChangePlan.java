package dev.tandem.ddl;

import dev.tandem.sql.Dialect;

import java.util.List;

/**
 * The DDL of one migration for one database: what creates the new structure ({@link #expand()}), what removes the old
 * one ({@link #contract()}), and what the operator should know ({@link #notes()}). Statements carry no trailing
 * {@code ;}; run them in order, one at a time. {@link #contract()} is meant to run in one transaction where the
 * database has transactional DDL (PostgreSQL, H2): a statement that fails then leaves nothing half done.
 */
public record SchemaChangePlan(String migration, Dialect dialect, List<String> expand, List<String> contract,
                               List<String> notes) {
    public SchemaChangePlan {
        expand = List.copyOf(expand);
        contract = List.copyOf(contract);
        notes = List.copyOf(notes);
    }

    /** The plan as a script for people: comments, then each statement ending in {@code ;}. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("-- ").append(migration).append(" on ").append(dialect.displayName()).append('\n');
        for (String note : notes) {
            sb.append("-- note: ").append(note).append('\n');
        }
        sb.append("\n-- expand: create the new structure (before write-both)\n");
        for (String s : expand) {
            sb.append(s).append(";\n");
        }
        sb.append("\n-- contract: remove the old structure (after the contract gate; there is no way back)\n");
        for (String s : contract) {
            sb.append(s).append(";\n");
        }
        return sb.toString();
    }
}
