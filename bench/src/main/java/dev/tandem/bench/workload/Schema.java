package dev.tandem.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The workload's tables, all prefixed {@code bn_}: {@code bn_account} (the old structure, with the new column
 * {@code email_norm} of the column-level migration) and {@code bn_account2} (the new table of the table-level
 * migration). Before every measured run both are emptied and reloaded with the same seed rows, the new structures
 * backfilled, so that every configuration starts from the same state and read-both compares equal data.
 */
public final class Schema {
    /** The old table. */
    public static final String ACCOUNT = "bn_account";
    /** The new table of the table-level migration. */
    public static final String ACCOUNT2 = "bn_account2";
    /** A table only the "unrelated" rules name; never created. */
    public static final String UNRELATED = "bn_unrelated";

    private final Target target;

    public Schema(Target target) {
        this.target = target;
    }

    /** Drops and creates the tables. */
    public void create(Connection c) throws SQLException {
        dropTriggers(c);
        drop(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + ACCOUNT + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                    + " email VARCHAR(200), email_norm VARCHAR(200), balance BIGINT)");
            s.execute("CREATE TABLE " + ACCOUNT2 + " (id BIGINT NOT NULL PRIMARY KEY, display_name VARCHAR(100),"
                    + " email VARCHAR(200), balance BIGINT)");
        }
    }

    /** Drops the tables and any trigger left behind. */
    public void drop(Connection c) throws SQLException {
        dropTriggers(c);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + ACCOUNT);
            s.execute("DROP TABLE IF EXISTS " + ACCOUNT2);
        }
        if (target.kind() == Target.Kind.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP FUNCTION IF EXISTS bn_account_mirror()");
                s.execute("DROP FUNCTION IF EXISTS bn_account_norm()");
            }
        }
    }

    /** Empties both tables and loads {@code rows} seed rows into each (the new structures backfilled). */
    public void reset(Connection c, int rows) throws SQLException {
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + ACCOUNT);
            s.execute("TRUNCATE TABLE " + ACCOUNT2);
        }
        c.setAutoCommit(false);
        try (PreparedStatement old = c.prepareStatement("INSERT INTO " + ACCOUNT
                + " (id, name, email, email_norm, balance) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement neu = c.prepareStatement("INSERT INTO " + ACCOUNT2
                     + " (id, display_name, email, balance) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= rows; id++) {
                String name = Workload.name(id);
                String email = Workload.email(id, 0);
                long balance = id * 10L;
                old.setLong(1, id);
                old.setString(2, name);
                old.setString(3, email);
                old.setString(4, email);
                old.setLong(5, balance);
                old.addBatch();
                neu.setLong(1, id);
                neu.setString(2, name);
                neu.setString(3, email);
                neu.setLong(4, balance);
                neu.addBatch();
                if (id % 1000 == 0 || id == rows) {
                    old.executeBatch();
                    neu.executeBatch();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        if (target.kind() == Target.Kind.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + ACCOUNT + ", " + ACCOUNT2);
            }
        }
    }

    /** Installs the trigger that does a configuration's dual-write in the database. */
    public void installTrigger(Connection c, Configuration.Trigger trigger) throws SQLException {
        if (trigger == Configuration.Trigger.NONE) {
            return;
        }
        try (Statement s = c.createStatement()) {
            switch (target.kind()) {
                case POSTGRESQL -> {
                    if (trigger == Configuration.Trigger.COLUMN) {
                        s.execute("CREATE OR REPLACE FUNCTION bn_account_norm() RETURNS trigger LANGUAGE plpgsql AS $$"
                                + " BEGIN NEW.email_norm := LOWER(NEW.email); RETURN NEW; END $$");
                        s.execute("CREATE TRIGGER bn_account_norm BEFORE INSERT OR UPDATE ON " + ACCOUNT
                                + " FOR EACH ROW EXECUTE FUNCTION bn_account_norm()");
                    } else {
                        s.execute("CREATE OR REPLACE FUNCTION bn_account_mirror() RETURNS trigger LANGUAGE plpgsql AS $$"
                                + " BEGIN"
                                + " IF TG_OP = 'DELETE' THEN DELETE FROM " + ACCOUNT2 + " WHERE id = OLD.id; RETURN OLD;"
                                + " END IF;"
                                + " INSERT INTO " + ACCOUNT2 + " (id, display_name, email, balance)"
                                + " VALUES (NEW.id, NEW.name, LOWER(NEW.email), NEW.balance)"
                                + " ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name,"
                                + " email = EXCLUDED.email, balance = EXCLUDED.balance;"
                                + " RETURN NEW; END $$");
                        s.execute("CREATE TRIGGER bn_account_mirror AFTER INSERT OR UPDATE OR DELETE ON " + ACCOUNT
                                + " FOR EACH ROW EXECUTE FUNCTION bn_account_mirror()");
                    }
                }
                case MARIADB -> {
                    if (trigger == Configuration.Trigger.COLUMN) {
                        s.execute("CREATE TRIGGER bn_account_norm_i BEFORE INSERT ON " + ACCOUNT
                                + " FOR EACH ROW SET NEW.email_norm = LOWER(NEW.email)");
                        s.execute("CREATE TRIGGER bn_account_norm_u BEFORE UPDATE ON " + ACCOUNT
                                + " FOR EACH ROW SET NEW.email_norm = LOWER(NEW.email)");
                    } else {
                        String upsert = " FOR EACH ROW INSERT INTO " + ACCOUNT2 + " (id, display_name, email, balance)"
                                + " VALUES (NEW.id, NEW.name, LOWER(NEW.email), NEW.balance)"
                                + " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name),"
                                + " email = VALUES(email), balance = VALUES(balance)";
                        s.execute("CREATE TRIGGER bn_account_mirror_i AFTER INSERT ON " + ACCOUNT + upsert);
                        s.execute("CREATE TRIGGER bn_account_mirror_u AFTER UPDATE ON " + ACCOUNT + upsert);
                        s.execute("CREATE TRIGGER bn_account_mirror_d AFTER DELETE ON " + ACCOUNT
                                + " FOR EACH ROW DELETE FROM " + ACCOUNT2 + " WHERE id = OLD.id");
                    }
                }
                case H2 -> {
                    if (trigger == Configuration.Trigger.COLUMN) {
                        s.execute("CREATE TRIGGER bn_account_norm BEFORE INSERT, UPDATE ON " + ACCOUNT
                                + " FOR EACH ROW CALL \"" + H2Triggers.Normalize.class.getName() + "\"");
                    } else {
                        s.execute("CREATE TRIGGER bn_account_mirror AFTER INSERT, UPDATE, DELETE ON " + ACCOUNT
                                + " FOR EACH ROW CALL \"" + H2Triggers.Mirror.class.getName() + "\"");
                    }
                }
            }
        }
    }

    /** Removes every trigger {@link #installTrigger} may have installed. */
    public void dropTriggers(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (target.kind()) {
                case POSTGRESQL -> {
                    if (tableExists(c)) {
                        s.execute("DROP TRIGGER IF EXISTS bn_account_norm ON " + ACCOUNT);
                        s.execute("DROP TRIGGER IF EXISTS bn_account_mirror ON " + ACCOUNT);
                    }
                }
                case MARIADB -> {
                    for (String t : new String[]{"bn_account_norm_i", "bn_account_norm_u", "bn_account_mirror_i",
                            "bn_account_mirror_u", "bn_account_mirror_d"}) {
                        s.execute("DROP TRIGGER IF EXISTS " + t);
                    }
                }
                case H2 -> {
                    s.execute("DROP TRIGGER IF EXISTS bn_account_norm");
                    s.execute("DROP TRIGGER IF EXISTS bn_account_mirror");
                }
            }
        }
    }

    private boolean tableExists(Connection c) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, ACCOUNT, null)) {
            return rs.next();
        }
    }

    /**
     * How many rows the new structure gets wrong: for the column-level migration, rows of {@code bn_account} whose
     * {@code email_norm} is not {@code LOWER(email)}; for the table-level one, rows of either table with no
     * counterpart, or whose counterpart differs from what the migration derives.
     */
    public long drift(Connection c, boolean columnLevel) throws SQLException {
        if (columnLevel) {
            return count(c, "SELECT COUNT(*) FROM " + ACCOUNT + " WHERE email_norm IS NULL OR email_norm <> LOWER(email)");
        }
        return count(c, "SELECT COUNT(*) FROM " + ACCOUNT + " f LEFT JOIN " + ACCOUNT2 + " t ON t.id = f.id"
                + " WHERE t.id IS NULL OR t.display_name <> f.name OR t.email <> LOWER(f.email)"
                + " OR t.balance <> f.balance")
                + count(c, "SELECT COUNT(*) FROM " + ACCOUNT2 + " t WHERE NOT EXISTS (SELECT 1 FROM " + ACCOUNT
                + " f WHERE f.id = t.id)");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
