package dev.tandem.soak;

import dev.tandem.execution.Routing;
import dev.tandem.testing.TestDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One application thread of the soak, written against {@code from} only (it knows nothing of phases): writes and
 * reads the accounts it owns through the pool, keeps a model of them updated only from what committed, and checks
 * every read against the model. Every balance change writes the ledger in the same transaction.
 *
 * <p>The workload is built so that the raw driver would never deadlock or time out: no two threads touch the same
 * row of {@code from}; a transaction touching several rows takes them in ascending key order; range writes
 * ({@code WHERE owner = ? AND band = ?}) stay inside the owner's range of the (owner, band) index, which the owner's
 * sentinel row bounds; the ledger is insert-only. So any deadlock, lock timeout or other error is unexpected, except
 * the ones provoked on purpose (a CHECK violation, a duplicate key), which are counted apart.
 */
final class SoakWorker {
    final int owner;
    /** What {@code from} holds of this owner's rows, from committed writes only. */
    final TreeMap<Long, Account> model = new TreeMap<>();

    private final DataSource pool;
    private final TestDatabase db;
    private final String from;
    private final String ledger;
    private final SoakFigures figures;
    private final Random random;
    /** Keys this owner deleted: an upsert may bring one back (an explicit key no other thread ever uses). */
    private final List<Long> deleted = new ArrayList<>();
    private int serial;

    SoakWorker(DataSource pool, TestDatabase db, SoakTables tables, int owner, Map<Long, Account> seeded,
               SoakFigures figures, long seed) {
        this.pool = pool;
        this.db = db;
        this.from = tables.from;
        this.ledger = tables.ledger;
        this.owner = owner;
        this.figures = figures;
        this.random = new Random(seed);
        this.model.putAll(seeded);
    }

    /** One operation, chosen at random. */
    void step() {
        int dice = random.nextInt(100);
        String op = "?";
        try {
            if (dice < 10) {
                op = "insert";
                insert();
            } else if (dice < 17) {
                op = "fund";
                fund();
            } else if (dice < 26) {
                op = "transfer";
                transfer();
            } else if (dice < 31) {
                op = "deposit";
                deposit();
            } else if (dice < 37) {
                op = "move band";
                moveBand();
            } else if (dice < 41) {
                op = "delete";
                delete();
            } else if (dice < 43) {
                op = "delete range";
                deleteRange();
            } else if (dice < 49) {
                op = "upsert";
                upsert();
            } else if (dice < 52) {
                op = "batch update";
                batchUpdate();
            } else if (dice < 55) {
                op = "batch insert";
                batchInsert();
            } else if (dice < 58) {
                op = "ad hoc update";
                adHocUpdate();
            } else if (dice < 60) {
                op = "overdraw";
                overdraw();
            } else if (dice < 62) {
                op = "duplicate insert";
                duplicateInsert();
            } else if (dice < 72) {
                op = "read by id";
                readById();
            } else if (dice < 80) {
                op = "read owned";
                readOwned();
            } else if (dice < 87) {
                op = "read totals";
                readTotals();
            } else if (dice < 93) {
                op = "read band";
                readBand(random.nextInt(4));
            } else {
                op = "read in transaction";
                readInTransaction();
            }
            figures.operation(op);
        } catch (SQLException e) {
            figures.unexpected("owner " + owner + ", " + op + ": " + describe(e));
        }
    }

