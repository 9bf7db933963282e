package dev.tandem.state;

import java.sql.SQLException;
import java.util.List;

/**
 * Decides whether a migration may move to {@code contracted}: the contract gate, as {@link Fleet} sees it. The
 * real gate is {@code dev.tandem.contract.ContractGate}; without it only a forced change moves to
 * {@code contracted}.
 */
@FunctionalInterface
public interface ContractCheck {
    /** Refuses every move to contracted, pointing at the contract command. */
    ContractCheck NONE = current -> List.of("contracted needs the contract gate (write-new soaked, a clean verify,"
            + " no use of the old structure by any caller, no outside activity on the old table): run"
            + " 'tandem contract " + current.id() + "' to check it");

    /** Why {@code current} may not move to contracted; empty when it may. */
    List<String> refusals(Fleet.Standing current) throws SQLException;
}
