package dev.tandem.bench;

import dev.tandem.bench.workload.Configuration;
import dev.tandem.bench.workload.Report;
import dev.tandem.bench.workload.RunResult;
import dev.tandem.bench.workload.Summary;
import dev.tandem.bench.workload.Target;
import dev.tandem.bench.workload.WorkloadHarness;
import dev.tandem.bench.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The workload harness in smoke mode (seconds), so that it cannot rot: every configuration runs on H2 and on each
 * of PostgreSQL and MariaDB the environment names (TANDEM_TEST_*_URL; with TANDEM_TEST_REQUIRE_DATABASES=true a
 * missing one fails). No figure is asserted: only that every run completed without errors, that each dual-writing
 * configuration left the new structure exact while the raw driver did not, and that the table and chart are sane.
 */
class WorkloadSmokeTest {

    @Test
    void everyConfigurationRunsOnEveryDatabaseAndReports(@TempDir Path out) throws Exception {
        List<String> databases = new ArrayList<>();
        for (Target.Kind kind : Target.Kind.values()) {
            if (Target.configured(kind) != null) {
                databases.add(kind.id());
            } else if (requireDatabases()) {
                fail(kind.displayName() + " is required (TANDEM_TEST_REQUIRE_DATABASES=true) but "
                        + kind.urlVariable() + " is not set");
            } else {
                System.err.println("bench smoke: " + kind.displayName() + " skipped: " + kind.urlVariable()
                        + " is not set");
            }
        }
        WorkloadOptions options = WorkloadOptions.parse("--smoke", "--db", String.join(",", databases),
                "--out", out.toString(), "--note", "smoke test");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report report = WorkloadHarness.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertEquals(databases.size(), report.summaries().size(), "one table per database");
        for (var entry : report.summaries().entrySet()) {
            List<Summary> summaries = entry.getValue();
            assertEquals(Configuration.values().length, summaries.size(), entry.getKey() + ": every configuration");
            for (Summary s : summaries) {
                String where = entry.getKey() + " " + s.configuration().label();
                assertEquals(0, s.errors(), where + ": " + s.firstError());
                assertEquals(options.operations(), s.operationsPerRun(), where);
                assertTrue(s.throughput() > 0 && s.p99Micros() >= s.p50Micros(), where + ": sane figures");
                if (s.dualWrites()) {
                    assertEquals(0, s.drift(), where + ": the new structure must be exact after a dual-write");
                }
            }
            Summary raw = summaries.stream().filter(s -> s.configuration() == Configuration.RAW).findFirst()
                    .orElseThrow();
            assertTrue(raw.drift() > 0, entry.getKey() + ": the raw driver leaves the new table behind, so the"
                    + " drift check can tell");
            assertEquals(1.0, raw.toRaw(), 1e-9);
        }
        for (RunResult r : report.runs()) {
            assertEquals(options.operations(), r.latencies().length, "one latency per operation");
        }

        String md = Files.readString(out.resolve("workload.md"));
        assertTrue(md.contains("smoke test"), md);
        for (Target.Kind kind : Target.Kind.values()) {
            assertEquals(databases.contains(kind.id()), md.contains("## " + kind.displayName() + "\n"), md);
        }
        for (Configuration c : Configuration.values()) {
            assertTrue(md.contains("| " + c.label() + " |"), "row for " + c.label());
        }
        assertFalse(md.contains("NaN"), md);
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("workload.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertTrue(svg.getElementsByTagName("rect").getLength() > Configuration.values().length);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("wrote "));
    }

    private static boolean requireDatabases() {
        String v = System.getProperty("TANDEM_TEST_REQUIRE_DATABASES", System.getenv("TANDEM_TEST_REQUIRE_DATABASES"));
        return "true".equalsIgnoreCase(v);
    }
}
