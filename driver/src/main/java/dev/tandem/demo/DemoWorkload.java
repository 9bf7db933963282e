package dev.tandem.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's application: a few threads, each with its own {@code jdbc:tandem:} connection, reading and writing
 * {@code person} (the old structure) with the SQL the application has always sent, until told to run the new code,
 * which speaks {@code people} (the new structure) directly. Counts what it does and every error it meets; the demo
 * expects none.
 */
final class DemoWorkload implements AutoCloseable {
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
        "Radia", "Niklaus"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton",
        "Thompson", "Perlman", "Wirth"};

    private final String url;
    private final long initialRows;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean newCode;
    private volatile boolean stop;

    DemoWorkload(String url, long initialRows) {
        this.url = url;
        this.initialRows = initialRows;
    }

    /** Starts {@code count} application threads. */
    DemoWorkload start(int count) {
        for (int i = 0; i < count; i++) {
            int seed = i;
            Thread t = new Thread(() -> run(seed), "demo-app-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** From now on the threads run the new code: SQL that names {@code people} only. */
    void deployNewCode() {
        newCode = true;
    }

    long operations() {
        return operations.get();
    }

    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError.get();
    }

    private void run(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (!stop) {
            try (Connection c = DriverManager.getConnection(url)) {
                while (!stop) {
                    if (newCode) {
                        newStructure(c, random);
                    } else {
                        oldStructure(c, random);
                    }
                    operations.incrementAndGet();
                }
            } catch (SQLException | RuntimeException e) {
                if (!stop) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    private long someId(SplittableRandom random) {
        return 1 + random.nextLong(initialRows + operations.get() / 8 + 1);
    }

    private void oldStructure(Connection c, SplittableRandom random) throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 50) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_name, last_name, email FROM person WHERE id = ?")) {
                ps.setLong(1, someId(random));
                drain(ps);
            }
        } else if (dice < 60) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, last_name FROM person WHERE id BETWEEN ? AND ? ORDER BY id")) {
                long from = someId(random);
                ps.setLong(1, from);
                ps.setLong(2, from + 20);
                drain(ps);
            }
        } else if (dice < 80) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE person SET last_name = ? WHERE id = ?")) {
                ps.setString(1, LAST[random.nextInt(LAST.length)]);
                ps.setLong(2, someId(random));
                ps.executeUpdate();
            }
        } else if (dice < 95) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO person (first_name, last_name, email) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, FIRST[random.nextInt(FIRST.length)]);
                ps.setString(2, LAST[random.nextInt(LAST.length)]);
                ps.setString(3, "New" + random.nextLong(1_000_000_000L) + "@Example.com");
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                }
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM person WHERE id = ?")) {
                ps.setLong(1, someId(random));
                ps.executeUpdate();
            }
        }
    }

    private void newStructure(Connection c, SplittableRandom random) throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 60) {
            try (PreparedStatement ps = c.prepareStatement("SELECT full_name, email FROM people WHERE id = ?")) {
                ps.setLong(1, someId(random));
                drain(ps);
            }
        } else if (dice < 85) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE people SET full_name = ? WHERE id = ?")) {
                ps.setString(1, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
                ps.setLong(2, someId(random));
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO people (full_name, email) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
                ps.setString(2, "next" + random.nextLong(1_000_000_000L) + "@example.com");
                ps.executeUpdate();
            }
        }
    }

    private static void drain(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
