package dev.tandem.translate;

import dev.tandem.sql.ParameterizedSql;

/**
 * A read translated onto the new structure.
 *
 * @param sql     the translated SQL, parameters mapped to the application's
 * @param ordered whether the query orders its result (a shadow compare then compares sequences, not multisets)
 */
public record TranslatedRead(ParameterizedSql sql, boolean ordered) {
}
