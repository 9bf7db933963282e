package dev.tandem.backfill;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint's key text round-trips composite keys of the common types. */
class KeyCodecTest {

    @Test
    void roundTripsEveryCommonType() {
        UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        Object[] key = {17L, "O'Brien \"quoted\" \\ ünïcødé", uuid, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 13, 45, 0, 123_000_000), LocalTime.of(13, 45, 1),
                OffsetDateTime.of(2024, 2, 29, 13, 45, 0, 0, ZoneOffset.ofHours(2)), new BigDecimal("12.50"),
                true, new byte[]{1, 2, (byte) 255}, 1.5d};
        String text = KeyCodec.encode(key);
        Object[] back = KeyCodec.decode(text);
        assertEquals(key.length, back.length);
        for (int i = 0; i < key.length; i++) {
            if (key[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back[i]);
            } else {
                assertEquals(key[i], back[i], "element " + i + " of " + text);
            }
        }
        assertEquals(text, KeyCodec.encode(back), "stable");
    }

    @Test
    void readableText() {
        assertEquals("[17,\"2024-q1\",{\"uuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}]", KeyCodec.encode(
                new Object[]{17, "2024-q1", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")}));
        assertEquals("[{\"date\":\"2024-02-29\"}]", KeyCodec.encode(new Object[]{LocalDate.of(2024, 2, 29)}));
    }

    @Test
    void smallWholeNumbersComeBackAsLongsAndHugeOnesAsDecimals() {
        assertArrayEquals(new Object[]{5L, 7L}, KeyCodec.decode(KeyCodec.encode(new Object[]{(short) 5, 7})));
        BigInteger huge = new BigInteger("18446744073709551615");
        assertEquals(new BigDecimal(huge), KeyCodec.decode(KeyCodec.encode(new Object[]{huge}))[0]);
    }

    @Test
    void refusesWhatItCannotRoundTrip() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyCodec.encode(new Object[]{new Object()}));
        assertTrue(e.getMessage().contains("cannot keep a checkpoint of a key of type java.lang.Object"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode("{\"a\":1}"));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode("[{\"weird\":\"x\"}]"));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode("not json"));
        assertEquals(null, KeyCodec.decode(null));
    }
}
