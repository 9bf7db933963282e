package dev.tandem.engine;

import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;
import dev.tandem.schema.WriteEffects;
import dev.tandem.rules.TableRef;
import dev.tandem.sql.Identifier;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
    private final Map<String, WriteEffects> writeEffects = new ConcurrentHashMap<>();

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

        @Override
        public WriteEffects writeEffects(TableRef table) {
            String key = key(table);
            WriteEffects known = writeEffects.get(key);
            if (known != null) {
                return known;
            }
            if (connection == null) {
                return null;
            }
            try {
                WriteEffects read = readWriteEffects(connection, table);
                if (read != null) {
                    writeEffects.put(key, read);
                } else {
                    failed = true;
                }
                return read;
            } catch (SQLException e) {
                failed = true;
                return null;
            }
        }
    }

    /**
     * The table's triggers and computed columns: generated columns (the driver's {@code IS_GENERATEDCOLUMN}) and
     * columns the database sets on update (MariaDB/MySQL {@code ON UPDATE}, H2 {@code ON UPDATE}); null when the
     * table is not found.
     */
    private static WriteEffects readWriteEffects(Connection c, TableRef table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean mysql = product.contains("mariadb") || product.contains("mysql");
        for (String name : spellings(table.name())) {
            for (String schema : schemaSpellings(c, table)) {
                String foundName = null;
                String foundSchema = null;
                Set<String> computed = new HashSet<>();
                try (ResultSet rs = md.getColumns(c.getCatalog(), schema, name, null)) {
                    while (rs.next()) {
                        String s = rs.getString("TABLE_SCHEM");
                        if (foundName == null) {
                            foundName = rs.getString("TABLE_NAME");
                            foundSchema = s;
                        } else if (!java.util.Objects.equals(foundSchema, s)) {
                            continue;
                        }
                        if ("YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN"))) {
                            computed.add(rs.getString("COLUMN_NAME"));
                        }
                    }
                }
                if (foundName == null) {
                    continue;
                }
                String schemaSql = foundSchema != null ? "?" : mysql ? "DATABASE()" : "CURRENT_SCHEMA";
                boolean triggers;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.triggers"
                        + " WHERE event_object_table = ? AND event_object_schema = " + schemaSql)) {
                    ps.setString(1, foundName);
                    if (foundSchema != null) {
                        ps.setString(2, foundSchema);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        triggers = rs.next() && rs.getLong(1) > 0;
                    }
                }
                String onUpdate = mysql ? "extra LIKE '%on update%'"
                        : product.contains("h2") ? "column_on_update IS NOT NULL" : null;
                if (onUpdate != null) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                            + " WHERE table_name = ? AND table_schema = " + schemaSql + " AND " + onUpdate)) {
                        ps.setString(1, foundName);
                        if (foundSchema != null) {
                            ps.setString(2, foundSchema);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                computed.add(rs.getString(1));
                            }
                        }
                    }
                }
                return new WriteEffects(triggers, computed);
            }
        }
        return null;
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
