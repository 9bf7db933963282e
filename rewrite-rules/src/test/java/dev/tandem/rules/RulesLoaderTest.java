package dev.tandem.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static dev.tandem.rules.RulesParseTest.PERSON_TO_PEOPLE;
import static dev.tandem.rules.RulesParseTest.USERS_RENAME;
import static dev.tandem.rules.RulesParseTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RulesLoader#load}: files, directories and the class path (directories and jars). */
class RulesLoaderTest {
    @TempDir
    Path tmp;

    static final String FIXTURES = "rules-fixtures/classpath-dir/";

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static List<String> ids(RuleSet rules) {
        List<String> ids = new ArrayList<>();
        for (Migration m : rules.migrations()) {
            ids.add(m.id());
        }
        return ids;
    }

    private static ClassLoader loader() {
        return RulesLoaderTest.class.getClassLoader();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the file system

    @Test
    void directoryLoadsEveryYamlAndYmlFileInNameOrder() throws Exception {
        Path dir = tmp.resolve("rules");
        Path b = write(dir.resolve("b-person.yaml"), PERSON_TO_PEOPLE);
        Path a = write(dir.resolve("a-users.yml"), USERS_RENAME);
        write(dir.resolve("README.md"), "# not rules: [");
        write(dir.resolve("notes.txt"), "migration: [");
        write(dir.resolve(".hidden.yaml"), "migration: [");
        write(dir.resolve("sub").resolve("c.yaml"), "migration: ["); // not recursive
        Files.createDirectories(dir.resolve("dir.yaml"));              // a directory, not a file

        RuleSet rules = RulesLoader.load(dir.toString(), loader());
        assertEquals(List.of("users-name-to-full-name", "person-to-people"), ids(rules));
        assertEquals(a.toString(), rules.migrations().get(0).source());
        assertEquals(b.toString(), rules.migrations().get(1).source());
        assertTrue(rules.tableNames().contains("person"));
    }

    @Test
    void singleFileWhateverItsExtension() throws Exception {
        Path file = write(tmp.resolve("person.rules"), PERSON_TO_PEOPLE);
        RuleSet rules = RulesLoader.load(file.toString(), loader());
        assertEquals(List.of("person-to-people"), ids(rules));
        assertEquals(file.toString(), rules.migrations().get(0).source());
    }

    @Test
    void emptyDirectoryGivesAnEmptyRuleSet() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        write(dir.resolve("README.md"), "nothing here");
        assertTrue(RulesLoader.load(dir.toString(), loader()).isEmpty());
    }

