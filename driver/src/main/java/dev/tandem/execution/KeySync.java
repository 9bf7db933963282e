package dev.tandem.execution;

import dev.tandem.mirror.SyncStatements;
import dev.tandem.plan.SyncMode;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a migration's sync statements ({@link SyncStatements}) for a list of keys on one connection, in its current
 * transaction: chooses the prepared, padded statements when every key part is a plain parameter, binds the keys
 * (repeating the last one to fill a padded IN list, which changes nothing), and sends several statements in one
 * round trip where the driver takes that. The mirror ({@link MirrorRunner}) and the backfill both sync through it.
 */
public final class KeySync {
    /** Told how many statements ran and how many rows they changed (the mirror tallies the syncs through down). */
    public interface Counts {
        void add(long statements, long rows);
    }

    private final Connection connection;
    private final Dialect dialect;

    public KeySync(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /**
     * Syncs keys given as values (each array one key, in {@code from.key} order), in chunks of at most
     * {@value SyncStatements#MAX_KEYS_PER_STATEMENT}. Failures are thrown as they come.
     */
    public void syncValues(SyncStatements sql, SyncMode mode, List<Object[]> keys) throws SQLException {
        List<KeyPart[]> tuples = new ArrayList<>(keys.size());
        for (Object[] key : keys) {
            KeyPart[] tuple = new KeyPart[key.length];
            for (int i = 0; i < key.length; i++) {
                tuple[i] = KeyPart.value(key[i]);
            }
            tuples.add(tuple);
        }
        for (int from = 0; from < tuples.size(); from += SyncStatements.MAX_KEYS_PER_STATEMENT) {
            run(sql, mode, tuples.subList(from, Math.min(tuples.size(), from + SyncStatements.MAX_KEYS_PER_STATEMENT)),
                    null, null);
        }
    }

    /**
     * Syncs one chunk (at most {@value SyncStatements#MAX_KEYS_PER_STATEMENT} keys).
     *
     * @param savepoint null, or a savepoint to wrap the statements in (sent in the same round trip)
     * @param counts    null, or told the statements run and the rows they changed
     */
    void run(SyncStatements sql, SyncMode mode, List<KeyPart[]> chunk, String savepoint, Counts counts)
            throws SQLException {
        int padded = SyncStatements.paddedSize(chunk.size());
        boolean plain = plain(chunk);
        List<String> statements = new ArrayList<>(2);
        int count;
        if (plain) {
            count = padded;
            if (mode.upserts()) {
                statements.add(sql.upsert(padded));
                if (sql.insertMissing(padded) != null) {
                    statements.add(sql.insertMissing(padded));
                }
            }
            if (mode.deletes() && sql.deletes()) {
                statements.add(sql.delete(padded));
            }
        } else {
            count = chunk.size();
            List<String> tuples = new ArrayList<>(chunk.size());
            for (KeyPart[] tuple : chunk) {
                tuples.add(tupleSql(tuple));
            }
            if (mode.upserts()) {
                statements.add(sql.upsert(tuples));
                if (sql.insertMissing(tuples) != null) {
                    statements.add(sql.insertMissing(tuples));
                }
            }
            if (mode.deletes() && sql.deletes()) {
                statements.add(sql.delete(tuples));
            }
        }
        if (statements.isEmpty()) {
            return;
        }
        String text = String.join("; ", statements);
        if (savepoint != null) {
            text = "SAVEPOINT " + savepoint + "; " + text + "; RELEASE SAVEPOINT " + savepoint;
        }
        if (statements.size() > 1 && savepoint == null && dialect != Dialect.POSTGRESQL) {
            // One statement at a time where the driver does not take several in one string.
            for (String one : statements) {
                long rows = execute(one, chunk, count);
                if (counts != null) {
                    counts.add(1, rows);
                }
            }
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(text)) {
            int index = 1;
            for (int s = 0; s < statements.size(); s++) {
                index = bind(ps, index, chunk, count);
            }
            boolean results = ps.execute();
            if (counts != null) {
                counts.add(statements.size(), updateCounts(ps, results));
            }
        }
    }

    /** The sum of the update counts of every result of a statement text (savepoint commands count 0). */
    private static long updateCounts(java.sql.Statement s, boolean resultSet) throws SQLException {
        long rows = 0;
        boolean isResultSet = resultSet;
        for (int guard = 0; guard < 64; guard++) {
            if (!isResultSet) {
                long n = s.getUpdateCount();
                if (n == -1) {
                    break;
                }
                rows += n;
            }
            isResultSet = s.getMoreResults();
        }
        return rows;
    }

    /** Whether every part of every key is a plain {@code ?} (then the padded, prepared statements apply). */
    static boolean plain(List<KeyPart[]> chunk) {
        for (KeyPart[] tuple : chunk) {
            for (KeyPart part : tuple) {
                if (!part.plainParameter()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs one statement; returns its update count (-1 when it has none). */
    long execute(String sql, List<KeyPart[]> chunk, int count) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, 1, chunk, count);
            return ps.execute() ? -1 : ps.getUpdateCount();
        }
    }

    /** Binds the chunk's keys, repeating the last one up to {@code count} (padding changes nothing). */
    static int bind(PreparedStatement ps, int index, List<KeyPart[]> chunk, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            KeyPart[] tuple = chunk.get(Math.min(i, chunk.size() - 1));
            for (KeyPart part : tuple) {
                index = part.bind(ps, index);
            }
        }
        return index;
    }

    static String tupleSql(KeyPart[] tuple) {
        if (tuple.length == 1) {
            return tuple[0].sql();
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < tuple.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(tuple[i].sql());
        }
        return sb.append(')').toString();
    }
}
