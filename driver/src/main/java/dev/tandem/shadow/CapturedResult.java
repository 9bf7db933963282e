package dev.tandem.shadow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of a result: its columns and the rows read, up to a cap, and whether it can be compared.
 *
 * <p>Values are the ones {@code getObject} returned, detached from the result set: LOBs ({@link java.sql.Clob},
 * {@link java.sql.NClob}, {@link java.sql.SQLXML}) as {@link String}, {@link java.sql.Blob} as {@code byte[]},
 * {@link java.sql.Array} and {@link java.sql.Struct} as {@link List}, mutable dates as copies. {@link #toString()}
 * never shows a value.
 */
public final class CapturedResult {

    private final List<CapturedColumn> columns;
    private final boolean columnsKnown;
    private final List<List<Object>> rows;
    private final long rowCount;
    private final boolean overflowed;
    private final boolean complete;
    private final Throwable failure;
    private final String status;

    CapturedResult(List<CapturedColumn> columns, List<List<Object>> rows, long rowCount, boolean overflowed,
            boolean complete, Throwable failure, String status) {
        this.columnsKnown = columns != null;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.rowCount = rowCount;
        this.overflowed = overflowed;
        this.complete = complete;
        this.failure = failure;
        this.status = Objects.requireNonNull(status, "status");
    }

    /**
     * A complete result of the given columns and rows (for tests and for callers that hold rows already). Each row must
     * have one value per column; values go through the same detaching as captured ones.
     *
     * @throws IllegalArgumentException when a row has the wrong width or a LOB in it cannot be read
     */
    public static CapturedResult of(List<CapturedColumn> columns, List<? extends List<?>> rows) {
        Objects.requireNonNull(columns, "columns");
        List<List<Object>> copied = new ArrayList<>(rows.size());
        Values.Budget unlimited = new Values.Budget(Long.MAX_VALUE);
        for (List<?> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + (copied.size() + 1) + " has " + row.size()
                        + " values for " + columns.size() + " columns");
            }
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = Values.detach(row.get(i), unlimited);
                } catch (SQLException e) {
                    throw new IllegalArgumentException("value " + (i + 1) + " of row " + (copied.size() + 1)
                            + " cannot be read: " + e.getClass().getSimpleName(), e);
                }
            }
            copied.add(Collections.unmodifiableList(Arrays.asList(values)));
        }
        return new CapturedResult(columns, copied, copied.size(), false, true, null,
                "complete, " + copied.size() + (copied.size() == 1 ? " row" : " rows"));
    }

    /**
     * This result with the given column labels (types and rows unchanged): for comparing a result whose labels are
     * known to differ for a reason that is not a defect.
     *
     * @throws IllegalArgumentException when the number of labels is not the number of columns
     */
    public CapturedResult labelledAs(List<String> labels) {
        if (!columnsKnown) {
            return this;
        }
        if (labels.size() != columns.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + columns.size() + " columns");
        }
        List<CapturedColumn> relabelled = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            CapturedColumn c = columns.get(i);
            relabelled.add(new CapturedColumn(labels.get(i), c.jdbcType(), c.typeName(), c.scale()));
        }
        return new CapturedResult(relabelled, rows, rowCount, overflowed, complete, failure, status);
    }

    /** The columns, in result order; empty when {@link #columnsKnown()} is false. */
    public List<CapturedColumn> columns() {
        return columns;
    }

    /**
     * Whether the columns are known. They are not only when no row was read and the capture was ended without the
     * result set ({@link ResultCapture#end()}): such a result is compared by row count alone.
     */
    public boolean columnsKnown() {
        return columnsKnown;
    }

    /** The column labels, in result order. */
    public List<String> labels() {
        return columns.stream().map(CapturedColumn::label).toList();
    }

    /**
     * The stored rows: every row read, in order; none once the capture {@linkplain #overflowed() overflowed}, failed or
     * was abandoned (it then drops what it held). Unmodifiable; values may be {@code null}.
     */
    public List<List<Object>> rows() {
        return rows;
    }

    /** How many rows were read in all, stored or not. */
    public long rowCount() {
        return rowCount;
    }

    /** Whether the rows read exceeded the row cap or the byte budget: then not every row is stored. */
    public boolean overflowed() {
        return overflowed;
    }

    /**
     * Whether the result was read to its end ({@code next()} returned {@code false}) without a failure and without
     * being abandoned. A result the application stopped reading early is not complete.
     */
    public boolean complete() {
        return complete;
    }

    /** What made the capture fail (reading a value or the metadata), or {@code null}. Never printed by this package. */
    public Throwable failure() {
        return failure;
    }

    /** Whether this result can be compared: complete, not overflowed, not failed. */
    public boolean comparable() {
        return complete && !overflowed && failure == null;
    }

    /** Why this result can or cannot be compared, in words holding no value (counts, caps, exception class names). */
    public String status() {
        return status;
    }

    @Override
    public String toString() {
        return "CapturedResult[" + (columnsKnown ? columns.size() + " columns" : "columns unknown") + ", " + status
                + "]";
    }
}
