package dev.tandem.execution;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** H2 trigger for {@link AtomicityTest}: fails like a deadlock (SQLState 40001) when a row is named 'poison'. */
public final class DeadlockOnPoison implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && "poison".equals(newRow[1])) {
            throw new SQLException("deadlock", "40001");
        }
    }
}
