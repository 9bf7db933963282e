package dev.tandem.schemachange;

import dev.tandem.ddl.ColumnSpec;
import dev.tandem.ddl.DdlGenerator;
import dev.tandem.ddl.KeyDefault;
import dev.tandem.ddl.SchemaChangePlan;
import dev.tandem.ddl.TypeNames;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expand and contract DDL of a migration for the connected database: finds the types of the new columns and how
 * {@code from}'s key is generated, then has {@link DdlGenerator} write the statements. The Java API of {@code tandem
 * plan}, and what {@code contract --execute} runs.
 *
 * <pre>{@code
 * SchemaChangePlan plan = SchemaChangePlanner.plan(connection, migration, Dialect.POSTGRESQL);
 * plan.expand();   // CREATE TABLE people (...) / ALTER TABLE users ADD COLUMN ...
 * plan.contract(); // DROP TABLE person / ALTER TABLE users DROP COLUMN ...
 * }</pre>
 *
 * <p><b>Types.</b> Read from the {@code ResultSetMetaData} of {@code SELECT <key columns>, (<up expressions>) FROM from
 * WHERE 1=0}: a copied column gets its own type, a computed one the type the database gives the expression (length,
 * precision and scale included). The new table's key columns take the types of {@code from}'s key columns they copy.
 * Reads only the catalog; runs no DDL.
 */
public final class SchemaChangePlanner {
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)",
            Pattern.CASE_INSENSITIVE);
    private static final String NEXT_VALUE_FOR = "NEXT VALUE FOR ";

    private SchemaChangePlanner() {
    }

    /** {@link #plan(Connection, Migration, Dialect, Duration)} with the default lock timeout (5 s). */
    public static SchemaChangePlan plan(Connection connection, Migration migration, Dialect dialect)
            throws PlanException {
        return plan(connection, migration, dialect, DdlGenerator.DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * The plan for the connected database.
     *
     * @throws PlanException when {@code from} cannot be read or a type cannot be written (the message names the
     *                       table or column)
     */
    public static SchemaChangePlan plan(Connection connection, Migration migration, Dialect dialect,
                                        Duration lockTimeout) throws PlanException {
        Map<String, String> derived = migration.derivedUp();
        List<String> keySources = new ArrayList<>();
        if (!migration.columnLevel()) {
            for (String toKey : migration.to().key()) {
                keySources.add(migration.from().key().get(migration.toKeyByFromKey().indexOf(toKey)));
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> items = new ArrayList<>(keySources);
        for (String e : derived.values()) {
            items.add("(" + e + ")");
        }
        sql.append(String.join(", ", items)).append(" FROM ").append(migration.from().sql()).append(" WHERE 1=0");

        List<ColumnSpec> keys = new ArrayList<>();
        List<ColumnSpec> columns = new ArrayList<>();
        boolean autoIncrement = false;
        List<String> names = new ArrayList<>(migration.columnLevel() ? List.of() : migration.to().key());
        names.addAll(derived.keySet());
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = names.get(i - 1);
                String type;
                try {
                    type = TypeNames.ddlType(dialect, md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i),
                            md.getScale(i));
                } catch (IllegalArgumentException e) {
                    throw new PlanException("the type of " + migration.to().sql() + "." + name + ": " + e.getMessage()
                            + " (create it yourself)");
                }
                if (i <= keySources.size()) {
                    keys.add(new ColumnSpec(name, type));
                    autoIncrement |= md.isAutoIncrement(i);
                } else {
                    columns.add(new ColumnSpec(name, type));
                }
            }
        } catch (SQLException e) {
            throw new PlanException("cannot read the types of up's columns from " + migration.from().sql() + ": "
                    + firstLine(e), e);
        }
        KeyDefault key = KeyDefault.NONE;
        if (keySources.size() == 1) {
            try {
                key = keyDefault(connection, dialect, migration, keySources.get(0), autoIncrement);
            } catch (SQLException e) {
                throw new PlanException("cannot read how " + migration.from().sql() + "." + keySources.get(0)
                        + " is generated: " + firstLine(e), e);
            }
        }
        return DdlGenerator.plan(migration, dialect, keys, columns, key, lockTimeout);
    }

    /** How {@code from}'s one key column is generated. */
    static KeyDefault keyDefault(Connection c, Dialect dialect, Migration m, String column, boolean autoIncrement)
            throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                return postgres(c, m.from().sql(), column);
            }
            case H2 -> {
                return h2(c, m, column, autoIncrement);
            }
            case MARIADB, MYSQL -> {
                return autoIncrement ? new KeyDefault(KeyDefault.Kind.AUTO_INCREMENT, null) : KeyDefault.NONE;
            }
            default -> {
                return KeyDefault.NONE;
            }
        }
    }

    private static KeyDefault postgres(Connection c, String table, String column) throws SQLException {
        String name = pgName(column);
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attidentity, pg_get_expr(d.adbin, d.adrelid),"
                + " pg_get_serial_sequence(?, ?) FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
                + " AND d.adnum = a.attnum WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ?")) {
            ps.setString(1, table);
            ps.setString(2, name);
            ps.setString(3, table);
            ps.setString(4, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return KeyDefault.NONE;
                }
                String identity = rs.getString(1);
                String def = rs.getString(2);
                String owned = rs.getString(3);
                if (identity != null && !identity.isEmpty() && owned != null) {
                    return new KeyDefault(KeyDefault.Kind.IDENTITY_SEQUENCE, owned);
                }
                Matcher nextval = def == null ? null : NEXTVAL.matcher(def.trim());
                if (nextval != null && nextval.matches()) {
                    return owned != null ? new KeyDefault(KeyDefault.Kind.OWNED_SEQUENCE, owned)
                            : new KeyDefault(KeyDefault.Kind.SEQUENCE, nextval.group(1).replace("''", "'"));
                }
                return KeyDefault.NONE;
            }
        }
    }

    private static KeyDefault h2(Connection c, Migration m, String column, boolean autoIncrement)
            throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = m.from().schema() == null ? null : h2Name(m.from().schema());
        try (ResultSet rs = md.getColumns(null, schema, h2Name(m.from().name()), h2Name(column))) {
            while (rs.next()) {
                if (schema == null && c.getSchema() != null && !c.getSchema().equals(rs.getString("TABLE_SCHEM"))) {
                    continue;
                }
                String def = rs.getString("COLUMN_DEF");
                if (def != null && def.trim().toUpperCase(Locale.ROOT).startsWith(NEXT_VALUE_FOR)) {
                    return new KeyDefault(KeyDefault.Kind.SEQUENCE, def.trim().substring(NEXT_VALUE_FOR.length()));
                }
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT")) || autoIncrement) {
                    return new KeyDefault(KeyDefault.Kind.IDENTITY, null);
                }
            }
        }
        return KeyDefault.NONE;
    }

    /** A column name as PostgreSQL stores it: unquoted names folded to lower case. */
    private static String pgName(String raw) {
        String s = raw.trim();
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s.toLowerCase(Locale.ROOT);
    }

    /** A name as H2 stores it: unquoted names folded to upper case. */
    private static String h2Name(String raw) {
        String s = raw.trim();
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
                : Identifier.canonical(s).toUpperCase(Locale.ROOT);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
