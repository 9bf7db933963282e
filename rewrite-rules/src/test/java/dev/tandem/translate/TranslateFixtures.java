package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.rules.TableRef;
import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.SqlParser;
import dev.tandem.sql.StatementScan;
import net.sf.jsqlparser.statement.Statement;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Migrations, table shapes and helpers shared by the translation tests. */
final class TranslateFixtures {
    private TranslateFixtures() {
    }

    /** Table-level: {@code person(id, first_name, last_name, email)} becomes {@code people(id, full_name, email)}. */
    static final Migration PERSON_TO_PEOPLE = parse(String.join("\n",
            "migration: person-to-people",
            "from: { table: person, key: [id] }",
            "to:   { table: people, key: [id] }",
            "up:",
            "  id: id",
            "  full_name: \"first_name || ' ' || last_name\"",
            "  email: email",
            "down:",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"",
            "  email: email",
            ""));

    /** Column-level: {@code person} gains {@code full_name}; {@code first_name} and {@code last_name} read from it. */
    /** person -> people with a second up expression that reads first_name too. */
    static final Migration PERSON_WITH_INITIAL = parse(String.join("\n",
            "migration: person-initial",
            "from: { table: person, key: [id] }",
            "to:   { table: people, key: [id] }",
            "up:",
            "  id: id",
            "  full_name: \"first_name || ' ' || last_name\"",
            "  initial: \"SUBSTRING(first_name, 1, 1)\"",
            "down:",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"",
            ""));

    static final Migration PERSON_FULL_NAME = parse(String.join("\n",
            "migration: person-full-name",
            "from: { table: person, key: [id] }",
            "to:   { table: person, key: [id] }",
            "up:",
            "  full_name: \"first_name || ' ' || last_name\"",
            "down:",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"",
            ""));

    /** Table-level with a renamed key: {@code customer(id, person_id, email)} becomes {@code client(client_id, ...)}. */
    static final Migration CUSTOMER_TO_CLIENT = parse(String.join("\n",
            "migration: customer-to-client",
            "from: { table: customer, key: [id] }",
            "to:   { table: client, key: [client_id] }",
            "up:",
            "  client_id: id",
            "  person_ref: person_id",
            "  contact: email",
            "down:",
            "  person_id: person_ref",
            "  email: contact",
            ""));

