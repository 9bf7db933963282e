package dev.tandem.bench.copy;

import dev.tandem.bench.workload.Target;

import java.nio.file.Path;

/**
 * HOOK, NOT YET WIRED: Tandem's own backfill and verify (issue 4), measured by {@link CopyBenchmark} against the
 * database's own copy and join count. Their commands are not on main yet; when they land, replace the two bodies
 * with calls to their Java API (the CLI mirrors it one to one) and delete {@link #WIRED}'s {@code false}.
 *
 * <p>What each must do, unthrottled, on the migration {@code bn-copy} of {@code rules} (table-level:
 * {@code bn_copy_from} to {@code bn_copy_to}, see {@link CopyBenchmark#RULES}), reaching {@code target}:
 * <ul>
 *   <li>{@link #backfill}: copy every row of {@code bn_copy_from} into the empty {@code bn_copy_to} through
 *       {@code up}; return the rows copied;</li>
 *   <li>{@link #verify}: compare every row of both tables; return the rows compared, throwing if it finds drift.</li>
 * </ul>
 */
final class TandemCopy {
    /** Whether the two methods below call the real API. */
    static final boolean WIRED = false;

    /** Why the stage cannot run yet, printed in its place in the results. */
    static final String NOT_WIRED = "not wired yet: Tandem's backfill and verify (issue 4) are not on main;"
            + " see bench/src/main/java/dev/tandem/bench/copy/TandemCopy.java";

    private TandemCopy() {
    }

    static long backfill(Target target, Path rules, String migrationId) {
        throw new UnsupportedOperationException(NOT_WIRED);
    }

    static long verify(Target target, Path rules, String migrationId) {
        throw new UnsupportedOperationException(NOT_WIRED);
    }
}
