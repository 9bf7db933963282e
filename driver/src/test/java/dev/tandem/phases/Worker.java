package dev.tandem.phases;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;

/**
 * One application thread of the phase walk: writes and reads the rows it owns through the pool, keeps a model of
 * them (what the old schema holds once each write succeeded) and checks every read against the model. Nothing here
 * knows about phases: it is application code written against {@code from}.
 */
final class Worker {
    record Person(String first, String last, String email) {
    }

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen"};

    final int owner;
    final Map<Long, Person> model = new HashMap<>();
    long operations;
    long readsChecked;
    long retries;

    private final DataSource pool;
    private final String from;
    private final Queue<String> failures;
    private final Random random;
    private int serial;

    Worker(DataSource pool, String from, int owner, Queue<String> failures, long seed) {
        this.pool = pool;
        this.from = from;
        this.owner = owner;
        this.failures = failures;
        this.random = new Random(seed);
    }

    /** One operation, chosen at random; a deadlock or serialization failure is retried (the model is unchanged). */
    void step() {
        int dice = random.nextInt(100);
        String op = "?";
        try {
            if (dice < 22) {
                op = "insert";
                insert();
            } else if (dice < 34) {
                op = "update";
                update();
            } else if (dice < 38) {
                op = "ad hoc update";
                adHocUpdate();
            } else if (dice < 44) {
                op = "delete";
                delete();
            } else if (dice < 52) {
                op = "transaction";
                transaction();
            } else if (dice < 56) {
                op = "batch";
                batch();
            } else if (dice < 70) {
                op = "read by id";
                readById();
            } else if (dice < 80) {
                op = "read owned rows";
                readOwned();
            } else if (dice < 88) {
                op = "read star";
                readStar();
            } else if (dice < 94) {
                op = "read aggregate";
                readAggregate();
            } else {
                op = "read grouped";
                readGrouped();
            }
            operations++;
        } catch (SQLException e) {
            if (retryable(e)) {
                retries++;
            } else {
                failures.add("worker " + owner + ", " + op + ": " + e.getSQLState() + " " + e.getMessage());
            }
        }
    }

