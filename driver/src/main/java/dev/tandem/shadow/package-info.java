/**
 * The shadow compare of phase {@code read-both}: capturing a result as it is read and comparing two captured results
 * after normalisation.
 *
 * <p>This package knows nothing of plans, phases or migrations. {@link dev.tandem.shadow.ResultCapture} copies the rows
 * of a {@link java.sql.ResultSet} (the application's, row by row as it reads them, or Tandem's own shadow result, all
 * at once), bounded by a row cap and a byte budget, into an immutable {@link dev.tandem.shadow.CapturedResult}.
 * {@link dev.tandem.shadow.ResultComparison#compare} compares two of them as row multisets (or sequences) and returns a
 * {@link dev.tandem.shadow.Comparison}: the outcome, the labels of the differing columns, short hashes of the differing
 * keys and counts. Nothing it prints contains a value unless {@link dev.tandem.shadow.Comparison#describe(boolean)}
 * is asked for values. The rules are written down in {@code src/docs/shadow-compare.md}.
 */
package dev.tandem.shadow;
