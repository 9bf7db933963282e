package dev.tandem.contract;

import dev.tandem.rules.Migration;
import dev.tandem.sql.Dialect;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.Json;
import dev.tandem.stats.TableActivity;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outside-activity check of the contract gate: did anything besides Tandem read or write the old table since
 * the migration entered write-new? Compares the table's statistics ({@link TableActivity}) now with the baseline
 * noted on entering write-new ({@link HistoryEntry#BASELINE}), minus what Tandem itself did:
 * <ul>
 *   <li>writes: the rows the fleet wrote into {@code from} through {@code down} (exact: the update counts each
 *       instance reports with its heartbeat);</li>
 *   <li>reads: what Tandem's own commands read ({@code verify}, {@code backfill --reverse}), measured around each run
 *       and recorded in its history row as {@code fromReads}, plus an allowance for the lookups of the down-sync
 *       statements ({@link #downSyncReads}).</li>
 * </ul>
 * Column-level migrations keep their table, whose counters cannot single out the old columns: for them the check
 * says so and holds (the old-structure usage by caller is what tells). H2 keeps no statistics: likewise.
 */
final class OutsideActivity {
    private OutsideActivity() {
    }

    static ContractGate.Check check(Fleet fleet, Migration m, HistoryEntry entered, UsageSummary usage)
            throws SQLException {
        String name = "outside activity";
        if (m.columnLevel()) {
            return new ContractGate.Check(name, true, "not measured: a column-level migration keeps its table, whose"
                    + " statistics cannot single out the old columns (the usage by caller covers them)");
        }
        Dialect dialect = fleet.dialect();
        if (dialect != Dialect.POSTGRESQL && dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) {
            return new ContractGate.Check(name, true, "not measured: " + dialect.displayName()
                    + " keeps no table statistics");
        }
        List<HistoryEntry> since = fleet.store().history(fleet.connection(), m.id(), 10_000).stream()
                .filter(e -> e.id() > entered.id()).toList();
        // history is newest first: the baseline noted on entering is the oldest one since then
        Optional<HistoryEntry> baseline = since.stream().filter(e -> HistoryEntry.BASELINE.equals(e.event()))
                .reduce((newer, older) -> older);
        if (baseline.isEmpty() || !HistoryEntry.OK.equals(baseline.get().outcome())) {
            return new ContractGate.Check(name, false, "cannot tell: no activity counters of " + m.from().sql()
                    + " were noted on entering write-new" + baseline.map(b -> " (" + reason(b) + ")").orElse("")
                    + "; enable the statistics (" + statistics(dialect) + ") and enter write-new again, or pass"
                    + " --no-activity-check");
        }
        Map<?, ?> base = (Map<?, ?>) Json.parse(baseline.get().details());
        TableActivity before = new TableActivity(number(base.get("reads")), number(base.get("writes")));
        Optional<TableActivity> now = TableActivity.read(fleet.connection(), dialect, m.from());
        if (now.isEmpty()) {
            return new ContractGate.Check(name, false, "cannot tell: the statistics of " + m.from().sql()
                    + " cannot be read now (" + statistics(dialect) + ")");
        }
        Optional<TableActivity> delta = now.get().since(before);
        if (delta.isEmpty()) {
            return new ContractGate.Check(name, false, "cannot tell: the statistics of " + m.from().sql()
                    + " were reset since write-new began (a restart or a reset); enter write-new again to start a"
                    + " new soak");
        }
        long ownReads = 0;
        for (HistoryEntry e : since) {
            ownReads += fromReads(e);
        }
        long allowedReads = ownReads + downSyncReads(dialect, usage);
        long outsideWrites = delta.get().writes() - usage.downRows();
        long outsideReads = delta.get().reads() - allowedReads;
        String unit = TableActivity.readUnit(dialect);
        String measured = "since write-new: " + delta.get().writes() + " row(s) written to " + m.from().sql()
                + " (Tandem's down-sync: " + usage.downRows() + "), " + delta.get().reads() + " " + unit
                + " (Tandem's own at most " + allowedReads + ")";
        if (outsideWrites > 0 || outsideReads > 0) {
            return new ContractGate.Check(name, false, measured + ": something besides Tandem uses "
                    + m.from().sql() + " (find it with lint --from-stats, or in the database's statement statistics)");
        }
        return new ContractGate.Check(name, true, measured);
    }

    /**
     * The most the down-sync statements may read of {@code from}: on PostgreSQL each statement starts at most two
     * scans of it plus one index probe per row; on MariaDB each row is fetched at most twice.
     */
    static long downSyncReads(Dialect dialect, UsageSummary usage) {
        if (dialect == Dialect.POSTGRESQL) {
            return 2 * usage.downStatements() + usage.downRows();
        }
        return 2 * usage.downRows();
    }

    private static long fromReads(HistoryEntry e) {
        if (e.details() == null || !(HistoryEntry.VERIFY.equals(e.event()) || HistoryEntry.BACKFILL.equals(e.event()))) {
            return 0;
        }
        try {
            Object doc = Json.parse(e.details());
            return doc instanceof Map<?, ?> map ? number(map.get("fromReads")) : 0;
        } catch (RuntimeException ignored) {
            return 0;
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String reason(HistoryEntry b) {
        if (b.details() != null) {
            try {
                Object doc = Json.parse(b.details());
                if (doc instanceof Map<?, ?> map && map.get("error") != null) {
                    return "error: " + map.get("error");
                }
            } catch (RuntimeException ignored) {
                // fall through
            }
        }
        return b.outcome();
    }

    private static String statistics(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "pg_stat_user_tables, track_counts = on"
                : "performance_schema = ON in the server's configuration";
    }
}