    /** Deadlocks, serialization failures and Tandem's "rolled back whole" (all of SQLState class 40). */
    private static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ((state != null && state.startsWith("40")) || s.getErrorCode() == 1213 || s.getErrorCode() == 1205) {
                    return true;
                }
            }
        }
        return false;
    }

    private Person newPerson(boolean withLast) {
        return new Person(FIRST[random.nextInt(FIRST.length)], withLast ? LAST[random.nextInt(LAST.length)] : "Doe",
                "e" + owner + "-" + (++serial) + "@x");
    }

    private Long someId() {
        if (model.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>(model.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private void insert() throws SQLException {
        boolean withLast = random.nextInt(4) != 0; // else last_name takes its DEFAULT
        Person p = newPerson(withLast);
        String sql = withLast
                ? "INSERT INTO " + from + " (owner, first_name, last_name, email) VALUES (?, ?, ?, ?)"
                : "INSERT INTO " + from + " (owner, first_name, email) VALUES (?, ?, ?)";
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            int i = 1;
            ps.setInt(i++, owner);
            ps.setString(i++, p.first());
            if (withLast) {
                ps.setString(i++, p.last());
            }
            ps.setString(i, p.email());
            expect(1, ps.executeUpdate(), "insert count");
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    failures.add("worker " + owner + ": insert returned no generated key");
                    return;
                }
                model.put(keys.getLong(1), p);
            }
        }
    }

    private void update() throws SQLException {
        Long id = someId();
        if (id == null) {
            return;
        }
        Person old = model.get(id);
        Person now = random.nextBoolean()
                ? new Person(FIRST[random.nextInt(FIRST.length)], old.last(), old.email())
                : new Person(old.first(), LAST[random.nextInt(LAST.length)], "u" + owner + "-" + (++serial) + "@x");
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + from
                     + " SET first_name = ?, last_name = ?, email = ? WHERE id = ? AND owner = ?")) {
            ps.setString(1, now.first());
            ps.setString(2, now.last());
            ps.setString(3, now.email());
            ps.setLong(4, id);
            ps.setInt(5, owner);
            expect(1, ps.executeUpdate(), "update count");
            model.put(id, now);
        }
    }

    /** A Statement with literals (the ad hoc plan cache), touching one column only. */
    private void adHocUpdate() throws SQLException {
        Long id = someId();
        if (id == null) {
            return;
        }
        String email = "a" + owner + "-" + (++serial) + "@x";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            expect(1, s.executeUpdate("UPDATE " + from + " SET email = '" + email + "' WHERE id = " + id),
                    "ad hoc update count");
            Person old = model.get(id);
            model.put(id, new Person(old.first(), old.last(), email));
        }
    }

    private void delete() throws SQLException {
        Long id = someId();
        if (id == null || model.size() < 5) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + from + " WHERE id = ?")) {
            ps.setLong(1, id);
            expect(1, ps.executeUpdate(), "delete count");
            model.remove(id);
        }
    }

    /** Several writes in one transaction, committed or rolled back; the model changes only on commit. */
    private void transaction() throws SQLException {
        Long id = someId();
        if (id == null) {
            return;
        }
        boolean commit = random.nextInt(10) < 7;
        Map<Long, Person> after = new HashMap<>(model);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                Person old = after.get(id);
                Person renamed = new Person(old.first(), LAST[random.nextInt(LAST.length)], old.email());
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + from + " SET last_name = ? WHERE id = ?")) {
                    ps.setString(1, renamed.last());
                    ps.setLong(2, id);
                    expect(1, ps.executeUpdate(), "transaction update count");
                    after.put(id, renamed);
                }
                // a read inside the transaction sees its own write, whichever structure serves it
                try (PreparedStatement ps = c.prepareStatement("SELECT last_name FROM " + from + " WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        readsChecked++;
                        if (!rs.next() || !renamed.last().equals(rs.getString(1))) {
                            failures.add("worker " + owner + ": a transaction does not see its own update of " + id);
                        }
                    }
                }
                Person added = newPerson(true);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + from
                        + " (owner, first_name, last_name, email) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setInt(1, owner);
                    ps.setString(2, added.first());
                    ps.setString(3, added.last());
                    ps.setString(4, added.email());
                    expect(1, ps.executeUpdate(), "transaction insert count");
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (keys.next()) {
                            after.put(keys.getLong(1), added);
                        } else {
                            failures.add("worker " + owner + ": transactional insert returned no generated key");
                        }
                    }
                }
                if (commit) {
                    c.commit();
                    model.clear();
                    model.putAll(after);
                } else {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection may be broken; the pool discards it
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A JDBC batch of updates, each to one owned row. */
    private void batch() throws SQLException {
        if (model.size() < 3) {
            return;
        }
        List<Long> ids = new ArrayList<>(model.keySet());
        Map<Long, Person> changed = new TreeMap<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + from + " SET email = ? WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                long id = ids.get(random.nextInt(ids.size()));
                Person base = changed.getOrDefault(id, model.get(id));
                Person now = new Person(base.first(), base.last(), "b" + owner + "-" + (++serial) + "@x");
                ps.setString(1, now.email());
                ps.setLong(2, id);
                ps.addBatch();
                changed.put(id, now);
            }
            int[] counts = ps.executeBatch();
            for (int n : counts) {
                if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
                    failures.add("worker " + owner + ": batch update count " + n);
                }
            }
            model.putAll(changed);
        }
    }

    private void readById() throws SQLException {
        Long id = random.nextInt(10) == 0 ? Long.valueOf(-1 - random.nextInt(1000)) : someId();
        if (id == null) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT first_name, last_name, email FROM " + from
                     + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Person expected = model.get(id);
                String got = rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) : null;
                if (got != null && rs.next()) {
                    got += " and more";
                }
                String want = expected == null ? null
                        : expected.first() + " " + expected.last() + " " + expected.email();
                checkRead("by id " + id, want, got);
            }
        }
    }

    /** ORM-style: aliased, qualified, ordered. */
    private void readOwned() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT p.id AS person_id, p.first_name AS fn, p.last_name"
                     + " FROM " + from + " p WHERE p.owner = ? ORDER BY p.id")) {
            ps.setInt(1, owner);
            StringBuilder got = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.append(rs.getLong("person_id")).append(':').append(rs.getString("fn")).append(' ')
                            .append(rs.getString("last_name")).append(';');
                }
            }
            StringBuilder want = new StringBuilder();
            new TreeMap<>(model).forEach((id, p) -> want.append(id).append(':').append(p.first()).append(' ')
                    .append(p.last()).append(';'));
            checkRead("owned rows", want.toString(), got.toString());
        }
    }

    /** {@code SELECT *}: the old columns, in the old order, with the old names. */
    private void readStar() throws SQLException {
        Long id = someId();
        if (id == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + from + " WHERE id = " + id)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            checkRead("star labels", "[id, owner, first_name, last_name, email]", labels.toString());
            Person p = model.get(id);
            String got = rs.next() ? rs.getLong(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " "
                    + rs.getString(4) + " " + rs.getString(5) : null;
            checkRead("star " + id, id + " " + owner + " " + p.first() + " " + p.last() + " " + p.email(), got);
        }
    }

    private void readAggregate() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(last_name), MIN(first_name) FROM "
                     + from + " WHERE owner = ?")) {
            ps.setInt(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String got = rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3);
                String want = model.size() + " "
                        + model.values().stream().map(Person::last).max(String::compareTo).orElse(null) + " "
                        + model.values().stream().map(Person::first).min(String::compareTo).orElse(null);
                checkRead("aggregate", want, got);
            }
        }
    }

    private void readGrouped() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_name, COUNT(*) AS n FROM " + from
                     + " WHERE owner = ? GROUP BY last_name HAVING COUNT(*) > 0 ORDER BY last_name")) {
            ps.setInt(1, owner);
            StringBuilder got = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.append(rs.getString(1)).append('=').append(rs.getLong("n")).append(';');
                }
            }
            TreeMap<String, Integer> counts = new TreeMap<>();
            model.values().forEach(p -> counts.merge(p.last(), 1, Integer::sum));
            StringBuilder want = new StringBuilder();
            counts.forEach((k, v) -> want.append(k).append('=').append(v).append(';'));
            checkRead("grouped", want.toString(), got.toString());
        }
    }

    private void checkRead(String what, String want, String got) {
        readsChecked++;
        if (want == null ? got != null : !want.equals(got)) {
            failures.add("worker " + owner + ", read " + what + ": expected " + want + " but got " + got);
        }
    }

    private void expect(int want, int got, String what) {
        if (want != got) {
            failures.add("worker " + owner + ": " + what + " " + got + ", expected " + want);
        }
    }
}
