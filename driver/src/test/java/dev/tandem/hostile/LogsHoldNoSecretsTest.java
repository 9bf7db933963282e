package dev.tandem.hostile;

import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestFiles;
import dev.tandem.testing.TestTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything Tandem logs during a run through every phase — engine start, state polling, mirror failures (whose
 * database errors quote the duplicate value), strict refusals, shadow mismatches, unsupported statements, write-new
 * translations — is captured (standard error, where SLF4J's simple logger writes, and java.util.logging), and must
 * hold neither the password (given in the URL and in the properties) nor any row value the application wrote.
 */
class LogsHoldNoSecretsTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void noCredentialAndNoRowValueReachesTheLogs(TestDatabase db) throws Exception {
        db.assumeAvailable();
        String marker = "rv" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
        String password = "Pw-" + marker.toUpperCase() + "-secret";
        String from = TestTables.unique("ls_from");
        String to = from + "_to";
        List<Path> dirs = new ArrayList<>();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                originalErr.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        List<String> julRecords = new ArrayList<>();
        Handler jul = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (julRecords) {
                    julRecords.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(jul);
        System.setErr(tee);
        System.setOut(tee);
        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE " + from + " (id INT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100))");
            s.execute("CREATE TABLE " + to + " (id INT PRIMARY KEY, full_name VARCHAR(100), email VARCHAR(100)"
                    + " UNIQUE)");
            int id = 0;
            for (String phase : List.of("write-both", "read-both", "read-new", "write-new")) {
                Path rules = Files.createTempDirectory("tandem-logs-");
                dirs.add(rules);
                Files.writeString(rules.resolve("m.yaml"), "migration: m-" + from + "\n"
                        + "from: { table: " + from + ", key: [id] }\n"
                        + "to:   { table: " + to + ", key: [id] }\n"
                        + "up:\n  id: id\n  full_name: \"UPPER(name)\"\n  email: email\n"
                        + "down:\n  id: id\n  name: \"LOWER(full_name)\"\n  email: email\n"
                        + "phase: " + phase + "\n" + (phase.startsWith("read") ? "percent: 100\n" : ""),
                        StandardCharsets.UTF_8);
                try (Connection app = connect(db, rules, password)) {
                    id = workload(db, raw, app, from, to, marker, phase, id);
                }
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            Logger.getLogger("").removeHandler(jul);
            try (Connection raw = db.connect()) {
                TestTables.drop(raw, to, from);
            }
            dirs.forEach(TestFiles::deleteTree);
        }
        String logs = captured.toString(StandardCharsets.UTF_8) + String.join("\n", julRecords);
        assertTrue(logs.contains("Tandem on "), "the capture must hold Tandem's logs (else it proves nothing):\n"
                + logs);
        assertTrue(logs.contains("mirror of"), "a mirror failure was provoked and logged:\n" + logs);
        assertFalse(logs.contains(password), "the password reached the logs:\n" + logs);
        assertFalse(logs.toLowerCase().contains(marker.toLowerCase()), "a row value reached the logs:\n" + logs);
    }

    private static Connection connect(TestDatabase db, Path rules, String password) throws SQLException {
        Properties p = db.properties();
        p.setProperty("tandem.rules", rules.toString());
        String url = db.tandemUrl();
        switch (db) {
            case POSTGRESQL -> { // trust authentication: any password is accepted, so it can be a secret to look for
                p.setProperty("password", password);
                url = url + (url.contains("?") ? "&" : "?") + "password=" + password;
            }
            default -> {
                // H2's shared test database and MariaDB's root have no password here; row values are still checked
            }
        }
        return DriverManager.getConnection(url, p);
    }

    private static int workload(TestDatabase db, Connection raw, Connection app, String from, String to,
                                String marker, String phase, int id) throws SQLException {
        // inserts, inline and bound
        try (Statement s = app.createStatement()) {
            s.executeUpdate("INSERT INTO " + from + " (id, name, email) VALUES (" + (++id) + ", '" + marker
                    + "-inline', '" + marker + "-a" + id + "@x')");
        }
        try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " (id, name, email) VALUES (?, ?, ?)")) {
            ps.setInt(1, ++id);
            ps.setString(2, marker + "-bound");
            ps.setString(3, marker + "-dup-" + phase + "@x");
            ps.executeUpdate();
        }
        // a second row with the same e-mail: from takes it, to's unique key refuses the mirror (the database's
        // message quotes the value)
        try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + from + " (id, name, email) VALUES (?, ?, ?)")) {
            ps.setInt(1, ++id);
            ps.setString(2, marker + "-dup");
            ps.setString(3, marker + "-dup-" + phase + "@x");
            ps.executeUpdate();
        } catch (SQLException expectedInStrictPhases) {
            // read-new and write-new: the statement fails (the application sees the database's error)
        }
        // a row of to that differs from up(from): read-both's shadow compare finds a mismatch
        if (phase.equals("read-both")) {
            try (Statement s = raw.createStatement()) {
                s.executeUpdate("UPDATE " + to + " SET full_name = '" + marker + "-drift' WHERE id = 1");
            }
        }
        try (PreparedStatement ps = app.prepareStatement("SELECT id, name, email FROM " + from
                + " WHERE name LIKE ? ORDER BY id")) {
            ps.setString(1, marker + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
        try (Statement s = app.createStatement()) {
            s.executeQuery("SELECT name FROM " + from + " WHERE email = '" + marker + "-a1@x'").close();
            s.executeUpdate("UPDATE " + from + " SET name = '" + marker + "-renamed' WHERE id = 1");
        }
        // a statement Tandem does not understand (logged once per reason)
        try (Statement s = app.createStatement()) {
            s.executeUpdate("UPDATE " + from + " SET name = '" + marker + "-x' WHERE id IN (SELECT id FROM " + from
                    + " WHERE name = '" + marker + "' FOR UPDATE OF zzz)");
        } catch (SQLException expected) {
            // refused (strict phases) or rejected by the database
        }
        return id;
    }
}
