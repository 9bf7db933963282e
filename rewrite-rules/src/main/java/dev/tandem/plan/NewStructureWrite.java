package dev.tandem.plan;

import dev.tandem.rules.Migration;
import dev.tandem.sql.ParameterizedSql;

/**
 * How a write to the old structure runs once the new one is primary (write-new, contracted): the translated
 * statement, and the plan that learns which keys of {@code to} it touched so that {@code from} can be kept fresh
 * through {@code down} (the reverse migration's sync).
 *
 * @param migration the migration (forwards)
 * @param sql       the statement writing {@code to}, parameters mapped to the application's
 * @param reverse   the write plan of {@code sql} against the reversed migration ({@code to} → {@code from})
 */
public record NewStructureWrite(Migration migration, ParameterizedSql sql, WritePlan reverse) {
}
