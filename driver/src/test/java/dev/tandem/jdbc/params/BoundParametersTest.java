package dev.tandem.jdbc.params;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundParametersTest {

    private Connection conn;

    @BeforeEach
    void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:h2:mem:bp_" + UUID.randomUUID());
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t1 (id INT PRIMARY KEY, name VARCHAR(100), amount INT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
    }

    private static ParameterValue str(String s) {
        return ParameterValue.of(s, (t, i) -> t.setString(i, s));
    }

    private static ParameterValue num(int n) {
        return ParameterValue.of(n, (t, i) -> t.setInt(i, n));
    }

    @Test
    void setGetHighestIndexAndClear() {
        BoundParameters p = new BoundParameters();
        assertEquals(0, p.highestIndex());
        assertNull(p.get(1));
        assertNull(p.get(0));
        assertNull(p.get(-3));

        ParameterValue a = str("a");
        ParameterValue b = str("b");
        p.set(2, a);
        assertEquals(2, p.highestIndex());
        assertNull(p.get(1));
        assertSame(a, p.get(2));

        p.set(40, b); // grows as needed
        assertEquals(40, p.highestIndex());
        assertSame(b, p.get(40));
        assertNull(p.get(41));

        p.set(40, null); // unsets
        assertEquals(2, p.highestIndex());
        p.set(1000, null); // unsetting beyond the end is a no-op
        assertEquals(2, p.highestIndex());

        p.set(2, b); // replaces
        assertSame(b, p.get(2));

        p.clear();
        assertEquals(0, p.highestIndex());
        assertNull(p.get(2));

        assertThrows(IllegalArgumentException.class, () -> p.set(0, a));
    }

    @Test
    void copyIsIndependent() throws SQLException {
        BoundParameters original = new BoundParameters();
        original.set(1, num(1));
        original.set(2, str("first"));
        original.set(3, num(10));

        BoundParameters snapshot = original.copy();
        assertEquals(3, snapshot.highestIndex());
        assertSame(original.get(2), snapshot.get(2)); // ParameterValues are immutable and shared

        original.set(2, str("changed"));
        original.set(5, num(5));
        snapshot.set(3, num(30));
        assertEquals("first", snapshot.get(2).value());
        assertEquals(3, snapshot.highestIndex());
        assertEquals(10, original.get(3).value());
        assertEquals(5, original.highestIndex());

        original.clear();
        assertEquals(3, snapshot.highestIndex());

        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t1 (id, name, amount) VALUES (?, ?, ?)")) {
            snapshot.bindTo(ps);
            assertEquals(1, ps.executeUpdate());
        }
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, amount FROM t1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("first", rs.getString(2));
            assertEquals(30, rs.getInt(3));
            assertFalse(rs.next());
        }
    }

    @Test
    void bindToWithAMappingReordersAndRepeats() throws SQLException {
        BoundParameters p = new BoundParameters();
        p.set(1, num(7));
        p.set(2, str("two"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT ?, ?, ?")) {
            p.bindTo(ps, new int[] {2, 1, 2});
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("two", rs.getString(1));
                assertEquals(7, rs.getInt(2));
                assertEquals("two", rs.getString(3));
            }
        }
        // A mapping that uses only some of the application's parameters.
        try (PreparedStatement ps = conn.prepareStatement("SELECT CAST(? AS INT) * 2")) {
            p.bindTo(ps, new int[] {1});
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(14, rs.getInt(1));
            }
        }
    }

    @Test
    void bindToWithoutAMappingBindsEachAtItsOwnIndex() throws SQLException {
        BoundParameters p = new BoundParameters();
        p.set(3, num(300));
        p.set(1, num(100));
        p.set(2, str("two hundred"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT ?, ?, ?")) {
            p.bindTo(ps);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(100, rs.getInt(1));
                assertEquals("two hundred", rs.getString(2));
                assertEquals(300, rs.getInt(3));
            }
        }
    }

    @Test
    void missingParameterIsNamedByIndexNotByValue() throws SQLException {
        BoundParameters p = new BoundParameters();
        p.set(1, num(424242));
        p.set(3, str("s3cr3t-value"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT ?, ?, ?")) {
            SQLException e = assertThrows(SQLException.class, () -> p.bindTo(ps, new int[] {1, 2, 3}));
            assertTrue(e.getMessage().contains("Parameter 2 "), e.getMessage());
            assertFalse(e.getMessage().contains("424242"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
            assertEquals("07001", e.getSQLState());

            // Beyond the highest index set.
            SQLException beyond = assertThrows(SQLException.class, () -> p.bindTo(ps, new int[] {3, 1, 9}));
            assertTrue(beyond.getMessage().contains("Parameter 9 "), beyond.getMessage());
            assertFalse(beyond.getMessage().contains("s3cr3t"), beyond.getMessage());
        }
    }

    @Test
    void aStreamCannotBeMappedToTwoPlaceholders() throws SQLException {
        BoundParameters p = new BoundParameters();
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {9, 8, 7});
        p.set(1, ParameterValue.ofStream(in, (t, i) -> t.setBinaryStream(i, in)));
        try (PreparedStatement ps = conn.prepareStatement("SELECT ?, ?")) {
            SQLException e = assertThrows(SQLException.class, () -> p.bindTo(ps, new int[] {1, 1}));
            assertTrue(e.getMessage().contains("Parameter 1 "), e.getMessage());
            assertTrue(e.getMessage().contains("stream"), e.getMessage());
        }
    }

    @Test
    void toStringRevealsNoValues() {
        BoundParameters p = new BoundParameters();
        p.set(1, str("topsecret"));
        p.set(3, num(987654));
        String s = p.toString();
        assertFalse(s.contains("topsecret"), s);
        assertFalse(s.contains("987654"), s);
        assertTrue(s.contains("1=ParameterValue[String]"), s);
    }
}
