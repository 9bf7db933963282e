package dev.tandem.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Table names that never collide between tests, runs or developers sharing a database, and their clean-up. */
public final class TestTables {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** PostgreSQL truncates identifiers at 63 bytes, MariaDB refuses more than 64. */
    private static final int MAX_NAME = 63;

    private TestTables() {
    }

    /**
     * {@code prefix + "_" +} 8 random lowercase letters and digits: an unquoted identifier valid on H2, PostgreSQL and
     * MariaDB. Use a lowercase prefix when the name is also looked up in metadata (H2 folds unquoted names to upper
     * case, PostgreSQL to lower case).
     */
    public static String unique(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.length() + 9 > MAX_NAME) {
            throw new IllegalArgumentException("table prefix must be a letter then letters, digits or '_', at most "
                    + (MAX_NAME - 9) + " characters: " + prefix);
        }
        return prefix + "_" + randomAlphanumerics(8);
    }

    /** {@code DROP TABLE IF EXISTS ... CASCADE} for each table, ignoring every error (best-effort clean-up). */
    public static void drop(Connection c, String... tables) {
        for (String table : tables) {
            if (table == null) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            } catch (SQLException | RuntimeException ignored) {
                // best effort: the table may be gone already, or the connection broken by the test under way
            }
        }
    }

    static String randomAlphanumerics(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * The rows of a query whose first column is a numeric key, by key, each as the text of its other columns joined
     * with {@code |}: a form two tables' contents (or a table and a model) can be compared in with {@code equals}.
     */
    public static TreeMap<Long, String> rowsByKey(Connection c, String sql) throws SQLException {
        TreeMap<Long, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 2; i <= n; i++) {
                    row.append(i == 2 ? "" : "|").append(rs.getString(i));
                }
                rows.put(rs.getLong(1), row.toString());
            }
        }
        return rows;
    }
}
