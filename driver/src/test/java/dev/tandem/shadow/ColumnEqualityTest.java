package dev.tandem.shadow;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pair of values at a time, under the shadow compare's rules (as verify uses them). */
class ColumnEqualityTest {
    private static final CapturedColumn NUMERIC = new CapturedColumn("a", Types.NUMERIC, "numeric", 2);
    private static final CapturedColumn VARCHAR = new CapturedColumn("s", Types.VARCHAR, "varchar", 0);
    private static final CapturedColumn CHAR = new CapturedColumn("s", Types.CHAR, "bpchar", 0);
    private static final CapturedColumn TS6 = new CapturedColumn("t", Types.TIMESTAMP, "timestamp", 6);
    private static final CapturedColumn TS3 = new CapturedColumn("t", Types.TIMESTAMP, "timestamp", 3);

    @Test
    void numbersByValueWhateverTypeAndScale() {
        ColumnEquality e = ColumnEquality.of(NUMERIC, NUMERIC);
        assertTrue(e.equal(new BigDecimal("9.25"), new BigDecimal("9.2500")));
        assertTrue(e.equal(5, 5L));
        assertTrue(e.equal(true, 1));
        assertFalse(e.equal(new BigDecimal("9.25"), new BigDecimal("9.2501")));
        assertFalse(e.equal(5, "5"));
    }

    @Test
    void nullOnlyEqualsNull() {
        ColumnEquality e = ColumnEquality.of(VARCHAR, VARCHAR);
        assertTrue(e.equal(null, null));
        assertFalse(e.equal(null, ""));
        assertFalse(e.equal(0, null));
    }

    @Test
    void stringsExactlyButForCharPadding() {
        assertFalse(ColumnEquality.of(VARCHAR, VARCHAR).equal("abc", "ABC"));
        assertFalse(ColumnEquality.of(VARCHAR, VARCHAR).equal("abc", "abc "));
        assertTrue(ColumnEquality.of(CHAR, VARCHAR).equal("abc   ", "abc"));
        assertFalse(ColumnEquality.of(CHAR, VARCHAR).equal(" abc", "abc"));
    }

    @Test
    void timestampsAtTheLowerPrecisionTruncatedOrRounded() {
        ColumnEquality e = ColumnEquality.of(TS6, TS3);
        Timestamp micro = Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_789_000));
        assertTrue(e.equal(micro, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000))));
        assertTrue(e.equal(micro, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 124_000_000))));
        assertFalse(e.equal(micro, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 125_000_000))));
        assertFalse(ColumnEquality.of(TS6, TS6).equal(micro,
                Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 124_000_000))));
        OffsetDateTime utc = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        assertTrue(e.equal(utc, utc.withOffsetSameInstant(ZoneOffset.ofHours(2))));
    }

    @Test
    void canonicalKeysMatchAcrossTypes() {
        ColumnEquality e = ColumnEquality.of(NUMERIC, NUMERIC);
        assertEquals(e.canonicalKey(42), e.canonicalKey(42L));
        assertEquals(e.canonicalKey(42), e.canonicalKey(new BigDecimal("42.00")));
        assertNotEquals(e.canonicalKey(42), e.canonicalKey("42"));
        assertEquals(ColumnEquality.of(CHAR, VARCHAR).canonicalKey("ab  "), "ab");
    }
}
