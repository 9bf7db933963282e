package dev.tandem.translate;

import dev.tandem.sql.ParameterizedSql;

/**
 * A read translated onto the new structure.
 *
 * @param sql     the translated SQL, parameters mapped to the application's
 * @param ordered     whether the query orders its result (a shadow compare then compares sequences, not multisets)
 * @param labelsExact whether every column label is the one the original read has (false where the database labels a
 *                    computed column by its own rendering of the expression, which the translation changes: H2)
 */
public record TranslatedRead(ParameterizedSql sql, boolean ordered, boolean labelsExact) {
}
