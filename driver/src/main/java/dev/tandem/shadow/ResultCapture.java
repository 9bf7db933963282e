package dev.tandem.shadow;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Copies the rows of a {@link ResultSet} as they are read, bounded by a row cap and a byte budget.
 *
 * <p>For the application's result set, a wrapper calls {@link #row(ResultSet)} right after each {@code next()} that
 * returned {@code true} (before the application reads the row, since every column is read once more with
 * {@code getObject}), {@link #end(ResultSet)} when {@code next()} returns {@code false}, and {@link #result()} when it
 * is done (typically on {@code close()}). A result the application closed before its end is not
 * {@linkplain CapturedResult#complete() complete}, and a wrapper that sees the application move backwards or jump
 * (scrollable result sets) calls {@link #abandon(String)}. These methods never throw: a failure to read a value marks
 * the capture failed and leaves the application's result set as it was.
 *
 * <p>For Tandem's own shadow result set, {@link #readAll(ResultSet, int)} reads everything at once.
 *
 * <p>Once the rows read exceed the row cap (default {@value #DEFAULT_ROW_CAP}) or the estimated size of the stored
 * values exceeds the byte budget (default 32 MiB), the capture is {@linkplain CapturedResult#overflowed() overflowed}:
 * it drops what it stored, stores nothing more and only counts rows, so it never holds more than the cap. An
 * overflowed result is not compared. Not thread-safe: one capture per result set, used by the thread reading it.
 */
public final class ResultCapture {

    /** The default row cap. */
    public static final int DEFAULT_ROW_CAP = 10_000;
    /** The default byte budget: 32 MiB of estimated value size. */
    public static final long DEFAULT_BYTE_CAP = 32L << 20;

    private final int rowCap;
    private final long byteCap;
    private final Values.Budget budget;
    private List<CapturedColumn> columns;
    private ArrayList<List<Object>> rows = new ArrayList<>();
    private long rowCount;
    private boolean overflowed;
    private String overflowReason;
    private boolean ended;
    private String abandoned;
    private Throwable failure;

    /** A capture with the default row cap and byte budget. */
    public ResultCapture() {
        this(DEFAULT_ROW_CAP, DEFAULT_BYTE_CAP);
    }

    /** A capture with the given row cap and the default byte budget. */
    public ResultCapture(int rowCap) {
        this(rowCap, DEFAULT_BYTE_CAP);
    }

    /**
     * A capture storing at most {@code rowCap} rows whose values are estimated to take at most {@code byteCap} bytes.
     *
     * @throws IllegalArgumentException when a cap is negative
     */
    public ResultCapture(int rowCap, long byteCap) {
        if (rowCap < 0 || byteCap < 0) {
            throw new IllegalArgumentException("caps must be >= 0: rowCap " + rowCap + ", byteCap " + byteCap);
        }
        this.rowCap = rowCap;
        this.byteCap = byteCap;
        this.budget = new Values.Budget(byteCap);
    }

    /**
     * Reads {@code rs} to its end and returns what it held, storing at most {@code cap} rows. Past the cap the rows are
     * still read and counted, not stored. Leaves {@code rs} open (after its last row).
     *
     * @throws SQLException when reading the result set fails
     */
    public static CapturedResult readAll(ResultSet rs, int cap) throws SQLException {
        return readAll(rs, cap, DEFAULT_BYTE_CAP);
    }

    /** {@link #readAll(ResultSet, int)} with a byte budget as well. */
    public static CapturedResult readAll(ResultSet rs, int cap, long byteCap) throws SQLException {
        ResultCapture capture = new ResultCapture(cap, byteCap);
        capture.columns = describe(rs.getMetaData());
        while (rs.next()) {
            capture.capture(rs);
        }
        capture.ended = true;
        return capture.result();
    }

    /**
     * Reads {@code rs} until its end or until a cap is passed, whichever comes first: an overflowed result is not
     * compared, so the rows past the cap are not worth reading. Leaves {@code rs} open.
     *
     * @throws SQLException when reading the result set fails
     */
    public static CapturedResult readWithin(ResultSet rs, int cap) throws SQLException {
        ResultCapture capture = new ResultCapture(cap, DEFAULT_BYTE_CAP);
        capture.columns = describe(rs.getMetaData());
        while (!capture.overflowed && rs.next()) {
            capture.capture(rs);
        }
        capture.ended = !capture.overflowed;
        return capture.result();
    }

    /**
     * Records the columns from {@code metaData}, unless they are known already (the first {@link #row(ResultSet)} and
     * {@link #end(ResultSet)} do this by themselves). Never throws: a failure marks the capture failed.
     */
    public void columns(ResultSetMetaData metaData) {
        if (columns != null || failure != null) {
            return;
        }
        try {
            columns = describe(metaData);
        } catch (SQLException | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Copies the current row of {@code rs}: call right after a {@code next()} that returned {@code true}. Past the row
     * cap (or the byte budget) the row is only counted. Never throws.
     */
    public void row(ResultSet rs) {
        if (ended) {
            abandon("rows were read after the end of the result");
            return;
        }
        try {
            capture(rs);
        } catch (SQLException | RuntimeException e) {
            fail(e);
        }
    }

    /** Marks the result read to its end ({@code next()} returned {@code false}), recording its columns if unknown. */
    public void end(ResultSet rs) {
        if (columns == null && failure == null && rs != null) {
            try {
                columns(rs.getMetaData());
            } catch (SQLException | RuntimeException e) {
                fail(e);
            }
        }
        ended = true;
    }

    /** Marks the result read to its end without recording its columns (they stay unknown if no row was read). */
    public void end() {
        ended = true;
    }

    /**
     * Gives up on this capture: the result will not be compared. {@code reason} must hold no value (it is printed):
     * e.g. {@code "the application scrolled backwards"}.
     */
    public void abandon(String reason) {
        if (abandoned == null) {
            abandoned = reason == null ? "abandoned" : reason;
        }
        release();
    }

    /**
     * Whether rows are still being stored: not overflowed, failed nor abandoned. Past that, {@link #row(ResultSet)}
     * only counts (it reads nothing), so a wrapper keeps calling it and {@link #end(ResultSet)} for the counts.
     */
    public boolean storing() {
        return !overflowed && failure == null && abandoned == null;
    }

    /** How many rows were read so far, stored or not. */
    public long rowCount() {
        return rowCount;
    }

    /** A snapshot of what was captured so far; the capture may go on afterwards. */
    public CapturedResult result() {
        boolean complete = ended && failure == null && abandoned == null;
        return new CapturedResult(columns, rows, rowCount, overflowed, complete, failure, status());
    }

    private void capture(ResultSet rs) throws SQLException {
        rowCount++;
        if (!storing()) {
            return;
        }
        if (columns == null) {
            columns = describe(rs.getMetaData());
        }
        if (rows.size() >= rowCap) {
            overflow("more rows than the row cap of " + rowCap);
            return;
        }
        Object[] values = new Object[columns.size()];
        long size = 16;
        for (int i = 0; i < values.length; i++) {
            Object v;
            try {
                v = Values.detachOrTooLarge(rs.getObject(i + 1), budget);
            } catch (Values.TooLarge e) {
                overflow("values larger than the byte budget of " + byteCap + " bytes");
                return;
            }
            values[i] = v;
            size += 8 + Values.estimateSize(v);
        }
        if (!budget.charge(size)) {
            overflow("values larger than the byte budget of " + byteCap + " bytes");
            return;
        }
        rows.add(Collections.unmodifiableList(Arrays.asList(values)));
    }

    private void overflow(String reason) {
        overflowed = true;
        overflowReason = reason;
        release();
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        release();
    }

    /** Drops the stored rows: a capture that will not be compared holds no memory. */
    private void release() {
        rows = new ArrayList<>(0);
    }

    private String status() {
        String count = rowCount + (rowCount == 1 ? " row" : " rows") + " read";
        if (failure != null) {
            return "capture failed after " + count + ": " + Comparison.describeFailure(failure);
        }
        if (abandoned != null) {
            return "capture abandoned after " + count + ": " + abandoned;
        }
        if (overflowed) {
            return "overflowed (" + overflowReason + ") with " + count + (ended ? "" : ", not read to the end");
        }
        if (!ended) {
            return "not read to the end: " + count;
        }
        return "complete, " + count;
    }

    private static List<CapturedColumn> describe(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<CapturedColumn> list = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            int type = Types.OTHER;
            String typeName = "";
            int scale = -1;
            try {
                type = md.getColumnType(i);
                typeName = md.getColumnTypeName(i);
                scale = md.getScale(i);
            } catch (SQLException | RuntimeException ignored) {
                // a driver that cannot tell: compared without the type's help
            }
            list.add(new CapturedColumn(label == null ? "" : label, type, typeName, scale));
        }
        return List.copyOf(list);
    }
}
