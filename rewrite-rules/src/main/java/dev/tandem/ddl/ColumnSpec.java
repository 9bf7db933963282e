package dev.tandem.ddl;

import java.util.Objects;

/**
 * A column the expand creates: its name as written in the rules and its type as the database spells it
 * ({@code varchar(40)}, {@code NUMERIC(12, 2)}), see {@link TypeNames}.
 */
public record ColumnSpec(String name, String type) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
