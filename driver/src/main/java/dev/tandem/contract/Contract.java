package dev.tandem.contract;

import dev.tandem.rules.Phase;
import dev.tandem.state.ConcurrentChangeException;
import dev.tandem.state.Fleet;
import dev.tandem.state.HistoryEntry;
import dev.tandem.state.PhaseRefusedException;
import dev.tandem.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last step of a parallel change, as a Java API ({@code tandem contract} is a shell over it): checks the
 * {@link ContractGate}; then, when asked to execute, moves the migration to {@code contracted}, waits until every
 * live instance applies it (so none writes the old structure any more), and only then runs the contract DDL that
 * drops the old structure. Each step is recorded in {@code tandem_history}. Running it again after an interruption
 * continues where it stopped: a migration already contracted goes straight to the DDL.
 */
public final class Contract {
    private final Fleet fleet;
    private final ContractGate gate;

    public Contract(Fleet fleet, ContractGate gate) {
        this.fleet = fleet;
        this.gate = gate;
        fleet.contractCheck(gate);
    }

    /**
     * What an execution did.
     *
     * @param report    the gate's verdict
     * @param contracted whether the migration is contracted now
     * @param executed  the DDL statements that ran, in order (all of them when {@link #done()})
     * @param stopped   why it stopped before the end; null when it did not
     */
    public record Outcome(ContractGate.Report report, boolean contracted, List<String> executed, String stopped) {
        public boolean done() {
            return stopped == null;
        }
    }

    /** Evaluates the gate only. */
    public ContractGate.Report check(String migration) throws SQLException {
        return gate.evaluate(migration);
    }

    /**
     * Executes the contract when the gate holds.
     *
     * @param ddl      the statements that drop the old structure (from {@code tandem plan}), run in order
     * @param wait     how long to wait for the live instances to apply {@code contracted}
     * @param actor    who (recorded)
     * @param progress told each step as it happens
     */
    public Outcome execute(String migration, List<String> ddl, Duration wait, String actor, Consumer<String> progress)
            throws SQLException, InterruptedException {
        ContractGate.Report report = gate.evaluate(migration);
        if (!report.holds()) {
            return new Outcome(report, report.phase() == Phase.CONTRACTED, List.of(), "the gate does not hold");
        }
        if (report.phase() != Phase.CONTRACTED) {
            try {
                fleet.flip(new Fleet.Change(migration, Phase.CONTRACTED, null, false, actor,
                        "contract gate held"));
            } catch (PhaseRefusedException | ConcurrentChangeException e) {
                return new Outcome(report, false, List.of(), "the move to contracted was refused: " + e.getMessage());
            }
            progress.accept("phase: contracted");
        }
        Fleet.Convergence c = fleet.awaitConvergence(migration, Phase.CONTRACTED, 100, wait);
        if (!c.done()) {
            return new Outcome(report, true, List.of(), c.lagging().size() + " live instance(s) do not apply"
                    + " contracted yet (" + Fleet.describe(c.lagging(), migration) + "): the old structure was not"
                    + " dropped; run contract --execute again once they do");
        }
        progress.accept("fleet: every live instance applies contracted (" + c.converged().size() + ")");
        List<String> executed = new ArrayList<>();
        String stopped = runDdl(ddl, executed, progress);
        fleet.store().recordEvent(fleet.connection(), migration, HistoryEntry.CONTRACT, null,
                Phase.CONTRACTED.id(), null, stopped == null ? HistoryEntry.OK : "failed", actor,
                stopped == null ? "old structure dropped" : stopped, ContractGate.details(report));
        return new Outcome(report, true, List.copyOf(executed), stopped);
    }

    /**
     * Runs the contract DDL in order; on PostgreSQL and H2, whose DDL is transactional, in one transaction, so that a
     * failure leaves the old structure whole (MariaDB commits each DDL statement by itself: a failure there stops
     * at the statement that failed, and a re-run continues). Returns why it stopped, or null.
     */
    private String runDdl(List<String> ddl, List<String> executed, Consumer<String> progress) throws SQLException {
        Connection c = fleet.connection();
        boolean transactional = fleet.dialect() == Dialect.POSTGRESQL || fleet.dialect() == Dialect.H2;
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            if (transactional) {
                c.setAutoCommit(false);
            }
            for (String sql : ddl) {
                progress.accept("running: " + sql);
                s.execute(sql);
                executed.add(sql);
            }
            if (transactional) {
                c.commit();
            }
            return null;
        } catch (SQLException e) {
            String why = "statement " + (executed.size() + 1) + " of " + ddl.size() + " failed: " + e.getMessage();
            if (transactional) {
                c.rollback();
                executed.clear();
                why += " (rolled back: nothing was dropped)";
            }
            return why;
        } finally {
            if (transactional) {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
