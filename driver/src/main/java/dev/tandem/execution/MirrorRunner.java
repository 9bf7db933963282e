package dev.tandem.execution;

import dev.tandem.engine.TandemEngine;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.mirror.SyncStatements;
import dev.tandem.plan.SyncMode;
import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the mirror: for each key a write touched, makes {@code to} match {@code from} (see {@link SyncStatements}),
 * in the application's transaction, in chunks of at most {@value SyncStatements#MAX_KEYS_PER_STATEMENT} keys.
 *
 * <p>Best effort (write-both, read-both): a failure is counted and logged once per statement shape, and the
 * application's statement stands; on PostgreSQL the mirror runs inside a savepoint, sent in the same round trip,
 * so that its failure cannot abort the application's transaction. Strict (read-new on): a failure fails the
 * statement.
 */
final class MirrorRunner {
    private static final String SAVEPOINT = "tandem_mirror";
    /** MariaDB's and MySQL's ER_DUP_ENTRY. */
    private static final int DUPLICATE_KEY = 1062;

    private final TandemEngine engine;
    private final Connection connection;
    private final KeySync keySync;

    MirrorRunner(TandemEngine engine, Connection connection) {
        this.engine = engine;
        this.connection = connection;
        this.keySync = new KeySync(connection, engine.dialect());
    }

    /**
     * Synchronises {@code keys} of one migration.
     *
     * @param shape     the written statement's shape, for the log
     * @param strict    whether a failure must fail the statement
     * @param freshKeys whether the write was an INSERT whose rows {@code to} is not expected to have yet
     * @throws SQLException when strict and the mirror failed, or when the failure ended the transaction
     */
    void sync(Migration migration, SyncStatements sql, SyncMode mode, KeySet keys, String shape, boolean strict,
              boolean freshKeys) throws SQLException {
        if (keys.isEmpty() || sql == null) {
            return;
        }
        MigrationMeters meters = engine.meters(migration);
        // write-new keeps from fresh through down: those statements are counted in the migration's usage
        Tally tally = sql == engine.reverseSync(migration) ? new Tally() : null;
        boolean savepoint = !strict && engine.dialect().failedStatementAbortsTransaction();
        List<KeyPart[]> all = keys.tuples();
        for (int from = 0; from < all.size(); from += SyncStatements.MAX_KEYS_PER_STATEMENT) {
            List<KeyPart[]> chunk = all.subList(from, Math.min(all.size(), from + SyncStatements.MAX_KEYS_PER_STATEMENT));
            try {
                if (!(freshKeys && mode == SyncMode.UPSERT && insertedFresh(sql, chunk, tally))) {
                    keySync.run(sql, mode, chunk, savepoint ? SAVEPOINT : null, tally == null ? null : tally::add);
                }
            } catch (SQLException e) {
                if (tally != null) {
                    tally.report(engine, migration);
                }
                if (savepoint) {
                    recover(e);
                }
                if (strict) {
                    meters.mirrorFailure();
                    // a lost connection is reported as the driver reported it: nothing is left to roll back, and
                    // 40000 would tell the application (and its pool) that the connection is fine to retry on
                    throw MirrorFailure.connectionLost(e) ? e : rolledBack(migration, sql, shape, e);
                }
                if (MirrorFailure.endsTransaction(e, savepoint)) {
                    meters.mirrorFailure();
                    throw e;
                }
                meters.mirrorFailure();
                engine.mirrorLog().warnOnce(migration.id() + "|" + sql.migration().to().sql() + "|" + shape + "|"
                                + e.getSQLState(), "mirror of " + shape + " into " + sql.migration().to().sql()
                                + " failed for migration '" + migration.id() + "': " + MirrorFailure.describe(e, engine.config().logValues())
                                + "; the application's statement went on (best effort in this phase); the backfill"
                                + " repairs it. Logged once per statement shape.");
                return;
            }
        }
        meters.mirroredRows(all.size());
        if (tally != null) {
            tally.report(engine, migration);
        }
    }

    /** The statements run into {@code from} through {@code down}, and the rows they affected. */
    private static final class Tally {
        long statements;
        long rows;

        void add(long statements, long rows) {
            this.statements += statements;
            this.rows += Math.max(0, rows);
        }

        void report(TandemEngine engine, Migration migration) {
            if (statements > 0) {
                engine.usage().down(migration, statements, rows);
            }
        }
    }

    /**
     * The keys of some rows the write touched could not be learned ({@code why}): those rows are not mirrored.
     * Counted as a mirror failure; the backfill repairs them.
     */
    void keysUnknown(Migration migration, String shape, boolean strict, String why) throws SQLException {
        engine.meters(migration).mirrorFailure();
        String message = "mirror of " + shape + " into " + migration.to().sql() + " for migration '" + migration.id()
                + "': some rows are not mirrored because " + why + "; the backfill repairs them";
        if (strict) {
            connection.rollback();
            throw new SQLException("Tandem: " + message + "; the transaction was rolled back", "40000");
        }
        engine.mirrorLog().warnOnce(migration.id() + "|" + shape + "|" + why, message + ". Logged once per shape.");
    }

    /**
     * Strict phases: the new structure is authoritative, so a failed mirror fails the statement and the whole
     * transaction is rolled back (the application's writes would otherwise stand without their mirror).
     */
    private SQLException rolledBack(Migration migration, SyncStatements sql, String shape, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
        SQLException e = new SQLException("Tandem: the mirror of " + shape + " into "
                + sql.migration().to().sql() + " failed for migration '" + migration.id() + "', whose new structure"
                + " is authoritative in this phase: the statement failed and the transaction was rolled back ("
                + MirrorFailure.describe(cause, engine.config().logValues()) + ")", "40000", cause);
        return e;
    }

    /**
     * MariaDB and MySQL: mirrors new rows with a plain insert (see {@link SyncStatements#insertFresh(int)}); false when
     * that does not apply or a row was there already (the caller then syncs the usual way).
     */
    private boolean insertedFresh(SyncStatements sql, List<KeyPart[]> chunk, Tally tally) throws SQLException {
        if (sql.insertFresh(1) == null) {
            return false;
        }
        boolean plain = KeySync.plain(chunk);
        int count = plain ? SyncStatements.paddedSize(chunk.size()) : chunk.size();
        String text;
        if (plain) {
            text = sql.insertFresh(count);
        } else {
            List<String> tuples = new ArrayList<>(chunk.size());
            for (KeyPart[] tuple : chunk) {
                tuples.add(KeySync.tupleSql(tuple));
            }
            text = sql.insertFresh(tuples);
        }
        try {
            long rows = keySync.execute(text, chunk, count);
            if (tally != null) {
                tally.add(1, rows);
            }
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                return false; // the statement alone was rolled back; the transaction goes on
            }
            throw e;
        }
    }

    /** After a failed mirror on PostgreSQL: back to the savepoint, so the application's transaction goes on. */
    private void recover(SQLException failure) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
