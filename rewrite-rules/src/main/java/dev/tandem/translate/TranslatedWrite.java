package dev.tandem.translate;

import dev.tandem.rules.Migration;
import dev.tandem.sql.ParameterizedSql;

/**
 * A write translated onto the new structure (write-new, contracted).
 *
 * @param sql     the statement writing {@code to}, parameters mapped to the application's
 * @param reverse the migration reversed ({@code to} → {@code from} through {@code down}): planning {@code sql} as a
 *                write of it tells which keys the statement touched, and syncing them keeps {@code from} fresh
 */
public record TranslatedWrite(ParameterizedSql sql, Migration reverse) {
}
