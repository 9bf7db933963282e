package dev.tandem.plan;

import dev.tandem.rules.Migration;
import dev.tandem.rules.TableRef;
import dev.tandem.sql.Dialect.WriteKind;

import java.util.List;

/**
 * How to mirror one write to a migrated {@code from} table: which rows it touched ({@link KeyCapture}) and what to do
 * in {@code to} for each of them ({@link SyncMode}), for every migration of that table. Immutable.
 *
 * @param table      the {@code from} table written
 * @param migrations every migration whose {@code from} it is
 * @param kind       INSERT (including upserts and REPLACE), UPDATE or DELETE
 * @param sync       what the mirror does per key
 * @param keys       how the keys are learned
 * @param shape      a short description of the statement's shape for logs and metrics ("INSERT ... VALUES")
 */
public record WritePlan(TableRef table, List<Migration> migrations, WriteKind kind, SyncMode sync, KeyCapture keys,
                        String shape) {
    public WritePlan {
        migrations = List.copyOf(migrations);
    }

    /** The key columns of {@code from}, in order: the slots of every key row follow it. */
    public List<String> keyColumns() {
        return table.key();
    }

    /** This plan for a statement planned from {@code outer}'s text: parameters refer to the application's. */
    public WritePlan mapParameters(dev.tandem.sql.ParameterizedSql outer) {
        return new WritePlan(table, migrations, kind, sync, keys.through(outer), shape);
    }

    /** Whether some migration needs the mirror for this write (a DELETE needs none in a column-level one). */
    public boolean needsMirror(Migration m) {
        return !(m.columnLevel() && sync == SyncMode.DELETE);
    }
}
