package dev.tandem.demo;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, as a user runs it: {@code java -jar tandem-cli.jar demo} on a fresh JVM, default
 * settings (100,000 rows). It must walk the whole parallel change, find every verify clean, meet no workload error,
 * contract, and exit 0. Its duration is printed, not asserted (speed is measured in bench/).
 */
class DemoIT {
    private static final Path CLI_JAR = Path.of("target", "tandem-cli.jar");

    @Test
    void theDemoWalksTheWholeParallelChangeAndExitsZero() throws Exception {
        assertTrue(Files.isRegularFile(CLI_JAR), "run after package: " + CLI_JAR.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", CLI_JAR.toString(), "demo").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the demo did not end:\n" + out);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        for (String step : List.of("person holds 100000 rows", "tandem init", "expand (tandem plan): CREATE TABLE people",
                "tandem phase write-both", "backfill: ", "-> clean", "tandem phase read-both 100%",
                "shadow reads compared", " 0 mismatch", "tandem phase read-new 100%", "tandem phase write-new",
                "new code is deployed", "contract: phase: contracted", "contract: running: DROP TABLE person",
                "with 0 error(s)", "person is gone", "done in ")) {
            assertTrue(out.contains(step), "missing '" + step + "' in:\n" + out);
        }
        assertTrue(out.lines().filter(l -> l.contains("] verify:")).allMatch(l -> l.endsWith("-> clean")),
                "every verify clean:\n" + out);
        assertTrue(out.contains("holds  old-structure usage") && out.contains("holds  verify"), out);
    }
}
