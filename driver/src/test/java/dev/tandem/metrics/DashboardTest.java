package dev.tandem.metrics;

import dev.tandem.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard cannot drift from the meters: every metric it queries is one Tandem registers (in
 * Prometheus naming), and the meters an operator gates phases on each have a panel.
 */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\btandem_[a-z_]+");
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everyMetricTheDashboardQueriesIsOneTandemRegisters() throws Exception {
        String json = Files.readString(TestFiles.repository().resolve("src/grafana/tandem-dashboard.json"));
        Map<String, String> known = new TreeMap<>();
        MeterCatalog.METERS.forEach((name, entry) -> known.put(entry.prometheusName(name), name));
        Set<String> queried = new TreeSet<>();
        Matcher e = EXPR.matcher(json);
        int expressions = 0;
        while (e.find()) {
            expressions++;
            Matcher m = METRIC.matcher(e.group(1));
            while (m.find()) {
                queried.add(m.group());
            }
        }
        Matcher anywhere = METRIC.matcher(json); // variables' label_values(...) too
        while (anywhere.find()) {
            queried.add(anywhere.group());
        }
        assertTrue(expressions >= 8, "the dashboard has its panels' queries: " + expressions);
        Set<String> unknown = new TreeSet<>(queried);
        unknown.removeAll(known.keySet());
        assertEquals(Set.of(), unknown, "metrics the dashboard queries that Tandem does not register (known: "
                + known.keySet() + ")");
        for (String gate : new String[]{"tandem.mirror.failures", "tandem.shadow.reads", "tandem.legacy.statements",
                "tandem.backfill.rows", "tandem.backfill.rate", "tandem.statements", "tandem.unsupported",
                "tandem.plan.cache.requests"}) {
            String prometheus = MeterCatalog.METERS.get(gate).prometheusName(gate);
            assertTrue(queried.contains(prometheus), "a panel for " + gate + " (" + prometheus + ")");
        }
        for (String variable : new String[]{"\"name\": \"migration\"", "\"name\": \"instance\""}) {
            assertTrue(json.contains(variable), "the dashboard has the variable " + variable);
        }
        assertTrue(json.contains("\"type\": \"prometheus\""), "a Prometheus data source");
    }
}
