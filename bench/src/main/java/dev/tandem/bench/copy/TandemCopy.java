package dev.tandem.bench.copy;

import dev.tandem.bench.workload.Target;

import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesLoader;
import dev.tandem.sql.Dialect;
import dev.tandem.verify.Verify;
import dev.tandem.verify.VerifyReport;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * Tandem's own backfill and verify (issue 4), measured by {@link CopyBenchmark} against the database's own copy and
 * join count, through their Java APIs (the CLI mirrors them one to one).
 *
 * <p>Verify is wired ({@link dev.tandem.verify.Verify}). <b>HOOK, NOT YET WIRED: the backfill</b> — its command is
 * not on main yet; when it lands, replace {@link #backfill}'s body with a call to its Java API and set
 * {@link #BACKFILL_WIRED}. What it must do, unthrottled, on the migration {@code bn-copy} of {@code rules}
 * (table-level: {@code bn_copy_from} to {@code bn_copy_to}, see {@link CopyBenchmark#RULES}), reaching
 * {@code target}: copy every row of {@code bn_copy_from} into the empty {@code bn_copy_to} through {@code up}, and
 * return the rows copied.
 */
final class TandemCopy {
    /** Whether {@link #backfill} calls the real API. */
    static final boolean BACKFILL_WIRED = false;

    /** Why the backfill's rate is missing, printed in its place in the results. */
    static final String BACKFILL_NOT_WIRED = "the backfill is not wired yet: Tandem's backfill (issue 4) is not on"
            + " main; see bench/src/main/java/dev/tandem/bench/copy/TandemCopy.java";

    private TandemCopy() {
    }

    static long backfill(Target target, Path rules, String migrationId) {
        throw new UnsupportedOperationException(BACKFILL_NOT_WIRED);
    }

    /** Verifies the whole migration with Tandem's verify (its defaults: unthrottled); returns the rows compared. */
    static long verify(Target target, Path rules, String migrationId) throws Exception {
        Migration migration = RulesLoader.load(rules.toString(), TandemCopy.class.getClassLoader())
                .migration(migrationId).orElseThrow();
        try (Connection c = target.connect()) {
            VerifyReport report = Verify.of(c, Dialect.fromUrl(target.url()), migration).run();
            if (!report.clean()) {
                throw new IllegalStateException("verify found " + report.drift() + " rows of drift after an exact"
                        + " copy: " + report);
            }
            return report.rowsCompared();
        }
    }
}
