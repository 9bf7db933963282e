package dev.tandem.bench.copy;

import dev.tandem.bench.workload.Target;

import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.state.Fleet;
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
 * <p>Both unthrottled, with their defaults (backfill batches of {@value BackfillOptions#DEFAULT_BATCH} rows, verify
 * chunks of {@value Verify#DEFAULT_CHUNK}), on the migration {@code bn-copy} of {@code rules} (table-level:
 * {@code bn_copy_from} to {@code bn_copy_to}, see {@link CopyBenchmark#RULES}).
 */
final class TandemCopy {
    private TandemCopy() {
    }

    /**
     * Copies every row of {@code bn_copy_from} into the empty {@code bn_copy_to} with Tandem's backfill (the
     * control tables created if missing; no application runs, so the phase check is forced); returns the rows synced.
     */
    static long backfill(Target target, Path rules, String migrationId) throws Exception {
        Migration migration = RulesLoader.load(rules.toString(), TandemCopy.class.getClassLoader())
                .migration(migrationId).orElseThrow();
        try (Connection c = target.connect()) {
            Fleet.on(c, RuleSet.empty()).init();
            return Backfill.of(c, migration, BackfillOptions.defaults().force(true).restart(true).actor("bench"))
                    .run().rowsThisRun();
        }
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
