package dev.tandem.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void escapesStrings() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u2028/é\"", Json.quote("a\"b\\c\nd\re\tf\u0001\u2028/é"));
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "x \"y\"\n");
        doc.put("n", 42L);
        doc.put("d", 1.5);
        doc.put("t", true);
        doc.put("z", null);
        doc.put("list", new ArrayList<>(Arrays.asList(1L, "two", null, new LinkedHashMap<>())));
        doc.put("empty", List.of());
        String compact = Json.write(doc);
        assertEquals("{\"s\":\"x \\\"y\\\"\\n\",\"n\":42,\"d\":1.5,\"t\":true,\"z\":null,"
                + "\"list\":[1,\"two\",null,{}],\"empty\":[]}", compact);
        assertEquals(doc, Json.parse(compact));
        assertEquals(doc, Json.parse(Json.pretty(doc)));
        assertEquals("null", Json.write(Double.NaN));
    }

    @Test
    void parsesEscapesAndRejectsBadText() {
        assertEquals("A\u00e9\n", Json.parse("\"\\u0041\\u00e9\\n\""));
        assertEquals(-12L, Json.parse(" -12 "));
        assertEquals(Map.of("a", List.of()), Json.parse("{ \"a\" : [ ] }"));
        for (String bad : List.of("", "{", "{\"a\"}", "[1,]", "tru", "\"x", "{\"a\":1} x", "\"\\q\"")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