    static Migration parse(String yaml) {
        try {
            return RulesLoader.parse("test.yaml", yaml);
        } catch (RulesException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    // ----------------------------------------------------------------------------------------------- table shapes

    static ColumnShape bigint(String name) {
        return new ColumnShape(name, Types.BIGINT, "int8", 19, 0, null);
    }

    static ColumnShape varchar(String name, int size) {
        return new ColumnShape(name, Types.VARCHAR, "varchar", size, 0, null);
    }

    static ColumnShape withDefault(ColumnShape c, String defaultSql) {
        return new ColumnShape(c.name(), c.jdbcType(), c.typeName(), c.size(), c.scale(), defaultSql);
    }

    /** The old {@code person} table as the database describes it (before any expand of it). */
    static final List<ColumnShape> PERSON_COLUMNS = List.of(bigint("id"), varchar("first_name", 50),
            varchar("last_name", 50), varchar("email", 100));

    /** {@code person} after the column-level expand: {@code full_name} added last. */
    static final List<ColumnShape> EXPANDED_PERSON_COLUMNS = List.of(bigint("id"), varchar("first_name", 50),
            varchar("last_name", 50), varchar("email", 100), varchar("full_name", 101));

    static final List<ColumnShape> CUSTOMER_COLUMNS = List.of(bigint("id"), bigint("person_id"),
            varchar("email", 100));

    /** Shapes for the table-level migrations: the old {@code person} and {@code customer}. */
    static final TableShapes OLD_SHAPES = shapes(Map.of("person", PERSON_COLUMNS, "customer", CUSTOMER_COLUMNS));

    /** Shapes for the column-level migration: {@code person} with {@code full_name}. */
    static final TableShapes EXPANDED_SHAPES = shapes(Map.of("person", EXPANDED_PERSON_COLUMNS,
            "customer", CUSTOMER_COLUMNS));

    /** What the database describes, by table name (unknown tables describe as empty). */
    static TableShapes shapes(Map<String, List<ColumnShape>> tables) {
        Map<String, List<ColumnShape>> byName = new LinkedHashMap<>();
        tables.forEach((name, columns) -> byName.put(Identifier.canonical(name), List.copyOf(columns)));
        return new TableShapes() {
            @Override
            public List<String> columns(TableRef table) {
                List<String> names = new ArrayList<>();
                for (ColumnShape c : describe(table)) {
                    names.add(c.name());
                }
                return names;
            }

            @Override
            public List<ColumnShape> describe(TableRef table) {
                return byName.getOrDefault(Identifier.canonical(table.name()), List.of());
            }

            @Override
            public List<List<String>> uniqueKeys(TableRef table) {
                return List.of();
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ translating

    /** Parses and scans {@code sql} as the planner does. */
    static Statement parsed(Dialect dialect, String sql) {
        SqlParser.Result result = new SqlParser(10_000).parse(sql, dialect);
        assertTrue(result.ok(), () -> "does not parse: " + sql + ": " + result.failure());
        StatementScan.of(result.statement(), result.parametersCreated());
        return result.statement();
    }

    static TranslatedRead read(Dialect dialect, TableShapes shapes, String sql, Migration... translated) {
        try {
            return ReadTranslator.translate(parsed(dialect, sql), sql, List.of(translated), shapes, dialect);
        } catch (Untranslatable e) {
            throw new AssertionError("untranslatable: " + e.reason() + ": " + sql, e);
        }
    }

    /** A read of the table-level migration, with the old shapes. */
    static TranslatedRead read(Dialect dialect, String sql) {
        return read(dialect, OLD_SHAPES, sql, PERSON_TO_PEOPLE);
    }

    static String unreadable(Dialect dialect, TableShapes shapes, String sql, Migration... translated) {
        Statement statement = parsed(dialect, sql);
        Untranslatable e = assertThrows(Untranslatable.class,
                () -> ReadTranslator.translate(statement, sql, List.of(translated), shapes, dialect), sql);
        assertEquals(e.getMessage(), e.reason());
        return e.reason();
    }

    static TranslatedWrite write(Dialect dialect, TableShapes shapes, String sql, Migration migration) {
        try {
            return WriteTranslator.translate(parsed(dialect, sql), migration, shapes, dialect);
        } catch (Untranslatable e) {
            throw new AssertionError("untranslatable: " + e.reason() + ": " + sql, e);
        }
    }

    static String unwritable(Dialect dialect, TableShapes shapes, String sql, Migration migration) {
        Statement statement = parsed(dialect, sql);
        Untranslatable e = assertThrows(Untranslatable.class,
                () -> WriteTranslator.translate(statement, migration, shapes, dialect), sql);
        return e.reason();
    }

    // ------------------------------------------------------------------------------------------------- assertions

    /**
     * Asserts the SQL and its parameter mapping exactly, and that every {@code ?} outside string literals is one
     * of the mapped parameters: no value is spliced into the text, none is lost.
     */
    static void assertSql(String expected, int[] parameters, ParameterizedSql actual) {
        assertEquals(expected, actual.sql());
        assertArrayEquals(parameters, actual.parameters(),
                () -> "parameters " + Arrays.toString(actual.parameters()) + " of " + actual.sql());
        assertEquals(actual.parameterCount(), placeholders(actual.sql()), () -> "placeholders of " + actual.sql());
    }

    static int[] params(int... applicationPositions) {
        return applicationPositions;
    }

    static final int[] NONE = new int[0];

    /** The {@code ?} placeholders of {@code sql}, outside quoted strings and names. */
    static int placeholders(String sql) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '?') {
                n++;
            }
        }
        return n;
    }
}