    static String describe(SQLException e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException x) {
                s.append('[').append(x.getSQLState()).append('/').append(x.getErrorCode()).append("] ");
            }
            s.append(t.getMessage()).append(t.getCause() == null ? "" : " <- ");
        }
        return s.toString();
    }

    /** An integrity violation (SQLState class 23, anywhere in the chain): what the provoking operations expect. */
    private static boolean integrityViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private List<Long> accounts() {
        List<Long> ids = new ArrayList<>();
        model.forEach((id, a) -> {
            if (!a.sentinel()) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Long someAccount() {
        List<Long> ids = accounts();
        return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
    }

    private Account newAccount(long balance) {
        return new Account(Account.someFirst(random), Account.someLast(random), random.nextInt(4), balance,
                "w" + owner + "-" + (++serial) + "@x");
    }

    private void entry(Connection c, long account, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger
                + " (owner, account, delta) VALUES (?, ?, ?)")) {
            ps.setInt(1, owner);
            ps.setLong(2, account);
            ps.setLong(3, delta);
            expect(1, ps.executeUpdate(), "ledger insert count");
        }
    }

    /** Inserts {@code a} with a generated key; returns the key. */
    private long insertRow(Connection c, Account a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + from
                + " (owner, first_name, last_name, band, balance, email) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, 1, a);
            expect(1, ps.executeUpdate(), "insert count");
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("insert returned no generated key");
                }
                return keys.getLong(1);
            }
        }
    }

    private int bind(PreparedStatement ps, int first, Account a) throws SQLException {
        int i = first;
        ps.setInt(i++, owner);
        ps.setString(i++, a.first());
        ps.setString(i++, a.last());
        ps.setInt(i++, a.band());
        ps.setLong(i++, a.balance());
        ps.setString(i++, a.email());
        return i;
    }

    private void setBalance(Connection c, long id, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + from
                + " SET balance = balance + ? WHERE id = ? AND owner = ?")) {
            ps.setLong(1, delta);
            ps.setLong(2, id);
            ps.setInt(3, owner);
            expect(1, ps.executeUpdate(), "balance update count");
        }
    }

    /** The work of {@code body} in one transaction; committed unless {@code commit} is false (a deliberate rollback). */
    private interface Body {
        void run(Connection c) throws SQLException;
    }

    private boolean inTransaction(boolean commit, Body body) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                body.run(c);
                if (commit) {
                    c.commit();
                    figures.committed.increment();
                } else {
                    c.rollback();
                    figures.rolledBack.increment();
                }
                return commit;
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

    // ------------------------------------------------------------------------------------------------ writes

    /** Autocommit insert, generated key, no balance. */
    private void insert() throws SQLException {
        Account a = newAccount(0);
        try (Connection c = pool.getConnection()) {
            model.put(insertRow(c, a), a);
        }
    }

    /** A funded account and its ledger entry, in one transaction; one in five rolled back. */
    private void fund() throws SQLException {
        Account a = newAccount(1 + random.nextInt(500));
        long[] id = new long[1];
        if (inTransaction(random.nextInt(5) != 0, c -> {
            id[0] = insertRow(c, a);
            entry(c, id[0], a.balance());
        })) {
            model.put(id[0], a);
        }
    }

    /** Moves money between two accounts (ascending keys), reading its own writes inside; some rolled back. */
    private void transfer() throws SQLException {
        List<Long> ids = accounts();
        if (ids.size() < 2) {
            return;
        }
        long x = ids.get(random.nextInt(ids.size()));
        long y = ids.get(random.nextInt(ids.size()));
        if (x == y) {
            return;
        }
        long payer = x;
        long amount = Math.min(model.get(payer).balance(), 1 + random.nextInt(100));
        if (amount == 0) {
            return;
        }
        long lo = Math.min(x, y);
        long hi = Math.max(x, y);
        if (inTransaction(random.nextInt(7) != 0, c -> {
            setBalance(c, lo, lo == payer ? -amount : amount);
            setBalance(c, hi, hi == payer ? -amount : amount);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, balance FROM " + from
                    + " WHERE id IN (?, ?) ORDER BY id")) {
                ps.setLong(1, lo);
                ps.setLong(2, hi);
                StringBuilder got = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        got.append(rs.getLong(1)).append('=').append(rs.getLong(2)).append(';');
                    }
                }
                long loBal = model.get(lo).balance() + (lo == payer ? -amount : amount);
                long hiBal = model.get(hi).balance() + (hi == payer ? -amount : amount);
                check("transfer sees its own writes", lo + "=" + loBal + ";" + hi + "=" + hiBal + ";", got.toString());
            }
            entry(c, payer, -amount);
            entry(c, payer == x ? y : x, amount);
        })) {
            long payee = payer == x ? y : x;
            model.put(payer, model.get(payer).withBalance(model.get(payer).balance() - amount));
            model.put(payee, model.get(payee).withBalance(model.get(payee).balance() + amount));
        }
    }

    private void deposit() throws SQLException {
        Long id = someAccount();
        if (id == null) {
            return;
        }
        long amount = 1 + random.nextInt(200);
        if (inTransaction(true, c -> {
            setBalance(c, id, amount);
            entry(c, id, amount);
        })) {
            model.put(id, model.get(id).withBalance(model.get(id).balance() + amount));
        }
    }

    /** {@code UPDATE ... WHERE owner = ? AND band = ?}: every row of one band moves to another (keys not in WHERE). */
    private void moveBand() throws SQLException {
        int fromBand = random.nextInt(4);
        int toBand = random.nextInt(4);
        if (fromBand == toBand) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + from + " SET band = ? WHERE owner = ? AND band = ?")) {
            ps.setInt(1, toBand);
            ps.setInt(2, owner);
            ps.setInt(3, fromBand);
            long want = model.values().stream().filter(a -> a.band() == fromBand).count();
            expect((int) want, ps.executeUpdate(), "band move count");
            for (Map.Entry<Long, Account> e : model.entrySet()) {
                if (e.getValue().band() == fromBand) {
                    e.setValue(e.getValue().withBand(toBand));
                }
            }
        }
    }

    /** Deletes one account and books its balance out, in one transaction. */
    private void delete() throws SQLException {
        List<Long> ids = accounts();
        if (ids.size() < 8) {
            return;
        }
        long id = ids.get(random.nextInt(ids.size()));
        long balance = model.get(id).balance();
        if (inTransaction(random.nextInt(6) != 0, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + from + " WHERE id = ?")) {
                ps.setLong(1, id);
                expect(1, ps.executeUpdate(), "delete count");
            }
            if (balance != 0) {
                entry(c, id, -balance);
            }
        })) {
            model.remove(id);
            deleted.add(id);
        }
    }

    /** {@code DELETE ... WHERE owner = ? AND band = ? AND balance = 0}: empty accounts of one band (keys not in WHERE). */
    private void deleteRange() throws SQLException {
        if (accounts().size() < 12) {
            return;
        }
        int band = random.nextInt(4);
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + from
                     + " WHERE owner = ? AND band = ? AND balance = 0")) {
            ps.setInt(1, owner);
            ps.setInt(2, band);
            List<Long> gone = new ArrayList<>();
            model.forEach((id, a) -> {
                if (a.band() == band && a.balance() == 0) {
                    gone.add(id);
                }
            });
            expect(gone.size(), ps.executeUpdate(), "range delete count");
            gone.forEach(model::remove);
            deleted.addAll(gone);
        }
    }

    /**
     * An upsert in the database's own form: of an existing account (the update branch: band and email change) or of
     * a key this owner deleted (the insert branch). In write-new Tandem refuses upserts by design (SQLState 0AT00,
     * see phases.md): counted apart and redone in the supported form, an UPDATE or a plain INSERT.
     */
    private void upsert() throws SQLException {
        boolean revive = !deleted.isEmpty() && random.nextBoolean();
        long id;
        Account now;
        if (revive) {
            id = deleted.get(random.nextInt(deleted.size()));
            now = newAccount(0);
        } else {
            Long some = someAccount();
            if (some == null) {
                return;
            }
            id = some;
            Account old = model.get(id);
            now = old.withBand(random.nextInt(4)).withEmail("up" + owner + "-" + (++serial) + "@x");
        }
        String insert = "INSERT INTO " + from + " (id, owner, first_name, last_name, band, balance, email)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        String upsert = switch (db) {
            case POSTGRESQL -> insert + " ON CONFLICT (id) DO UPDATE SET band = EXCLUDED.band, email = EXCLUDED.email";
            case MARIADB -> insert + " ON DUPLICATE KEY UPDATE band = VALUES(band), email = VALUES(email)";
            // H2's MERGE is not mirrored (write-both.md): on H2 the soak writes the supported form only
            case H2 -> null;
        };
        try (Connection c = pool.getConnection()) {
            if (upsert != null) {
                try (PreparedStatement ps = c.prepareStatement(upsert)) {
                    ps.setLong(1, id);
                    bind(ps, 2, now);
                    int n = ps.executeUpdate();
                    if (n < 1 || n > 2) {
                        figures.unexpected("owner " + owner + ": upsert count " + n);
                    }
                    model.put(id, now);
                    deleted.remove(id);
                    return;
                } catch (SQLException e) {
                    if (!Routing.REFUSED_SQLSTATE.equals(e.getSQLState()) || e.getMessage() == null
                            || !e.getMessage().contains("has moved to the new structure")) {
                        throw e;
                    }
                    figures.upsertsRefused.increment();
                }
            }
            if (revive) {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setLong(1, id);
                    bind(ps, 2, now);
                    expect(1, ps.executeUpdate(), "revive insert count");
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + from
                        + " SET band = ?, email = ? WHERE id = ?")) {
                    ps.setInt(1, now.band());
                    ps.setString(2, now.email());
                    ps.setLong(3, id);
                    expect(1, ps.executeUpdate(), "upsert-as-update count");
                }
            }
            model.put(id, now);
            deleted.remove(id);
        }
    }

    /** A JDBC batch of updates by key, in autocommit (keys in random order, as an application sends them). */
    private void batchUpdate() throws SQLException {
        List<Long> ids = accounts();
        if (ids.size() < 3) {
            return;
        }
        Map<Long, Account> changed = new TreeMap<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + from + " SET last_name = ?, email = ? WHERE id = ?")) {
            for (int i = 0; i < 4; i++) {
                long id = ids.get(random.nextInt(ids.size()));
                Account now = changed.getOrDefault(id, model.get(id)).withLast(Account.someLast(random))
                        .withEmail("b" + owner + "-" + (++serial) + "@x");
                ps.setString(1, now.last());
                ps.setString(2, now.email());
                ps.setLong(3, id);
                ps.addBatch();
                changed.put(id, now);
            }
            for (int n : ps.executeBatch()) {
                if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
                    figures.unexpected("owner " + owner + ": batch update count " + n);
                }
            }
            model.putAll(changed);
        }
    }

    /** A JDBC batch of inserts with generated keys. */
    private void batchInsert() throws SQLException {
        List<Account> rows = List.of(newAccount(0), newAccount(0), newAccount(0));
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + from
                     + " (owner, first_name, last_name, band, balance, email) VALUES (?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            for (Account a : rows) {
                bind(ps, 1, a);
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
                    figures.unexpected("owner " + owner + ": batch insert count " + n);
                }
            }
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            if (keys.size() != rows.size()) {
                // the rows are in; without their keys the model cannot follow them: find them by their emails
                figures.unexpected("owner " + owner + ": batch insert returned " + keys.size() + " generated keys for "
                        + rows.size() + " rows");
                return;
            }
            for (int i = 0; i < rows.size(); i++) {
                model.put(keys.get(i), rows.get(i));
            }
        }
    }

    /** A plain Statement with literals (numbers and a value this thread made up, no quotes in it). */
    private void adHocUpdate() throws SQLException {
        Long id = someAccount();
        if (id == null) {
            return;
        }
        String email = "a" + owner + "-" + (++serial) + "@x";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            expect(1, s.executeUpdate("UPDATE " + from + " SET email = '" + email + "' WHERE id = " + id),
                    "ad hoc update count");
            model.put(id, model.get(id).withEmail(email));
        }
    }

    // ------------------------------------------------------------------------------------------------ provoked

    /** Withdraws more than the balance: the CHECK fails, the transaction is rolled back. */
    private void overdraw() throws SQLException {
        Long id = someAccount();
        if (id == null) {
            return;
        }
        long amount = model.get(id).balance() + 1;
        try {
            inTransaction(true, c -> {
                entry(c, id, -amount);
                setBalance(c, id, -amount);
            });
            figures.unexpected("owner " + owner + ": an overdraw of " + id + " did not fail");
        } catch (SQLException e) {
            if (!integrityViolation(e)) {
                throw e;
            }
            figures.provoked("check violation");
            figures.rolledBack.increment();
        }
    }

    /** Inserts an existing key: a duplicate key error, nothing written. */
    private void duplicateInsert() throws SQLException {
        Long id = someAccount();
        if (id == null) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + from
                     + " (id, owner, first_name, last_name, band, balance, email) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            bind(ps, 2, newAccount(0));
            ps.executeUpdate();
            figures.unexpected("owner " + owner + ": a duplicate insert of " + id + " did not fail");
        } catch (SQLException e) {
            if (!integrityViolation(e)) {
                throw e;
            }
            figures.provoked("duplicate key");
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    private void readById() throws SQLException {
        Long id = random.nextInt(10) == 0 ? Long.valueOf(-1 - random.nextInt(1000)) : someAccount();
        if (id == null) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT owner, first_name, last_name, band, balance, email FROM "
                     + from + " WHERE id = ?")) {
            ps.setLong(1, id);
            check("by id " + id, model.containsKey(id) ? model.get(id).fromRow(owner) : null, one(ps));
        }
    }

    private static String one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String row = rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|"
                    + rs.getLong(5) + "|" + rs.getString(6);
            return rs.next() ? row + " and more" : row;
        }
    }

    /** Every row of the owner, ORM style: aliased, qualified, ordered. */
    private void readOwned() throws SQLException {
        try (Connection c = pool.getConnection()) {
            check("owned rows", ownedModel(), owned(c));
        }
    }

    String ownedModel() {
        StringBuilder want = new StringBuilder();
        model.forEach((id, a) -> want.append(id).append(':').append(a.fromRow(owner)).append(';'));
        return want.toString();
    }

    String owned(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id AS account_id, a.owner, a.first_name AS fn,"
                + " a.last_name, a.band, a.balance, a.email FROM " + from + " a WHERE a.owner = ? ORDER BY a.id")) {
            ps.setInt(1, owner);
            StringBuilder got = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.append(rs.getLong("account_id")).append(':').append(rs.getInt(2)).append('|')
                            .append(rs.getString("fn")).append('|').append(rs.getString("last_name")).append('|')
                            .append(rs.getInt(5)).append('|').append(rs.getLong(6)).append('|')
                            .append(rs.getString(7)).append(';');
                }
            }
            return got.toString();
        }
    }

    private String totalsModel() {
        return model.size() + " " + model.values().stream().mapToLong(Account::balance).sum();
    }

    private String totals(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM " + from
                + " WHERE owner = ?")) {
            ps.setInt(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " " + rs.getLong(2);
            }
        }
    }

    private void readTotals() throws SQLException {
        try (Connection c = pool.getConnection()) {
            check("totals", totalsModel(), totals(c));
        }
    }

    private String bandModel(int band) {
        StringBuilder want = new StringBuilder();
        model.forEach((id, a) -> {
            if (a.band() == band) {
                want.append(id).append('=').append(a.balance()).append(';');
            }
        });
        return want.toString();
    }

    private String band(Connection c, int band) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, balance FROM " + from
                + " WHERE owner = ? AND band = ? ORDER BY id")) {
            ps.setInt(1, owner);
            ps.setInt(2, band);
            StringBuilder got = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.append(rs.getLong(1)).append('=').append(rs.getLong(2)).append(';');
                }
            }
            return got.toString();
        }
    }

    private void readBand(int band) throws SQLException {
        try (Connection c = pool.getConnection()) {
            check("band " + band, bandModel(band), band(c, band));
        }
    }

    /** Several reads in one read-only transaction: one snapshot, one phase. */
    private void readInTransaction() throws SQLException {
        int band = random.nextInt(4);
        inTransaction(true, c -> {
            check("totals in a transaction", totalsModel(), totals(c));
            check("band " + band + " in a transaction", bandModel(band), band(c, band));
        });
    }

    private void check(String what, String want, String got) {
        figures.readsChecked.increment();
        if (want == null ? got != null : !want.equals(got)) {
            figures.unexpected("owner " + owner + ", read " + what + ": expected " + want + " but got " + got);
        }
    }

    private void expect(int want, int got, String what) {
        if (want != got) {
            figures.unexpected("owner " + owner + ": " + what + " " + got + ", expected " + want);
        }
    }
}
