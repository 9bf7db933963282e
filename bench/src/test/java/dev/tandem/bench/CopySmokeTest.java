package dev.tandem.bench;

import dev.tandem.bench.copy.CopyBenchmark;
import dev.tandem.bench.workload.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The copy-rate stage on a small table, on every configured database: it runs, checks its own copy, and reports. */
class CopySmokeTest {

    @Test
    void copyRatesOnEveryConfiguredDatabase(@TempDir Path out) throws Exception {
        List<Target> targets = new ArrayList<>();
        for (Target.Kind kind : Target.Kind.values()) {
            Target t = Target.configured(kind);
            if (t != null) {
                targets.add(t);
            }
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<CopyBenchmark.Result> results = CopyBenchmark.run(targets, 1000, out, "copy", "smoke test",
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertEquals(targets.size(), results.size());
        for (CopyBenchmark.Result r : results) {
            assertTrue(r.insertSelectRowsPerSecond() > 0 && r.joinCountRowsPerSecond() > 0, r.toString());
        }
        String md = Files.readString(out.resolve("copy.md"));
        for (Target t : targets) {
            assertTrue(md.contains("| " + t.kind().displayName() + " |"), md);
        }
    }
}
