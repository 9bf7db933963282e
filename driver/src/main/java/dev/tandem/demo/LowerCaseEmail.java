package dev.tandem.demo;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.util.Locale;

/** The demo's trigger on {@code person}: stores e-mail addresses in lower case (so the mirror must copy the row as stored). */
public final class LowerCaseEmail implements Trigger {
    private int column;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws java.sql.SQLException {
        try (var rs = conn.getMetaData().getColumns(null, schemaName, tableName, "EMAIL")) {
            column = rs.next() ? rs.getInt("ORDINAL_POSITION") - 1 : -1;
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (column >= 0 && newRow != null && newRow[column] instanceof String s) {
            newRow[column] = s.toLowerCase(Locale.ROOT);
        }
    }
}
