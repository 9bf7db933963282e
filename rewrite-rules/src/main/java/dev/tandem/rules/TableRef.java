package dev.tandem.rules;

import dev.tandem.sql.Identifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One side of a migration: a table (optionally schema-qualified, written as in the database's SQL) and the columns
 * of its key. Keys identify rows across {@code from} and {@code to}.
 */
public final class TableRef {
    private final String schema;
    private final String name;
    private final List<String> key;

    public TableRef(String schema, String name, List<String> key) {
        this.schema = schema;
        this.name = Objects.requireNonNull(name, "name");
        this.key = List.copyOf(key);
        if (this.key.isEmpty()) {
            throw new IllegalArgumentException("a table's key needs at least one column");
        }
    }

    /** Parses {@code table} or {@code schema.table}; quoted parts may contain dots. */
    public static TableRef parse(String qualifiedName, List<String> key) {
        List<String> parts = splitQualified(qualifiedName);
        if (parts.size() == 1) {
            return new TableRef(null, parts.get(0), key);
        }
        if (parts.size() == 2) {
            return new TableRef(parts.get(0), parts.get(1), key);
        }
        throw new IllegalArgumentException("'" + qualifiedName + "' is not a table name (expected table or schema.table)");
    }

    static List<String> splitQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == '[') {
                quote = ']';
                current.append(c);
            } else if (c == '.') {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not a table name (empty part)");
            }
        }
        return parts;
    }

    /** The schema as written, or null. */
    public String schema() {
        return schema;
    }

    /** The table name as written (quotes kept). */
    public String name() {
        return name;
    }

    /** The key columns as written, in order. */
    public List<String> key() {
        return key;
    }

    /** The name to use in generated SQL: {@code schema.table} or {@code table}, as written in the rules. */
    public String sql() {
        return schema == null ? name : schema + "." + name;
    }

    /**
     * Whether a table reference in SQL ({@code schema} may be null) names this table. Names compare
     * case-insensitively; when either side is unqualified only the table names are compared.
     */
    public boolean matches(String otherSchema, String otherName) {
        if (!Identifier.same(name, otherName)) {
            return false;
        }
        return schema == null || otherSchema == null || Identifier.same(schema, otherSchema);
    }

    /** Whether both refer to the same table under {@link #matches}. */
    public boolean sameTable(TableRef other) {
        return matches(other.schema, other.name);
    }

    /** Whether {@code column} is one of the key columns. */
    public boolean isKey(String column) {
        for (String k : key) {
            if (Identifier.same(k, column)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return sql() + key;
    }
}
