package dev.tandem.example;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boots the example as it ships and uses it over HTTP: the writes reach the new structure through Tandem, and
 * Tandem's {@code tandem.*} meters are listed by Actuator's metrics endpoint with the values they counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void writesAreMirroredAndTandemsMetersShowInActuator() {
        ResponseEntity<Person> added = http.postForEntity("/people", new Person(null, "Edsger", "Dijkstra"),
                Person.class);
        assertEquals(HttpStatus.CREATED, added.getStatusCode());
        long id = added.getBody().id();
        Person[] all = http.getForObject("/people", Person[].class);
        assertTrue(List.of(all).contains(new Person(id, "Edsger", "Dijkstra")), List.of(all).toString());
        assertEquals("Edsger Dijkstra", jdbc.queryForObject("SELECT full_name FROM people WHERE id = ?",
                String.class, id), "the insert was mirrored into the new structure");

        Map<String, Object> names = http.getForObject("/actuator/metrics", Map.class);
        List<String> meters = (List<String>) names.get("names");
        assertTrue(meters.contains("tandem.statements"), "Actuator lists Tandem's meters: " + meters);
        assertTrue(meters.contains("tandem.mirror.rows"), meters.toString());

        Map<String, Object> mirrored = http.getForObject(
                "/actuator/metrics/tandem.statements?tag=migration:person-to-people&tag=kind:write&tag=path:mirrored",
                Map.class);
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) mirrored.get("measurements");
        double count = ((Number) measurements.get(0).get("value")).doubleValue();
        assertTrue(count >= 3, "the seed rows and the POST were counted as mirrored writes: " + mirrored);
    }
}