    @Test
    void missingLocation() {
        String location = tmp.resolve("no-such-dir").toString();
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(location, loader()));
        assertEquals(1, e.problems().size());
        assertProblem(e, location, 0, "no such file or directory");
        assertTrue(e.getMessage().contains(location), e.getMessage());
    }

    @Test
    void noLocation() {
        assertThrows(RulesException.class, () -> RulesLoader.load(null, loader()));
        assertThrows(RulesException.class, () -> RulesLoader.load("  ", loader()));
    }

    @Test
    void problemsOfEveryFileAreReportedTogether() throws Exception {
        Path dir = tmp.resolve("rules");
        Path bad1 = write(dir.resolve("1.yaml"), PERSON_TO_PEOPLE.replace("phase: off", "phase: sideways"));
        Path good = write(dir.resolve("2.yaml"), USERS_RENAME);
        Path bad2 = write(dir.resolve("3.yaml"), "migration: other\nfrom: { table: t }\n");
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(dir.toString(), loader()));
        assertProblem(e, bad1.toString(), 11, "phase", "sideways");
        assertProblem(e, bad2.toString(), 2, "from.key is missing");
        assertProblem(e, bad2.toString(), 1, "to is missing");
        for (RulesException.Problem p : e.problems()) {
            assertTrue(!p.source().equals(good.toString()), "the good file has no problem: " + p);
        }
    }

    @Test
    void sameMigrationIdInTwoFiles() throws Exception {
        Path dir = tmp.resolve("rules");
        Path first = write(dir.resolve("a.yaml"), PERSON_TO_PEOPLE);
        Path second = write(dir.resolve("b.yaml"), PERSON_TO_PEOPLE.replace("table: people", "table: people2"));
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(dir.toString(), loader()));
        RulesException.Problem p = assertProblem(e, second.toString(), 0, "person-to-people", "defined twice",
                first.toString());
        assertTrue(e.getMessage().contains(first.toString()) && e.getMessage().contains(second.toString()),
                e.getMessage());
        assertEquals(second.toString(), p.source());
    }

    @Test
    void twoMigrationsMayNotClaimTheSameColumn() throws Exception {
        Path dir = tmp.resolve("rules");
        Path first = write(dir.resolve("a.yaml"), USERS_RENAME);
        Path second = write(dir.resolve("b.yaml"), USERS_RENAME
                .replace("users-name-to-full-name", "users-name-to-display-name")
                .replace("full_name", "display_name"));
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(dir.toString(), loader()));
        assertProblem(e, second.toString(), 0, "claims column users.name", "users-name-to-full-name",
                first.toString());
    }

    @Test
    void aBadFileDoesNotHideProblemsBetweenTheOthers() throws Exception {
        Path dir = tmp.resolve("rules");
        write(dir.resolve("a.yaml"), PERSON_TO_PEOPLE);
        Path dup = write(dir.resolve("b.yaml"), PERSON_TO_PEOPLE.replace("table: people", "table: people2"));
        Path bad = write(dir.resolve("c.yaml"), "- not a mapping\n");
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(dir.toString(), loader()));
        assertProblem(e, bad.toString(), 1, "must be a YAML mapping");
        assertProblem(e, dup.toString(), 0, "defined twice");
    }

    @Test
    void fileLargerThanOneMebibyte() throws Exception {
        Path dir = tmp.resolve("rules");
        Path big = write(dir.resolve("big.yaml"), PERSON_TO_PEOPLE + "description: " + "x".repeat(1 << 20) + "\n");
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(dir.toString(), loader()));
        assertProblem(e, big.toString(), 0, "larger than 1 MiB");
    }

    @Test
    void fileThatIsNotUtf8() throws Exception {
        Path file = tmp.resolve("latin1.yaml");
        Files.write(file, (PERSON_TO_PEOPLE + "description: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(file.toString(), loader()));
        assertProblem(e, file.toString(), 0, "not UTF-8");
    }

    @Test
    void utf8WithByteOrderMarkIsFine() throws Exception {
        Path file = tmp.resolve("bom.yaml");
        Files.write(file, ("\uFEFF" + PERSON_TO_PEOPLE + "description: caf\u00e9\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("person-to-people"), ids(RulesLoader.load(file.toString(), loader())));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the class path: directories

    @Test
    void classpathDirectory() throws Exception {
        for (String location : List.of("classpath:" + FIXTURES, "classpath:/" + FIXTURES,
                "classpath:rules-fixtures/classpath-dir")) {
            RuleSet rules = RulesLoader.load(location, loader());
            assertEquals(List.of("person-to-people", "users-full-name"), ids(rules), location);
            assertEquals("classpath:" + FIXTURES + "a-person-to-people.yaml", rules.migrations().get(0).source());
            assertEquals("classpath:" + FIXTURES + "b-users-full-name.yml", rules.migrations().get(1).source());
        }
    }

    @Test
    void classpathFile() throws Exception {
        RuleSet rules = RulesLoader.load("classpath:" + FIXTURES + "b-users-full-name.yml", loader());
        assertEquals(List.of("users-full-name"), ids(rules));
        assertEquals("classpath:" + FIXTURES + "b-users-full-name.yml", rules.migrations().get(0).source());
    }

    @Test
    void classpathNullLoaderUsesTheLoadersOwn() throws Exception {
        assertEquals(2, RulesLoader.load("classpath:" + FIXTURES, null).migrations().size());
    }

    @Test
    void missingClasspathLocations() {
        for (String location : List.of("classpath:no/such/dir/", "classpath:no/such/file.yaml", "classpath:",
                "classpath:" + FIXTURES + "missing.yaml")) {
            RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(location, loader()));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals(location, e.problems().get(0).source());
        }
        RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load("classpath:no/such/dir/",
                loader()));
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the class path: jars

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jos.putNextEntry(new JarEntry(e.getKey()));
                if (e.getValue() != null) {
                    jos.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
                jos.closeEntry();
            }
        }
        return jar;
    }

    private Path rulesJar() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tandem/", null);
        entries.put("tandem/rules/", null);
        entries.put("tandem/rules/b-person.yaml", PERSON_TO_PEOPLE);
        entries.put("tandem/rules/a-users.yml", USERS_RENAME);
        entries.put("tandem/rules/README.md", "not rules: [");
        entries.put("tandem/rules/.hidden.yaml", "not rules: [");
        entries.put("tandem/rules/sub/", null);
        entries.put("tandem/rules/sub/c.yaml", "not rules: [");
        entries.put("tandem/rulesx/d.yaml", "not rules: [");
        entries.put("tandem/bad/", null);
        entries.put("tandem/bad/bad.yaml", PERSON_TO_PEOPLE.replace("  id: id\n  full_name", "  id: id\n  full name"));
        return jar("rules.jar", entries);
    }

    @Test
    void classpathDirectoryInsideAJar() throws Exception {
        Path jar = rulesJar();
        try (URLClassLoader cl = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            for (String location : List.of("classpath:tandem/rules/", "classpath:tandem/rules")) {
                RuleSet rules = RulesLoader.load(location, cl);
                assertEquals(List.of("users-name-to-full-name", "person-to-people"), ids(rules), location);
                assertEquals("classpath:tandem/rules/a-users.yml", rules.migrations().get(0).source());
            }
            RuleSet single = RulesLoader.load("classpath:tandem/rules/b-person.yaml", cl);
            assertEquals(List.of("person-to-people"), ids(single));

            RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load("classpath:tandem/bad/", cl));
            assertProblem(e, "classpath:tandem/bad/bad.yaml", 6, "up.full name is not a simple column name");

            assertThrows(RulesException.class, () -> RulesLoader.load("classpath:tandem/none/", cl));
            // a directory without rules files in a jar is fine
            assertTrue(RulesLoader.load("classpath:tandem/", cl).isEmpty());
        }
        // the jar is not left open: it can be deleted (and, on any OS, replaced) after loading
        Files.delete(jar);
    }

    @Test
    void classpathDirectoryPresentInSeveralRootsIsMerged() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tandem/", null);
        entries.put("tandem/b-users.yaml", USERS_RENAME);
        Path jar = jar("more.jar", entries);
        Path dir = tmp.resolve("classes");
        write(dir.resolve("tandem").resolve("a-person.yaml"), PERSON_TO_PEOPLE);
        try (URLClassLoader cl = new URLClassLoader(new URL[]{dir.toUri().toURL(), jar.toUri().toURL()}, null)) {
            RuleSet rules = RulesLoader.load("classpath:tandem/", cl);
            assertEquals(List.of("person-to-people", "users-name-to-full-name"), ids(rules));
            String source = rules.migrations().get(1).source();
            assertTrue(source.startsWith("classpath:tandem/b-users.yaml (in jar:"), source);
        }
    }
}
