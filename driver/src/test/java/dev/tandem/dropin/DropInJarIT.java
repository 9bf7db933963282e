package dev.tandem.dropin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as users get it: {@code tandem-driver.jar} and an H2 jar, nothing else, on a fresh JVM's class
 * path (no SLF4J, no Micrometer). Connecting with {@code jdbc:tandem:h2:...} and a rules directory must mirror writes.
 * Runs after {@code package} (failsafe).
 */
class DropInJarIT {
    private static final Path DRIVER_JAR = Path.of("target", "tandem-driver.jar");

    @TempDir
    Path work;

    @Test
    void theDriverJarAndAnH2JarAloneMirrorWrites() throws Exception {
        Path rules = writeRules(work.resolve("rules"));
        String output = run(List.of(), ";tandem.rules=" + rules, Map.of());
        assertTrue(output.contains("slf4j=absent micrometer=absent"), output);
        assertTrue(output.contains("people=3 drift=0"), output);
    }

    /** PRODUCT.md §1: with no property, the environment variable TANDEM_RULES names the rules. */
    @Test
    void rulesFromTheEnvironment() throws Exception {
        Path rules = writeRules(work.resolve("env-rules"));
        String output = run(List.of(), "", Map.of("TANDEM_RULES", rules.toString()));
        assertTrue(output.contains("people=3 drift=0"), output);
    }

    /** PRODUCT.md §1: with nothing set, the rules are the class path's {@code tandem/} directory. */
    @Test
    void rulesFromTheDefaultClassPathLocation() throws Exception {
        Path classes = work.resolve("app-classes");
        writeRules(classes.resolve("tandem"));
        String output = run(List.of(classes), "", Map.of());
        assertTrue(output.contains("people=3 drift=0"), output);
    }

    private static Path writeRules(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("person.yaml"), String.join("\n",
                "migration: person-to-people",
                "from: { table: person, key: [id] }",
                "to:   { table: people, key: [id] }",
                "up:",
                "  id: id",
                "  full_name: \"first_name || ' ' || last_name\"",
                "down:",
                "  first_name: full_name",
                "phase: write-both", ""));
        return dir;
    }

    /** Runs the program on a fresh JVM with only the driver jar, H2 and {@code extra} on the class path. */
    private String run(List<Path> extra, String urlSettings, Map<String, String> environment) throws Exception {
        assertTrue(Files.isRegularFile(DRIVER_JAR), "run after package: " + DRIVER_JAR.toAbsolutePath());
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path program = work.resolve("DropIn.java");
        Files.writeString(program, PROGRAM);
        StringBuilder classPath = new StringBuilder(DRIVER_JAR.toAbsolutePath() + java.io.File.pathSeparator + h2);
        for (Path p : extra) {
            classPath.append(java.io.File.pathSeparator).append(p);
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", classPath.toString(), program.toString(),
                urlSettings).redirectErrorStream(true);
        builder.environment().remove("TANDEM_RULES");
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the program did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void theDriverJarRelocatesWhatItBundlesAndRegistersItself() throws IOException {
        List<String> leaks = new ArrayList<>();
        boolean service = false;
        try (JarFile jar = new JarFile(DRIVER_JAR.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("dev/tandem/") && !name.startsWith("META-INF/")) {
                    leaks.add(name);
                }
            }
            JarEntry services = jar.getJarEntry("META-INF/services/java.sql.Driver");
            if (services != null) {
                String text = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
                service = text.contains("dev.tandem.jdbc.TandemDriver");
            }
        }
        assertTrue(leaks.isEmpty(), "classes outside dev/tandem/ (not relocated): " + leaks.subList(0,
                Math.min(10, leaks.size())));
        assertTrue(service, "META-INF/services/java.sql.Driver must name dev.tandem.jdbc.TandemDriver");
    }

    private static final String PROGRAM = String.join("\n",
            "import java.sql.*;",
            "public class DropIn {",
            "  static boolean present(String c) { try { Class.forName(c); return true; } catch (Throwable t) { return false; } }",
            "  public static void main(String[] args) throws Exception {",
            "    System.out.println(\"slf4j=\" + (present(\"org.slf4j.LoggerFactory\") ? \"present\" : \"absent\")",
            "        + \" micrometer=\" + (present(\"io.micrometer.core.instrument.Metrics\") ? \"present\" : \"absent\"));",
            "    String db = \"jdbc:h2:mem:dropin;DB_CLOSE_DELAY=-1\";",
            "    try (Connection raw = DriverManager.getConnection(db); Statement s = raw.createStatement()) {",
            "      s.execute(\"CREATE TABLE person (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50) DEFAULT 'Doe')\");",
            "      s.execute(\"CREATE TABLE people (id BIGINT PRIMARY KEY, full_name VARCHAR(101))\");",
            "    }",
            "    try (Connection app = DriverManager.getConnection(\"jdbc:tandem:h2:mem:dropin\" + args[0])) {",
            "      try (PreparedStatement ps = app.prepareStatement(\"INSERT INTO person (first_name, last_name) VALUES (?, ?)\")) {",
            "        ps.setString(1, \"Ada\"); ps.setString(2, \"Lovelace\"); ps.executeUpdate();",
            "        ps.setString(1, \"Alan\"); ps.setString(2, \"Turing\"); ps.executeUpdate();",
            "      }",
            "      try (Statement s = app.createStatement()) {",
            "        s.executeUpdate(\"INSERT INTO person (first_name) VALUES ('Grace')\");",
            "        s.executeUpdate(\"UPDATE person SET last_name = 'Hopper' WHERE first_name = 'Grace'\");",
            "      }",
            "    }",
            "    try (Connection raw = DriverManager.getConnection(db); Statement s = raw.createStatement()) {",
            "      ResultSet c = s.executeQuery(\"SELECT COUNT(*) FROM people\"); c.next(); long people = c.getLong(1);",
            "      ResultSet d = s.executeQuery(\"SELECT COUNT(*) FROM person f LEFT JOIN people t ON t.id = f.id\"",
            "          + \" WHERE t.full_name IS DISTINCT FROM f.first_name || ' ' || f.last_name\"); d.next();",
            "      System.out.println(\"people=\" + people + \" drift=\" + d.getLong(1));",
            "    }",
            "  }",
            "}", "");
}
