package dev.tandem.bench.workload;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * H2's triggers are Java classes: these do configuration (6)'s dual-write on H2, as the plpgsql and MariaDB
 * triggers do it on those databases (see {@link Schema#installTrigger}). Row layout of {@code bn_account}: id, name,
 * email, email_norm, balance.
 */
public final class H2Triggers {
    private H2Triggers() {
    }

    /** Column-level, BEFORE INSERT, UPDATE: {@code email_norm = LOWER(email)}. */
    public static final class Normalize implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
            Object email = newRow[2];
            newRow[3] = email == null ? null : email.toString().toLowerCase(Locale.ROOT);
        }
    }

    /** Table-level, AFTER INSERT, UPDATE, DELETE: the row of {@code bn_account2} follows the row of {@code bn_account}. */
    public static final class Mirror implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            if (newRow == null) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + Schema.ACCOUNT2 + " WHERE id = ?")) {
                    ps.setObject(1, oldRow[0]);
                    ps.executeUpdate();
                }
                return;
            }
            try (PreparedStatement ps = conn.prepareStatement("MERGE INTO " + Schema.ACCOUNT2
                    + " (id, display_name, email, balance) KEY (id) VALUES (?, ?, LOWER(?), ?)")) {
                ps.setObject(1, newRow[0]);
                ps.setObject(2, newRow[1]);
                ps.setObject(3, newRow[2]);
                ps.setObject(4, newRow[4]);
                ps.executeUpdate();
            }
        }
    }
}
