package dev.tandem.verify;

import dev.tandem.state.Json;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verify found. Counts are keys: a key whose row is missing from the target, extra in the target, or different
 * (some compared column not equal under the shadow compare's normalisation), still so when re-read after a pause.
 * Samples are the first {@value #MAX_SAMPLES} such keys of each kind, as printable text; no column value is ever part
 * of a report.
 *
 * @param migration       the migration id
 * @param reverse         whether {@code from} was compared with {@code down(to)} (else {@code to} with {@code up(from)})
 * @param source          the table whose rows are derived ({@code from}; {@code to} when reverse)
 * @param target          the table compared with the derived rows ({@code to}; {@code from} when reverse)
 * @param rowsCompared    distinct keys compared (on either side)
 * @param chunks          key-range chunks read
 * @param rechecked       keys that differed on the first read and were re-read
 * @param duration        how long the verify took
 */
public record VerifyReport(String migration, boolean reverse, String source, String target, long missing, long extra,
                           long different, List<String> sampleMissing, List<String> sampleExtra,
                           List<String> sampleDifferent, long rowsCompared, long chunks, long rechecked,
                           Duration duration, long fromReads) {
    /** At most this many sample keys of each kind are kept. */
    public static final int MAX_SAMPLES = 10;

    public VerifyReport {
        sampleMissing = List.copyOf(sampleMissing);
        sampleExtra = List.copyOf(sampleExtra);
        sampleDifferent = List.copyOf(sampleDifferent);
    }

    /** Whether nothing is missing, extra or different. */
    public boolean clean() {
        return missing == 0 && extra == 0 && different == 0;
    }

    /** Missing, extra and different keys together. */
    public long drift() {
        return missing + extra + different;
    }

    /** Keys compared per second. */
    public double rowsPerSecond() {
        double s = duration.toNanos() / 1e9;
        return s <= 0 ? rowsCompared : rowsCompared / s;
    }

    /**
     * This report with how much the verify itself read of the migration's {@code from} table, by the database's
     * statistics (see {@code TableActivity}); the contract gate takes it away from the old table's activity.
     */
    public VerifyReport withFromReads(long reads) {
        return new VerifyReport(migration, reverse, source, target, missing, extra, different, sampleMissing,
                sampleExtra, sampleDifferent, rowsCompared, chunks, rechecked, duration, reads);
    }

    /** The counts as recorded in {@code tandem_history.details}: no key, no value. */
    public String detailsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", reverse ? "reverse" : "forward");
        m.put("missing", missing);
        m.put("extra", extra);
        m.put("different", different);
        m.put("rows", rowsCompared);
        m.put("chunks", chunks);
        m.put("rechecked", rechecked);
        m.put("millis", duration.toMillis());
        if (fromReads >= 0) {
            m.put("fromReads", fromReads);
        }
        return Json.write(m);
    }

    /** The report as a JSON document, sample keys included (for {@code verify --json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("migration", migration);
        m.put("direction", reverse ? "reverse" : "forward");
        m.put("source", source);
        m.put("target", target);
        m.put("outcome", clean() ? "clean" : "drift");
        m.put("missing", missing);
        m.put("extra", extra);
        m.put("different", different);
        m.put("sampleMissing", sampleMissing);
        m.put("sampleExtra", sampleExtra);
        m.put("sampleDifferent", sampleDifferent);
        m.put("rows", rowsCompared);
        m.put("chunks", chunks);
        m.put("rechecked", rechecked);
        m.put("millis", duration.toMillis());
        return m;
    }
}
