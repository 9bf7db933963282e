package dev.tandem.shadow;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The outcome of comparing an original result with its shadow ({@link ResultComparison#compare}). Immutable.
 *
 * <p>{@link #toString()} and {@link #describe(boolean) describe(false)} hold no value: only outcomes, counts, row
 * positions, column labels and key hashes. (Labels that do not look like identifiers, such as H2's or MariaDB's labels
 * for unaliased expressions, which may quote a literal of the statement, are shown by position instead: {@code #3}.)
 * {@link #describe(boolean) describe(true)} adds sample rows with their values, for {@code tandem.logValues}.
 */
public final class Comparison {

    /** What a comparison concluded. */
    public enum Outcome {
        /** The two results are equal after normalisation. */
        MATCH,
        /** The columns or the rows differ. */
        MISMATCH,
        /** Not compared: a side overflowed its cap, was not read to its end, or its capture failed. */
        SKIPPED
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$#@]{0,127}|\\?column\\?");

    private final Outcome outcome;
    private final boolean ordered;
    private final String skipReason;
    private final long originalRows;
    private final long shadowRows;
    private final boolean columnsDiffer;
    private final List<String> originalLabels;
    private final List<String> shadowLabels;
    private final boolean rowsCompared;
    private final long onlyInOriginal;
    private final long onlyInShadow;
    private final long differingRowPairs;
    private final int firstOutOfOrderRow;
    private final List<String> differingColumns;
    private final List<Integer> differingColumnPositions;
    private final boolean keysHashed;
    private final List<String> differingKeyHashes;
    private final long differingKeyCount;
    private final String attribution;
    private final List<List<Object>> sampleOnlyInOriginal;
    private final List<List<Object>> sampleOnlyInShadow;

    Comparison(Builder b) {
        this.outcome = Objects.requireNonNull(b.outcome, "outcome");
        this.ordered = b.ordered;
        this.skipReason = b.skipReason;
        this.originalRows = b.originalRows;
        this.shadowRows = b.shadowRows;
        this.columnsDiffer = b.columnsDiffer;
        this.originalLabels = List.copyOf(b.originalLabels);
        this.shadowLabels = List.copyOf(b.shadowLabels);
        this.rowsCompared = b.rowsCompared;
        this.onlyInOriginal = b.onlyInOriginal;
        this.onlyInShadow = b.onlyInShadow;
        this.differingRowPairs = b.differingRowPairs;
        this.firstOutOfOrderRow = b.firstOutOfOrderRow;
        this.differingColumns = List.copyOf(b.differingColumns);
        this.differingColumnPositions = List.copyOf(b.differingColumnPositions);
        this.keysHashed = b.keysHashed;
        this.differingKeyHashes = List.copyOf(b.differingKeyHashes);
        this.differingKeyCount = b.differingKeyCount;
        this.attribution = b.attribution;
        this.sampleOnlyInOriginal = List.copyOf(b.sampleOnlyInOriginal);
        this.sampleOnlyInShadow = List.copyOf(b.sampleOnlyInShadow);
    }

    /** MATCH, MISMATCH or SKIPPED. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the rows were compared as sequences ({@code true}) or as multisets. */
    public boolean ordered() {
        return ordered;
    }

    /** Why the comparison was skipped (no value in it), or {@code null} unless {@link Outcome#SKIPPED}. */
    public String skipReason() {
        return skipReason;
    }

    /** Rows the original result had (read in all, also when skipped). */
    public long originalRows() {
        return originalRows;
    }

    /** Rows the shadow result had (read in all, also when skipped). */
    public long shadowRows() {
        return shadowRows;
    }

    /** Whether the two results have different column counts or labels (labels compared exactly, case included). */
    public boolean columnsDiffer() {
        return columnsDiffer;
    }

    /**
     * Whether rows were compared: {@code false} when skipped, or when the column counts differ. The row counts below
     * are 0 then.
     */
    public boolean rowsCompared() {
        return rowsCompared;
    }

    /** Rows of the original missing from the shadow, counted as a multiset difference (duplicates count). */
    public long onlyInOriginal() {
        return onlyInOriginal;
    }

    /** Rows of the shadow missing from the original, counted as a multiset difference (duplicates count). */
    public long onlyInShadow() {
        return onlyInShadow;
    }

    /**
     * How many rows only in the original could be paired with a row only in the shadow (same key, or else most columns
     * equal) to tell which columns differ. Each pair is also counted once in each of the two counts above.
     */
    public long differingRowPairs() {
        return differingRowPairs;
    }

    /** In an ordered comparison, whether the same rows came in a different order. */
    public boolean orderDiffers() {
        return firstOutOfOrderRow > 0;
    }

    /** In an ordered comparison of the same rows, the first position (1-based) where they differ; else 0. */
    public int firstOutOfOrderRow() {
        return firstOutOfOrderRow;
    }

    /**
     * Labels of the columns whose values differ, in column order (the original's labels): columns that differ between
     * rows paired by key (or by most columns equal), else columns whose multisets of values differ among the unmatched
     * rows. When the labels themselves differ at a position, both labels are listed. Empty when the results match, and
     * when rows are only missing or extra without a counterpart, or only in a different order. Raw labels: see the
     * class comment before logging them.
     */
    public List<String> differingColumns() {
        return differingColumns;
    }

    /** Whether the key columns were found in both results, so that {@link #differingKeyHashes()} could be computed. */
    public boolean keysHashed() {
        return keysHashed;
    }

    /**
     * For rows that differ (only in one result, or paired with a different row of the same key), a short hash of
     * their key values: the first 12 hex digits of SHA-256 over a canonical encoding of the normalised key (see
     * {@link ResultComparison#keyHash(List)}), distinct, at most {@link ResultComparison#MAX_KEY_HASHES}. Empty unless
     * {@link #keysHashed()}. A hash, never a value; note that a small key space (e.g. integer ids) can be searched.
     */
    public List<String> differingKeyHashes() {
        return differingKeyHashes;
    }

    /** How many distinct differing keys there were ({@link #differingKeyHashes()} holds the first 100 of them). */
    public long differingKeyCount() {
        return differingKeyCount;
    }

    /** {@link #describe(boolean) describe(false)}: no value in it. */
    @Override
    public String toString() {
        return describe(false);
    }

    /**
     * A one-line account of the comparison. With {@code includeValues} false it holds no value (outcome, counts,
     * positions, labels, key hashes); with {@code true} (only when {@code tandem.logValues} asks for it) it adds up to
     * {@value ResultComparison#SAMPLE_ROWS} sample rows only in each result, with their values.
     */
    public String describe(boolean includeValues) {
        StringBuilder sb = new StringBuilder();
        sb.append(outcome).append(ordered ? " (ordered)" : " (multiset)").append(": ");
        if (outcome == Outcome.SKIPPED) {
            sb.append(skipReason);
            return sb.toString();
        }
        if (originalRows == shadowRows) {
            sb.append(originalRows).append(originalRows == 1 ? " row" : " rows").append(" on each side");
        } else {
            sb.append("original ").append(originalRows).append(originalRows == 1 ? " row" : " rows")
                    .append(", shadow ").append(shadowRows).append(shadowRows == 1 ? " row" : " rows");
        }
        if (outcome == Outcome.MATCH) {
            return sb.toString();
        }
        if (columnsDiffer) {
            sb.append("; column labels differ: original ").append(safeLabels(originalLabels))
                    .append(", shadow ").append(safeLabels(shadowLabels));
        }
        if (!rowsCompared) {
            sb.append("; rows not compared (different column counts)");
            return sb.toString();
        }
        if (onlyInOriginal > 0 || onlyInShadow > 0) {
            sb.append("; ").append(onlyInOriginal).append(" only in original, ").append(onlyInShadow)
                    .append(" only in shadow");
            if (differingRowPairs > 0) {
                sb.append(" (").append(differingRowPairs).append(differingRowPairs == 1 ? " pair" : " pairs")
                        .append(" of rows differing in some columns)");
            }
        }
        if (firstOutOfOrderRow > 0) {
            sb.append("; the same rows in a different order, first at row ").append(firstOutOfOrderRow);
        }
        if (!differingColumns.isEmpty()) {
            sb.append("; differing columns ").append(safeDifferingColumns());
            if (attribution != null) {
                sb.append(' ').append(attribution);
            }
        }
        if (keysHashed && differingKeyCount > 0) {
            sb.append("; differing keys (sha256/12) ").append(differingKeyHashes);
            if (differingKeyCount > differingKeyHashes.size()) {
                sb.append(" (first ").append(differingKeyHashes.size()).append(" of ").append(differingKeyCount)
                        .append(')');
            }
        }
        if (includeValues) {
            appendSamples(sb, "rows only in original", originalLabels, sampleOnlyInOriginal);
            appendSamples(sb, "rows only in shadow", shadowLabels.isEmpty() ? originalLabels : shadowLabels,
                    sampleOnlyInShadow);
        }
        return sb.toString();
    }

    private String safeDifferingColumns() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < differingColumns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(safeLabel(differingColumns.get(i), differingColumnPositions.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String safeLabels(List<String> labels) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(safeLabel(labels.get(i), i + 1));
        }
        return sb.append(']').toString();
    }

    /** The label when it looks like an identifier, else {@code #position}: a label may quote a literal. */
    static String safeLabel(String label, int position) {
        return label != null && IDENTIFIER.matcher(label).matches() ? label : "#" + position;
    }

    private static void appendSamples(StringBuilder sb, String what, List<String> labels, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("; ").append(what).append(": ");
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            sb.append(r == 0 ? "{" : ", {");
            for (int c = 0; c < row.size(); c++) {
                String label = c < labels.size() ? labels.get(c) : "#" + (c + 1);
                sb.append(c == 0 ? "" : ", ").append(label).append('=').append(Values.render(row.get(c)));
            }
            sb.append('}');
        }
    }

    /** An exception as it may be printed: its class and SQLState, never its message (which may quote a value). */
    static String describeFailure(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof SQLException s && s.getSQLState() != null) {
            sb.append(" (SQLState ").append(s.getSQLState()).append(')');
        }
        return sb.toString();
    }

    /** Collects the fields of a {@link Comparison}. */
    static final class Builder {
        Outcome outcome;
        boolean ordered;
        String skipReason;
        long originalRows;
        long shadowRows;
        boolean columnsDiffer;
        List<String> originalLabels = List.of();
        List<String> shadowLabels = List.of();
        boolean rowsCompared;
        long onlyInOriginal;
        long onlyInShadow;
        long differingRowPairs;
        int firstOutOfOrderRow;
        List<String> differingColumns = List.of();
        List<Integer> differingColumnPositions = List.of();
        boolean keysHashed;
        List<String> differingKeyHashes = List.of();
        long differingKeyCount;
        String attribution;
        List<List<Object>> sampleOnlyInOriginal = List.of();
        List<List<Object>> sampleOnlyInShadow = List.of();

        Comparison build() {
            return new Comparison(this);
        }
    }
}
