package dev.tandem.jdbc.params;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterValueTest {

    private Connection conn;

    @BeforeEach
    void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:h2:mem:pv_" + UUID.randomUUID());
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
    }

    @Test
    void toStringNamesTheTypeButNeverTheValue() {
        String secret = "hunter2-correct-horse";
        ParameterValue s = ParameterValue.of(secret, (t, i) -> t.setString(i, secret));
        assertEquals("ParameterValue[String]", s.toString());
        assertFalse(s.toString().contains(secret));

        assertEquals("ParameterValue[null]", ParameterValue.of(null, (t, i) -> t.setNull(i, Types.VARCHAR)).toString());

        BigDecimal money = new BigDecimal("98765.4321");
        assertEquals("ParameterValue[BigDecimal]", ParameterValue.of(money, (t, i) -> t.setBigDecimal(i, money)).toString());

        int pin = 424242;
        ParameterValue p = ParameterValue.of(pin, (t, i) -> t.setInt(i, pin));
        assertFalse(p.toString().contains("424242"), p.toString());

        byte[] bytes = {1, 2, 3};
        ParameterValue b = ParameterValue.of(bytes, (t, i) -> t.setBytes(i, bytes));
        assertEquals("ParameterValue[byte[]]", b.toString());
        assertFalse(b.toString().contains(Arrays.toString(bytes)));
        assertFalse(b.toString().contains(String.valueOf((Object) bytes)));

        Timestamp ts = Timestamp.valueOf("2031-12-25 13:14:15.123456789");
        ParameterValue t = ParameterValue.of(ts, (st, i) -> st.setTimestamp(i, ts));
        assertFalse(t.toString().contains("2031"), t.toString());

        StringReader reader = new StringReader("secret text in a reader");
        ParameterValue r = ParameterValue.ofStream(reader, (st, i) -> st.setCharacterStream(i, reader));
        assertEquals("ParameterValue[StringReader, stream]", r.toString());

        // A value whose own toString() reveals everything: still only its type.
        Object chatty = new Object() {
            @Override
            public String toString() {
                return "card=4111111111111111";
            }
        };
        ParameterValue c = ParameterValue.of(chatty, (st, i) -> st.setObject(i, chatty));
        assertFalse(c.toString().contains("4111"), c.toString());
        assertTrue(c.toString().startsWith("ParameterValue["), c.toString());
    }

    @Test
    void nullAndStreamFlags() {
        ParameterValue nul = ParameterValue.of(null, (t, i) -> t.setNull(i, Types.INTEGER));
        assertTrue(nul.isNull());
        assertFalse(nul.isStream());
        assertNull(nul.value());

        ParameterValue str = ParameterValue.of("x", (t, i) -> t.setString(i, "x"));
        assertFalse(str.isNull());
        assertFalse(str.isStream());
        assertEquals("x", str.value());

        InputStream in = new ByteArrayInputStream(new byte[] {1});
        ParameterValue stream = ParameterValue.ofStream(in, (t, i) -> t.setBinaryStream(i, in));
        assertTrue(stream.isStream());
        assertFalse(stream.isNull());
        assertSame(in, stream.value());

        // A null stream binds SQL NULL and can be bound any number of times.
        ParameterValue nullStream = ParameterValue.ofStream(null, (t, i) -> t.setBinaryStream(i, null));
        assertTrue(nullStream.isNull());
        assertFalse(nullStream.isStream());
    }

    @Test
    void binderIsRequired() {
        assertThrows(NullPointerException.class, () -> ParameterValue.of("x", null));
        assertThrows(NullPointerException.class, () -> ParameterValue.ofStream(null, null));
    }

    @Test
    void bindReplaysTheSetterAtTheGivenIndex() throws SQLException {
        ParameterValue v = ParameterValue.of(new BigDecimal("1.50"), (t, i) -> t.setBigDecimal(i, new BigDecimal("1.50")));
        ParameterValue s = ParameterValue.of("zwei", (t, i) -> t.setString(i, "zwei"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT CAST(? AS VARCHAR(10)), CAST(? AS DECIMAL(5,2))")) {
            s.bind(ps, 1);
            v.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("zwei", rs.getString(1));
                assertEquals(new BigDecimal("1.50"), rs.getBigDecimal(2));
            }
            // Immutable: binding again gives the same result.
            s.bind(ps, 1);
            v.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("zwei", rs.getString(1));
            }
        }
    }
}
