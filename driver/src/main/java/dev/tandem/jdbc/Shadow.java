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
 * read-both: a sampled read runs on the new structure (its translation; in A/A mode the read itself), then as sent
 * for the comparison, and the two results are compared; a difference is checked once more (and counted
 * {@code transient} if it is gone). Then the application's statement runs as sent and the application gets that
 * result set, the database's own, untouched — whatever happened to the shadow.
 *
 * <p>A sampled read thus costs two more queries. Results with more rows than the cap are not compared (counted
 * {@code skipped}) and are not read past the cap. On PostgreSQL, inside a transaction, Tandem's queries run in a
 * savepoint so that their failure cannot abort the application's transaction.
 */
final class Shadow {

    /** Runs the application's statement (with its parameters as bound). */
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
        compare(owner, plan, routing, original, prepare, params, originalSql);
        return original.run();
    }

    /**
     * The comparison alone, for a read the application runs with {@code execute()} (MyBatis does, among others): the
     * caller then runs the application's statement its own way, and the application reads the result set it gets.
     */
    static void compare(TandemStatement owner, StatementPlan plan, Routing routing, Original original,
                        Preparer prepare, BoundParameters params, String originalSql) throws SQLException {
        TandemEngine engine = owner.engine();
        boolean againstItself = engine.config().shadowAgainstItself();
        ParameterizedSql shadow = againstItself ? identity(originalSql, params) : plan.translatedRead().sql();
        boolean relabel = !againstItself && !plan.translatedRead().labelsExact();
        int cap = engine.config().shadowRowCap();
        int maxRows = owner.delegate().getMaxRows();
        List<String> keys = plan.migrations().get(0).from().key();
        boolean ordered = plan.translatedRead().ordered();
        Connection connection = owner.connection.delegate();
        boolean savepoint = engine.dialect().failedStatementAbortsTransaction() && owner.connection.inTransaction();
        Source shadowSide = () -> {
            try (PreparedStatement ps = prepare.prepare(shadow.sql())) {
                ps.setMaxRows(maxRows);
                if (params != null) {
                    params.bindTo(ps, shadow.parameters());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return ResultCapture.readWithin(rs, cap);
                }
            }
        };
        Source originalSide = () -> {
            try (ResultSet rs = original.run()) {
                return ResultCapture.readWithin(rs, cap);
            }
        };
        try {
            Comparison first = compare(connection, savepoint, shadowSide, originalSide, ordered, keys, relabel);
            switch (first.outcome()) {
                case MATCH -> record(engine, plan, "match", null, originalSql, null);
                case SKIPPED -> record(engine, plan, "skipped", null, originalSql, null);
                default -> {
                    // Checked once more: a difference made by a concurrent write between the two runs goes away.
                    Comparison again = compare(connection, savepoint, shadowSide, originalSide, ordered, keys,
                            relabel);
                    if (again.outcome() == Comparison.Outcome.MATCH) {
                        record(engine, plan, "transient", first, originalSql, null);
                    } else {
                        record(engine, plan, "mismatch", again.outcome() == Comparison.Outcome.MISMATCH ? again
                                : first, originalSql, null);
                    }
                }
            }
        } catch (SQLException e) {
            record(engine, plan, "error", null, originalSql, e);
        }
    }

    /** One of the two sides of a comparison, read by Tandem. */
    @FunctionalInterface
    private interface Source {
        CapturedResult read() throws SQLException;
    }

    private static Comparison compare(Connection connection, boolean savepoint, Source shadowSide,
                                      Source originalSide, boolean ordered, List<String> keys, boolean relabel)
            throws SQLException {
        CapturedResult shadowResult = guarded(connection, savepoint, shadowSide);
        CapturedResult originalResult = guarded(connection, savepoint, originalSide);
        if (relabel && shadowResult.columnsKnown() && originalResult.columnsKnown()
                && shadowResult.columns().size() == originalResult.columns().size()) {
            // the database labels some computed columns by its rendering of the expression, which the translation
            // changed (see TranslatedRead#labelsExact): the values are what is compared
            shadowResult = shadowResult.labelledAs(originalResult.labels());
        }
        return ResultComparison.compare(originalResult, shadowResult, ordered, keys);
    }

    /** Reads a side, in a savepoint when a failure would abort the application's transaction. */
    private static CapturedResult guarded(Connection connection, boolean savepoint, Source side)
            throws SQLException {
        if (!savepoint) {
            return side.read();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SAVEPOINT tandem_shadow");
        }
        try {
            CapturedResult result = side.read();
            try (Statement s = connection.createStatement()) {
                s.execute("RELEASE SAVEPOINT tandem_shadow");
            }
            return result;
        } catch (SQLException e) {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK TO SAVEPOINT tandem_shadow; RELEASE SAVEPOINT tandem_shadow");
            } catch (SQLException recovery) {
                e.addSuppressed(recovery);
                throw recovery;
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
            engine.usage().shadow(m, outcome);
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
