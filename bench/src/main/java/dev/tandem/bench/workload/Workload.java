package dev.tandem.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * The mixed workload: what one thread does, step by step. The steps are drawn from a seeded random sequence before
 * they run, so every configuration executes exactly the same operations with the same values. The SQL is written
 * the way Hibernate writes it (aliases {@code a1_0}, every column listed, lower case).
 */
final class Workload {
    static final String POINT_READ = "select a1_0.id,a1_0.balance,a1_0.email,a1_0.name from bn_account a1_0"
            + " where a1_0.id=?";
    static final String RANGE_READ = "select a1_0.id,a1_0.balance,a1_0.email,a1_0.name from bn_account a1_0"
            + " where a1_0.id between ? and ? order by a1_0.id";
    static final String INSERT = "insert into bn_account (balance,email,name,id) values (?,?,?,?)";
    static final String UPDATE = "update bn_account set balance=?,email=?,name=? where id=?";
    static final String DELETE = "delete from bn_account where id=?";
    // configuration (5c): the application writes the new column itself, in the same statement
    static final String INSERT_WITH_NORM = "insert into bn_account (balance,email,email_norm,name,id)"
            + " values (?,?,?,?,?)";
    static final String UPDATE_WITH_NORM = "update bn_account set balance=?,email=?,email_norm=?,name=? where id=?";
    // configuration (5t): the application writes the new table too, in the same transaction
    static final String INSERT_NEW = "insert into bn_account2 (balance,display_name,email,id) values (?,?,?,?)";
    static final String UPDATE_NEW = "update bn_account2 set balance=?,display_name=?,email=? where id=?";
    static final String DELETE_NEW = "delete from bn_account2 where id=?";

    /** Rows a range read covers. */
    static final int RANGE = 20;

    private Workload() {
    }

    static String name(long id) {
        return "name-" + id;
    }

    /** Always lower case, so that {@code LOWER(email)} (the migrations' {@code up}) keeps it as it is. */
    static String email(long id, long version) {
        return "user" + id + "." + version + "@example.com";
    }

    /** One operation with its values, drawn before it runs. */
    record Step(Operation op, long id, long balance, long version) {
    }

    /**
     * One thread's sequence of steps. Inserted rows get keys from a range of the thread's own, and deletes remove
     * rows the thread inserted, so the seed rows that reads and updates use always exist.
     */
    static final class Sequence {
        private final SplittableRandom random;
        private final int rows;
        private long nextId;
        private final ArrayDeque<Long> inserted = new ArrayDeque<>();

        Sequence(long seed, int thread, int rows, long idBase) {
            this.random = new SplittableRandom(seed * 1_000_003L + thread);
            this.rows = rows;
            this.nextId = idBase + (long) thread * 100_000_000L;
        }

        Step next() {
            Operation op = Operation.forDraw(random.nextInt(100));
            long balance = random.nextLong(1_000_000);
            long version = random.nextLong(1_000_000_000L);
            return switch (op) {
                case POINT_READ, UPDATE -> new Step(op, 1 + random.nextInt(rows), balance, version);
                case RANGE_READ -> new Step(op, 1 + random.nextInt(Math.max(1, rows - RANGE)), balance, version);
                case INSERT -> {
                    long id = nextId++;
                    inserted.addLast(id);
                    yield new Step(op, id, balance, version);
                }
                case DELETE -> {
                    Long id = inserted.pollFirst();
                    yield id == null ? new Step(Operation.POINT_READ, 1 + random.nextInt(rows), balance, version)
                            : new Step(op, id, balance, version);
                }
            };
        }
    }

    /** Runs one step on a connection in autocommit mode (the pool's default), as configuration {@code writes} says. */
    static void execute(Connection c, Step step, Configuration.Writes writes) throws SQLException {
        switch (step.op()) {
            case POINT_READ -> read(c, POINT_READ, step.id(), -1);
            case RANGE_READ -> read(c, RANGE_READ, step.id(), step.id() + RANGE - 1);
            case INSERT, UPDATE, DELETE -> {
                if (writes == Configuration.Writes.HAND_TABLE) {
                    inTransaction(c, step);
                } else {
                    write(c, step, writes == Configuration.Writes.HAND_COLUMN);
                }
            }
        }
    }

    private static void read(Connection c, String sql, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            if (to >= 0) {
                ps.setLong(2, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getLong(2);
                    rs.getString(3);
                    rs.getString(4);
                }
            }
        }
    }

    private static void write(Connection c, Step step, boolean withNorm) throws SQLException {
        String name = name(step.id());
        String email = email(step.id(), step.version());
        switch (step.op()) {
            case INSERT -> {
                try (PreparedStatement ps = c.prepareStatement(withNorm ? INSERT_WITH_NORM : INSERT)) {
                    int i = 1;
                    ps.setLong(i++, step.balance());
                    ps.setString(i++, email);
                    if (withNorm) {
                        ps.setString(i++, email.toLowerCase(java.util.Locale.ROOT));
                    }
                    ps.setString(i++, name);
                    ps.setLong(i, step.id());
                    ps.executeUpdate();
                }
            }
            case UPDATE -> {
                try (PreparedStatement ps = c.prepareStatement(withNorm ? UPDATE_WITH_NORM : UPDATE)) {
                    int i = 1;
                    ps.setLong(i++, step.balance());
                    ps.setString(i++, email);
                    if (withNorm) {
                        ps.setString(i++, email.toLowerCase(java.util.Locale.ROOT));
                    }
                    ps.setString(i++, name);
                    ps.setLong(i, step.id());
                    ps.executeUpdate();
                }
            }
            case DELETE -> {
                try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                    ps.setLong(1, step.id());
                    ps.executeUpdate();
                }
            }
            default -> throw new IllegalArgumentException("not a write: " + step.op());
        }
    }

    /** Configuration (5t): the old table, then the new one, in one transaction. */
    private static void inTransaction(Connection c, Step step) throws SQLException {
        c.setAutoCommit(false);
        try {
            write(c, step, false);
            String email = email(step.id(), step.version()).toLowerCase(java.util.Locale.ROOT);
            switch (step.op()) {
                case INSERT -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT_NEW)) {
                        ps.setLong(1, step.balance());
                        ps.setString(2, name(step.id()));
                        ps.setString(3, email);
                        ps.setLong(4, step.id());
                        ps.executeUpdate();
                    }
                }
                case UPDATE -> {
                    try (PreparedStatement ps = c.prepareStatement(UPDATE_NEW)) {
                        ps.setLong(1, step.balance());
                        ps.setString(2, name(step.id()));
                        ps.setString(3, email);
                        ps.setLong(4, step.id());
                        ps.executeUpdate();
                    }
                }
                case DELETE -> {
                    try (PreparedStatement ps = c.prepareStatement(DELETE_NEW)) {
                        ps.setLong(1, step.id());
                        ps.executeUpdate();
                    }
                }
                default -> throw new IllegalArgumentException("not a write: " + step.op());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
