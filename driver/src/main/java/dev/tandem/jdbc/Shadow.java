package dev.tandem.jdbc;

import dev.tandem.engine.TandemEngine;
import dev.tandem.execution.Routing;
import dev.tandem.jdbc.params.BoundParameters;
import dev.tandem.plan.StatementPlan;
import dev.tandem.rules.Migration;
import dev.tandem.shadow.CapturedResult;
import dev.tandem.shadow.Comparison;
import dev.tandem.shadow.ResultCapture;
import dev.tandem.shadow.ResultComparison;
import dev.tandem.sql.ParameterizedSql;

import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetFactory;
import javax.sql.rowset.RowSetProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * read-both: a sampled read runs on the new structure first (its translation; in A/A mode the read itself), then
 * as sent; the two results are compared, a difference is checked once more (and counted {@code transient} if it is
 * gone), and the application gets the original result — always, whatever happened to the shadow.
 *
 * <p>The original result reaches the application as a complete in-memory copy (a {@link CachedRowSet}) with the same
 * columns and values; when it holds more rows than the cap, it is not compared (counted {@code skipped}) and the
 * application gets a fresh run of its statement instead. On PostgreSQL, inside a transaction, the shadow runs in a
 * savepoint so that its failure cannot abort the application's transaction.
 */
final class Shadow {
    private static final RowSetFactory ROW_SETS;

    static {
        try {
            ROW_SETS = RowSetProvider.newFactory();
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Runs the application's statement again (with its parameters as bound). */
    @FunctionalInterface
    interface Original {
        ResultSet run() throws SQLException;
    }

    /** Prepares Tandem's own statement on the real connection. */
    @FunctionalInterface
    interface Preparer {
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private Shadow() {
    }

    /**
     * @param params the application's parameters (null for a plain Statement)
     * @return the original result for the application (not yet wrapped)
     */
    static ResultSet run(TandemStatement owner, StatementPlan plan, Routing routing, Original original,
                         Preparer prepare, BoundParameters params, String originalSql) throws SQLException {
        TandemEngine engine = owner.engine();
        boolean againstItself = engine.config().shadowAgainstItself();
        ParameterizedSql shadow = againstItself ? identity(originalSql, params) : plan.translatedRead().sql();
        int cap = engine.config().shadowRowCap();
        List<String> keys = plan.migrations().get(0).from().key();
        boolean ordered = plan.translatedRead().ordered();
        Connection connection = owner.connection.delegate();
        boolean savepoint = engine.dialect().failedStatementAbortsTransaction() && owner.connection.inTransaction();

        CapturedResult shadowResult;
        try {
            shadowResult = shadow(connection, prepare, shadow, params, cap, savepoint);
        } catch (SQLException e) {
            record(engine, plan, "error", null, originalSql, e);
            return original.run();
        }
        ResultSet rs = original.run();
        CachedRowSet copy = ROW_SETS.createCachedRowSet();
        copy.setMaxRows(cap + 1);
        copy.populate(rs);
        rs.close();
        if (copy.size() > cap) {
            copy.close();
            record(engine, plan, "skipped", null, originalSql, null);
            return original.run();
        }
        CapturedResult originalResult = ResultCapture.readAll(copy, cap);
        copy.beforeFirst();
        Comparison comparison = ResultComparison.compare(originalResult, shadowResult, ordered, keys);
        switch (comparison.outcome()) {
            case MATCH -> record(engine, plan, "match", null, originalSql, null);
            case SKIPPED -> record(engine, plan, "skipped", null, originalSql, null);
            default -> {
                // Checked once more: a difference made by a concurrent write between the two runs goes away.
                Comparison again;
                try {
                    CapturedResult shadowAgain = shadow(connection, prepare, shadow, params, cap, savepoint);
                    CapturedResult originalAgain;
                    try (ResultSet rerun = original.run()) {
                        originalAgain = ResultCapture.readAll(rerun, cap);
                    }
                    again = ResultComparison.compare(originalAgain, shadowAgain, ordered, keys);
                } catch (SQLException e) {
                    record(engine, plan, "error", null, originalSql, e);
                    return copy;
                }
                if (again.outcome() == Comparison.Outcome.MATCH) {
                    record(engine, plan, "transient", comparison, originalSql, null);
                } else {
                    record(engine, plan, "mismatch", again.outcome() == Comparison.Outcome.MISMATCH ? again
                            : comparison, originalSql, null);
                }
            }
        }
        return copy;
    }

    private static CapturedResult shadow(Connection connection, Preparer prepare, ParameterizedSql shadow,
                                         BoundParameters params, int cap, boolean savepoint) throws SQLException {
        if (savepoint) {
            try (Statement s = connection.createStatement()) {
                s.execute("SAVEPOINT tandem_shadow");
            }
        }
        try {
            CapturedResult result;
            try (PreparedStatement ps = prepare.prepare(shadow.sql())) {
                if (params != null) {
                    params.bindTo(ps, shadow.parameters());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    result = ResultCapture.readAll(rs, cap);
                }
            }
            if (savepoint) {
                try (Statement s = connection.createStatement()) {
                    s.execute("RELEASE SAVEPOINT tandem_shadow");
                }
            }
            return result;
        } catch (SQLException e) {
            if (savepoint) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK TO SAVEPOINT tandem_shadow; RELEASE SAVEPOINT tandem_shadow");
                } catch (SQLException recovery) {
                    e.addSuppressed(recovery);
                    throw recovery;
                }
            }
            throw e;
        }
    }

    /** The statement itself with its parameters in their own places: the A/A shadow. */
    private static ParameterizedSql identity(String sql, BoundParameters params) {
        int n = params == null ? 0 : params.highestIndex();
        int[] same = new int[n];
        for (int i = 0; i < n; i++) {
            same[i] = i + 1;
        }
        return new ParameterizedSql(sql, same);
    }

    private static void record(TandemEngine engine, StatementPlan plan, String outcome, Comparison comparison,
                               String sql, SQLException failure) {
        for (Migration m : plan.migrations()) {
            engine.meters(m).shadow(outcome);
        }
        if (comparison == null && failure == null) {
            return;
        }
        Migration m = plan.migrations().get(0);
        String shape = shapeOf(sql);
        String what = failure != null
                ? "failed: " + failure.getClass().getSimpleName() + " (SQLState " + failure.getSQLState() + ")"
                + (engine.config().logValues() ? ": " + failure.getMessage() : "")
                : "differs from the original (" + outcome + "): " + comparison.describe(engine.config().logValues());
        engine.shadowLog().warnOnce(m.id() + "|" + shape + "|" + outcome, "shadow read " + shape + " of migration '"
                + m.id() + "' on " + m.to().sql() + " " + what + ". The application got the original result."
                + " Logged once per statement shape and outcome.");
    }

    /** A short, stable name for a statement that says nothing of its text (which may hold values). */
    static String shapeOf(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
