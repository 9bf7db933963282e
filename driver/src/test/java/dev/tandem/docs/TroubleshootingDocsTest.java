package dev.tandem.docs;

import dev.tandem.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error message src/docs/troubleshooting.md quotes still exists in the code: each quoted message
 * ({@code > `...`}) is cut at its {@code …} (the parts that vary), and each remaining piece must appear in the
 * production sources' string literals (adjacent literals joined, as {@code "a" + "b"} is one message).
 */
class TroubleshootingDocsTest {
    private static final Pattern QUOTED = Pattern.compile("(?m)^> `(.+)`$");
    /** Two string literals joined by {@code +} (also across lines): one literal. */
    private static final Pattern JOIN = Pattern.compile("\"\\s*\\+\\s*\"");

    @Test
    void everyQuotedMessageExistsInTheCode() throws IOException {
        Path root = TestFiles.repository();
        String page = Files.readString(root.resolve("src/docs/troubleshooting.md"));
        String code = sources(root.resolve("driver/src/main/java")) + sources(root.resolve("rewrite-rules/src/main/java"));
        Matcher m = QUOTED.matcher(page);
        int quoted = 0;
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            quoted++;
            for (String piece : m.group(1).split("…")) {
                String p = piece.strip();
                if (p.length() >= 6 && !code.contains(p)) {
                    missing.add("'" + p + "' (from: " + m.group(1) + ")");
                }
            }
        }
        assertTrue(quoted >= 40, "the page quotes the messages: " + quoted);
        assertEquals(List.of(), missing, "quoted in troubleshooting.md but not found in the code");
    }

    private static String sources(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sb.append(JOIN.matcher(Files.readString(f)).replaceAll("")).append('\n');
            }
        }
        return sb.toString().replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
