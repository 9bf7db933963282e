package dev.tandem.engine;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.rules.TableRef;
import dev.tandem.sql.Identifier;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table shapes read from the database's metadata, through the connection at hand, once per table for the engine's
 * life. Used only when a plan needs what the SQL text does not say (an INSERT without a column list, an upsert on
 * MariaDB), so the lookup happens at most once per table, when such a statement is first planned.
 */
public final class ConnectionTableShapes {
    private final Map<String, List<ColumnShape>> described = new ConcurrentHashMap<>();
    private final Map<String, List<List<String>>> uniqueKeys = new ConcurrentHashMap<>();

    /** A view that reads through {@code connection} when a shape is not known yet. */
    public View through(Connection connection) {
        return new View(connection);
    }

    public final class View implements TableShapes {
        private final Connection connection;
        private boolean failed;

        View(Connection connection) {
            this.connection = connection;
        }

        /** Whether a lookup failed: a plan built from this view then must not be cached. */
        boolean failed() {
            return failed;
        }

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
            String key = key(table);
            List<ColumnShape> known = described.get(key);
            if (known != null) {
                return known;
            }
            if (connection == null) {
                return List.of();
            }
            try {
                List<ColumnShape> read = readColumns(connection, table);
                if (!read.isEmpty()) {
                    described.put(key, read);
                } else {
                    failed = true;
                }
                return read;
            } catch (SQLException e) {
                failed = true;
                return List.of();
            }
        }

        @Override
        public List<List<String>> uniqueKeys(TableRef table) {
            String key = key(table);
            List<List<String>> known = uniqueKeys.get(key);
            if (known != null) {
                return known;
            }
            if (connection == null) {
                return List.of();
            }
            try {
                List<List<String>> read = readUniqueKeys(connection, table);
                if (!read.isEmpty()) {
                    uniqueKeys.put(key, read);
                } else {
                    failed = true;
                }
                return read;
            } catch (SQLException e) {
                failed = true;
                return List.of();
            }
        }
    }

    private static String key(TableRef table) {
        return Identifier.canonical(table.schema() == null ? "" : table.schema()) + "." + Identifier.canonical(
                table.name());
    }

    private static List<ColumnShape> readColumns(Connection c, TableRef table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : spellings(table.name())) {
            for (String schema : schemaSpellings(c, table)) {
                TreeMap<Integer, ColumnShape> ordered = new TreeMap<>();
                try (ResultSet rs = md.getColumns(c.getCatalog(), schema, name, null)) {
                    String firstSchema = null;
                    while (rs.next()) {
                        String s = rs.getString("TABLE_SCHEM");
                        if (firstSchema == null) {
                            firstSchema = s == null ? "" : s;
                        } else if (!firstSchema.equals(s == null ? "" : s)) {
                            continue;
                        }
                        ordered.put(rs.getInt("ORDINAL_POSITION"), new ColumnShape(rs.getString("COLUMN_NAME"),
                                rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"),
                                rs.getInt("DECIMAL_DIGITS"), rs.getString("COLUMN_DEF")));
                    }
                }
                if (!ordered.isEmpty()) {
                    return List.copyOf(ordered.values());
                }
            }
        }
        return List.of();
    }

    private static List<List<String>> readUniqueKeys(Connection c, TableRef table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : spellings(table.name())) {
            for (String schema : schemaSpellings(c, table)) {
                Map<String, TreeMap<Integer, String>> byIndex = new LinkedHashMap<>();
                try (ResultSet rs = md.getIndexInfo(c.getCatalog(), schema, name, true, true)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (index == null || column == null || rs.getBoolean("NON_UNIQUE")) {
                            continue;
                        }
                        byIndex.computeIfAbsent(index, i -> new TreeMap<>())
                                .put((int) rs.getShort("ORDINAL_POSITION"), column);
                    }
                }
                if (!byIndex.isEmpty()) {
                    List<List<String>> keys = new ArrayList<>();
                    for (TreeMap<Integer, String> columns : byIndex.values()) {
                        keys.add(List.copyOf(columns.values()));
                    }
                    return keys;
                }
            }
        }
        return List.of();
    }

    private static List<String> spellings(String raw) {
        String unquoted = raw;
        if (raw.length() > 1 && (raw.startsWith("\"") || raw.startsWith("`"))) {
            return List.of(raw.substring(1, raw.length() - 1));
        }
        List<String> out = new ArrayList<>();
        out.add(unquoted);
        if (!out.contains(unquoted.toLowerCase(Locale.ROOT))) {
            out.add(unquoted.toLowerCase(Locale.ROOT));
        }
        if (!out.contains(unquoted.toUpperCase(Locale.ROOT))) {
            out.add(unquoted.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static List<String> schemaSpellings(Connection c, TableRef table) throws SQLException {
        if (table.schema() != null) {
            return spellings(table.schema());
        }
        List<String> out = new ArrayList<>();
        out.add(c.getSchema());
        return out;
    }
}
