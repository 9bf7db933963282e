package dev.tandem.cli;

import dev.tandem.engine.TandemConfig;
import dev.tandem.metrics.MeterCatalog;
import dev.tandem.rules.Phase;
import dev.tandem.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * src/docs/reference.md cannot drift from the code: each of its sections names exactly the rules keys the parser
 * accepts, the {@code tandem.*} properties {@link TandemConfig} reads, the phases, the CLI's commands and each one's
 * options (from their usage text), and the meters Tandem registers with their types and tags.
 */
class ReferenceDocsTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|(.*)$");

    private final String page = read("src/docs/reference.md");

    @Test
    void rulesKeys() throws Exception {
        Set<String> keys = new TreeSet<>(staticList("KEYS"));
        for (String side : List.of("from", "to")) {
            for (String k : staticList("TABLE_KEYS")) {
                keys.add(side + "." + k);
            }
        }
        assertEquals(keys, firstColumn(section("## Rules keys")), "rules keys");
    }

    @Test
    void connectionProperties() throws Exception {
        Set<String> properties = new TreeSet<>();
        for (Field f : TandemConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && ((String) f.get(null)).startsWith("tandem.")) {
                properties.add((String) f.get(null));
            }
        }
        assertFalse(properties.isEmpty());
        assertEquals(properties, firstColumn(section("## Connection properties")), "connection properties");
        Set<String> configurationPage = new TreeSet<>();
        Matcher m = ROW.matcher(read("src/docs/configuration.md"));
        while (m.find()) {
            if (m.group(1).startsWith("tandem.")) {
                configurationPage.add(m.group(1));
            }
        }
        assertEquals(properties, configurationPage, "configuration.md's settings table");
    }

    @Test
    void phases() {
        Set<String> phases = new TreeSet<>();
        for (Phase p : Phase.values()) {
            phases.add(p.id());
        }
        assertEquals(phases, firstColumn(section("## Phases")), "phases");
    }

    @Test
    void cliCommandsAndTheirOptions() {
        Map<String, Set<String>> fromCode = new LinkedHashMap<>();
        for (String command : commands()) {
            fromCode.put(command, options(help(command)));
        }
        Map<String, Set<String>> fromPage = new LinkedHashMap<>();
        String cli = section("## CLI commands");
        Matcher heading = Pattern.compile("(?m)^### `tandem ([a-z]+)`").matcher(cli);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (heading.find()) {
            names.add(heading.group(1));
            spans.add(new int[]{heading.end(), 0});
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? cli.indexOf("### `tandem " + names.get(i + 1)) : cli.length();
            fromPage.put(names.get(i), firstColumn(cli.substring(spans.get(i)[0], end)));
        }
        assertEquals(fromCode.keySet(), fromPage.keySet(), "commands");
        fromCode.forEach((command, options) ->
                assertEquals(options, fromPage.get(command), "options of tandem " + command));
    }

    @Test
    void meters() {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(section("## Meters"));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertEquals(new TreeSet<>(MeterCatalog.METERS.keySet()), new TreeSet<>(documented.keySet()), "meters");
        MeterCatalog.METERS.forEach((name, entry) -> {
            String[] cells = documented.get(name).split("\\|");
            assertEquals(entry.type(), cells[0].trim(), "type of " + name);
            Set<String> tags = new TreeSet<>();
            Matcher t = Pattern.compile("`([a-z]+)`").matcher(cells[1]);
            while (t.find()) {
                tags.add(t.group(1));
            }
            assertEquals(new TreeSet<>(entry.tags()), tags, "tags of " + name);
        });
        String obs = read("src/docs/observability.md");
        int meters = obs.indexOf("\n## Meters\n");
        int logs = obs.indexOf("\n## ", meters + 1);
        assertFalse(meters < 0 || logs < 0, "observability.md has a section ## Meters followed by another");
        Set<String> observability = firstColumn(obs.substring(meters, logs));
        assertEquals(new TreeSet<>(MeterCatalog.METERS.keySet()), observability, "observability.md's meter table");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Set<String> commands() {
        Set<String> commands = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z]+)\\s{2,}\\S").matcher(help(null));
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertFalse(commands.isEmpty(), "the CLI's help lists its commands");
        return commands;
    }

    /** The options a usage text describes: each option line starts with one ({@code --pause / --resume}: two). */
    static Set<String> options(String usage) {
        Set<String> options = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^\\s+(--[a-z-]+(?:\\s*/\\s*--[a-z-]+)*)").matcher(usage);
        while (line.find()) {
            Matcher o = Pattern.compile("--[a-z-]+").matcher(line.group(1));
            while (o.find()) {
                options.add(o.group());
            }
        }
        return options;
    }

    private static String help(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = command == null ? new String[]{"help"} : new String[]{"help", command};
        new TandemCli(Environment.system()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String section(String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        assertFalse(start < 0, "reference.md has a section " + heading);
        int end = page.indexOf("\n## ", start + heading.length() + 2);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static Set<String> firstColumn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> staticList(String name) throws Exception {
        Field f = Class.forName("dev.tandem.rules.MigrationParser").getDeclaredField(name);
        f.setAccessible(true);
        return (List<String>) f.get(null);
    }

    private static String read(String path) {
        try {
            return Files.readString(TestFiles.repository().resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
