package dev.tandem.plan;

import dev.tandem.sql.ParameterizedSql;

import java.util.List;

/**
 * How the execution learns the keys of the rows a write touched; the union of every source below. Over-estimating
 * is always safe (the mirror makes {@code to} match {@code from} for each key, whatever happened to it), so each
 * source only has to cover, never to be exact.
 *
 * @param rows      keys the statement's text gives: one list of slots (in {@code from.key} order) per row
 * @param returned  what to ask of the driver's generated keys
 * @param preImages {@code SELECT}s of keys, run (locking) before the statement; often none
 * @param allRowsGenerated whether every row inserted got a generated key (an INSERT ... SELECT that omits the
 *                  key): with {@link ReturnedKeys#AUTO_INCREMENT} the update count then tells how many
 */
public record KeyCapture(List<List<KeySlot>> rows, ReturnedKeys returned, List<ParameterizedSql> preImages,
                         boolean allRowsGenerated) {
    public KeyCapture {
        rows = List.copyOf(rows);
        preImages = List.copyOf(preImages);
    }

    /** A capture with no pre-image. */
    public static KeyCapture of(List<List<KeySlot>> rows, ReturnedKeys returned) {
        return new KeyCapture(rows, returned, List.of(), false);
    }

    /** Whether the execution has nothing to learn: no rows, no generated keys, no pre-image. */
    public boolean isEmpty() {
        return rows.isEmpty() && returned == ReturnedKeys.NONE && preImages.isEmpty();
    }

    /** This capture for a statement planned from {@code outer}'s text (see {@link ParameterizedSql#through}). */
    public KeyCapture through(ParameterizedSql outer) {
        List<List<KeySlot>> mappedRows = new java.util.ArrayList<>();
        for (List<KeySlot> row : rows) {
            List<KeySlot> mapped = new java.util.ArrayList<>();
            for (KeySlot slot : row) {
                mapped.add(slot instanceof KeySlot.Fixed f ? new KeySlot.Fixed(f.fragment().through(outer)) : slot);
            }
            mappedRows.add(mapped);
        }
        List<ParameterizedSql> mappedPreImages = new java.util.ArrayList<>();
        for (ParameterizedSql p : preImages) {
            mappedPreImages.add(p.through(outer));
        }
        return new KeyCapture(mappedRows, returned, mappedPreImages, allRowsGenerated);
    }

    /** Whether some row's key is left to the database. */
    public boolean hasGeneratedSlots() {
        for (List<KeySlot> row : rows) {
            for (KeySlot slot : row) {
                if (slot instanceof KeySlot.Generated) {
                    return true;
                }
            }
        }
        return false;
    }
}
