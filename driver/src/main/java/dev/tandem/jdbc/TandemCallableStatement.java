package dev.tandem.jdbc;

import dev.tandem.execution.KeysRequest;
import dev.tandem.jdbc.forward.CallableStatementForwarder;
import dev.tandem.plan.StatementPlan;

import java.sql.CallableStatement;

/**
 * The application's {@link CallableStatement}. What a stored procedure writes is invisible to Tandem: a call that
 * names a migrated table is counted as unmirrored (and refused once the new structure is authoritative); every
 * other call is forwarded untouched.
 */
public final class TandemCallableStatement extends TandemPreparedStatement implements CallableStatementForwarder {
    private final CallableStatement vendor;

    TandemCallableStatement(TandemConnection connection, CallableStatement vendor, StatementPlan plan) {
        super(connection, vendor, null, plan, KeysRequest.NONE, false);
        this.vendor = vendor;
    }

    @Override
    public CallableStatement delegate() {
        return vendor;
    }

}
