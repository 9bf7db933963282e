package dev.tandem.execution;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** H2 trigger for {@link AtomicityTest}: logs the table written and the id of the transaction writing it. */
public final class TransactionIdLog implements Trigger {
    private String table;
    private String log;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
        this.log = triggerName.substring(0, triggerName.lastIndexOf('_')) + "_log";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object txid;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT TRANSACTION_ID()")) {
            rs.next();
            txid = rs.getObject(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + log + " (tbl, txid) VALUES (?, ?)")) {
            ps.setString(1, table.toLowerCase(java.util.Locale.ROOT));
            ps.setString(2, String.valueOf(txid));
            ps.executeUpdate();
        }
    }
}
