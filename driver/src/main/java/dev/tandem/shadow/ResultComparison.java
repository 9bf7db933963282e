package dev.tandem.shadow;

import dev.tandem.shadow.Normalizer.ColumnRule;
import dev.tandem.shadow.Normalizer.TemporalMode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares an original result with its shadow, after normalisation (see {@code src/docs/shadow-compare.md}).
 *
 * <p>Rows are compared as multisets (duplicates counted), or as sequences when {@code ordered}. Values are equal when
 * their canonical forms are: numbers by numeric value (any type, any scale; booleans as 1 and 0), strings exactly but
 * for the trailing spaces of fixed-width ({@code CHAR}) columns, {@code byte[]} by content, timestamps and times at the
 * lower of the two sides' precisions (the column's declared fractional digits, or the most digits its values show),
 * dates as dates, {@code null} only with {@code null}. A value cut to fewer digits is equal if it is equal truncated or
 * rounded (databases do either when they store a value at a lower precision). Stateless and thread-safe.
 */
public final class ResultComparison {

    /** At most this many key hashes are kept in a {@link Comparison}. */
    public static final int MAX_KEY_HASHES = 100;
    /** At most this many rows only in each result are kept as samples for {@link Comparison#describe(boolean)}. */
    public static final int SAMPLE_ROWS = 5;
    /** Unmatched rows are paired by closeness only when (only in original) x (only in shadow) is at most this. */
    static final long PAIRING_BUDGET = 250_000;

    private ResultComparison() {
    }

    /** {@link #compare(CapturedResult, CapturedResult, boolean, List)} without key columns. */
    public static Comparison compare(CapturedResult original, CapturedResult shadow, boolean ordered) {
        return compare(original, shadow, ordered, List.of());
    }

    /**
     * Compares two captured results.
     *
     * @param original  the result the application got
     * @param shadow    the result of the translated statement
     * @param ordered   compare as sequences (the statement orders its rows totally) rather than as multisets
     * @param keyLabels labels of the columns that identify a row (matched ignoring case); used to pair differing rows
     *                  and to hash their keys only when every one of them is in both results; may be empty or null
     */
    public static Comparison compare(CapturedResult original, CapturedResult shadow, boolean ordered,
            List<String> keyLabels) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(shadow, "shadow");
        List<String> keys = keyLabels == null ? List.of() : keyLabels;
        Comparison.Builder b = new Comparison.Builder();
        b.ordered = ordered;
        b.originalRows = original.rowCount();
        b.shadowRows = shadow.rowCount();
        b.originalLabels = original.labels();
        b.shadowLabels = shadow.labels();

        if (!original.comparable() || !shadow.comparable()) {
            List<String> reasons = new ArrayList<>(2);
            if (!original.comparable()) {
                reasons.add("original " + original.status());
            }
            if (!shadow.comparable()) {
                reasons.add("shadow " + shadow.status());
            }
            b.outcome = Comparison.Outcome.SKIPPED;
            b.skipReason = String.join("; ", reasons);
            return b.build();
        }
        return new Run(original, shadow, ordered, keys, b).compare();
    }

    /**
     * The hash {@link Comparison#differingKeyHashes()} reports for a key of these values, for finding a reported key:
     * the first 12 hex digits of SHA-256 over the canonical encoding of the values normalised as the comparison does
     * (numbers without scale, booleans as 1/0, full temporal precision, strings as given).
     */
    public static String keyHash(List<?> keyValues) {
        List<Object> canonical = new ArrayList<>(keyValues.size());
        for (Object v : keyValues) {
            Object detached;
            try {
                detached = Values.detach(v, new Values.Budget(Long.MAX_VALUE));
            } catch (java.sql.SQLException e) {
                throw new IllegalArgumentException("a key value cannot be read: " + Comparison.describeFailure(e), e);
            }
            canonical.add(Normalizer.canonical(detached, ColumnRule.PLAIN, TemporalMode.TRUNCATE));
        }
        return Normalizer.keyHash(canonical);
    }

    /** One comparison under way. */
    private static final class Run {
        private final CapturedResult original;
        private final CapturedResult shadow;
        private final boolean ordered;
        private final List<String> keyLabels;
        private final Comparison.Builder b;
        private final List<List<Object>> rowsO;
        private final List<List<Object>> rowsS;
        private int width;
        private ColumnRule[] rules;
        private boolean rounding;
        private List<List<Object>> truncO;
        private List<List<Object>> truncS;
        private List<List<Object>> roundO;
        private List<List<Object>> roundS;

        Run(CapturedResult original, CapturedResult shadow, boolean ordered, List<String> keyLabels,
                Comparison.Builder b) {
            this.original = original;
            this.shadow = shadow;
            this.ordered = ordered;
            this.keyLabels = keyLabels;
            this.b = b;
            this.rowsO = original.rows();
            this.rowsS = shadow.rows();
        }

        Comparison compare() {
            Map<Integer, String> labelDifferences = new TreeMap<>();
            if (original.columnsKnown() && shadow.columnsKnown()) {
                List<String> lo = original.labels();
                List<String> ls = shadow.labels();
                if (!lo.equals(ls)) {
                    b.columnsDiffer = true;
                    for (int i = 0; i < Math.max(lo.size(), ls.size()); i++) {
                        String a = i < lo.size() ? lo.get(i) : null;
                        String s = i < ls.size() ? ls.get(i) : null;
                        if (!Objects.equals(a, s)) {
                            labelDifferences.put(i, a);
                        }
                    }
                }
                if (lo.size() != ls.size()) {
                    List<String> columns = new ArrayList<>();
                    List<Integer> positions = new ArrayList<>();
                    for (Map.Entry<Integer, String> e : labelDifferences.entrySet()) {
                        addLabelDifference(e.getKey(), columns, positions);
                    }
                    b.differingColumns = columns;
                    b.differingColumnPositions = positions;
                    b.outcome = Comparison.Outcome.MISMATCH;
                    b.rowsCompared = false;
                    return b.build();
                }
            }
            b.rowsCompared = true;
            width = original.columnsKnown() ? original.columns().size() : shadow.columns().size();
            rules = new ColumnRule[width];
            for (int c = 0; c < width; c++) {
                rules[c] = rule(c);
            }
            truncO = canonicalRows(rowsO, TemporalMode.TRUNCATE);
            truncS = canonicalRows(rowsS, TemporalMode.TRUNCATE);
            if (rounding) {
                roundO = canonicalRows(rowsO, TemporalMode.ROUND);
                roundS = canonicalRows(rowsS, TemporalMode.ROUND);
            }

            // multiset matching: exactly (truncated), then what is left over under rounding
            List<Integer> leftO = new ArrayList<>();
            List<Integer> leftS = new ArrayList<>();
            match(range(truncO.size()), range(truncS.size()), truncO, truncS, leftO, leftS);
            if (rounding && !leftO.isEmpty() && !leftS.isEmpty()) {
                List<Integer> o = leftO;
                List<Integer> s = leftS;
                leftO = new ArrayList<>();
                leftS = new ArrayList<>();
                match(o, s, roundO, roundS, leftO, leftS);
            }
            b.onlyInOriginal = leftO.size();
            b.onlyInShadow = leftS.size();

            if (ordered && leftO.isEmpty() && leftS.isEmpty()) {
                for (int i = 0; i < truncO.size(); i++) {
                    if (!rowEqual(i, i)) {
                        b.firstOutOfOrderRow = i + 1;
                        break;
                    }
                }
            }

            Set<Integer> differing = new TreeSet<>();
            if (!leftO.isEmpty() || !leftS.isEmpty()) {
                analyse(leftO, leftS, differing);
            }
            List<String> columns = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            Set<Integer> all = new TreeSet<>(differing);
            all.addAll(labelDifferences.keySet());
            for (int c : all) {
                if (labelDifferences.containsKey(c)) {
                    addLabelDifference(c, columns, positions);
                } else {
                    columns.add(label(c));
                    positions.add(c + 1);
                }
            }
            b.differingColumns = columns;
            b.differingColumnPositions = positions;
            b.sampleOnlyInOriginal = sample(rowsO, leftO);
            b.sampleOnlyInShadow = sample(rowsS, leftS);
            boolean same = !b.columnsDiffer && leftO.isEmpty() && leftS.isEmpty() && b.firstOutOfOrderRow == 0;
            b.outcome = same ? Comparison.Outcome.MATCH : Comparison.Outcome.MISMATCH;
            return b.build();
        }

        /** Lists both labels of a position where they differ (the original's first, then the shadow's). */
        private void addLabelDifference(int c, List<String> columns, List<Integer> positions) {
            List<String> lo = original.labels();
            List<String> ls = shadow.labels();
            if (c < lo.size()) {
                columns.add(lo.get(c));
                positions.add(c + 1);
            }
            if (c < ls.size() && !columns.contains(ls.get(c))) {
                columns.add(ls.get(c));
                positions.add(c + 1);
            }
        }

        private String label(int c) {
            return original.columnsKnown() ? original.columns().get(c).label() : shadow.columns().get(c).label();
        }

        private ColumnRule rule(int c) {
            CapturedColumn co = original.columnsKnown() ? original.columns().get(c) : null;
            CapturedColumn cs = shadow.columnsKnown() ? shadow.columns().get(c) : null;
            boolean strip = (co != null && co.fixedWidthCharacter()) || (cs != null && cs.fixedWidthCharacter());
            int po = precision(co, rowsO, c);
            int ps = precision(cs, rowsS, c);
            if (po >= 0 && ps >= 0 && po != ps) {
                rounding = true;
            }
            int p = Math.min(po < 0 ? 9 : po, ps < 0 ? 9 : ps);
            int kinds = 0;
            for (List<Object> row : rowsO) {
                kinds |= Normalizer.timestampKinds(row.get(c));
            }
            for (List<Object> row : rowsS) {
                kinds |= Normalizer.timestampKinds(row.get(c));
            }
            return new ColumnRule(strip, p, kinds == 3);
        }

        /** A side's temporal precision in a column: its declared digits or the most its values show; -1 if neither. */
        private static int precision(CapturedColumn column, List<List<Object>> rows, int c) {
            int p = column == null ? -1 : column.declaredTemporalPrecision();
            for (List<Object> row : rows) {
                p = Math.max(p, Normalizer.fractionalDigits(row.get(c)));
            }
            return p;
        }

        private List<List<Object>> canonicalRows(List<List<Object>> rows, TemporalMode mode) {
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                Object[] values = new Object[width];
                for (int c = 0; c < width; c++) {
                    values[c] = Normalizer.canonical(row.get(c), rules[c], mode);
                }
                out.add(Arrays.asList(values));
            }
            return out;
        }

        private static List<Integer> range(int n) {
            List<Integer> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(i);
            }
            return list;
        }

        /** Multiset difference of the rows {@code o} of {@code co} and {@code s} of {@code cs}, kept in row order. */
        private static void match(List<Integer> o, List<Integer> s, List<List<Object>> co, List<List<Object>> cs,
                List<Integer> leftO, List<Integer> leftS) {
            Map<List<Object>, ArrayDeque<Integer>> index = new HashMap<>();
            for (int j : s) {
                index.computeIfAbsent(cs.get(j), k -> new ArrayDeque<>()).add(j);
            }
            Set<Integer> matched = new HashSet<>();
            for (int i : o) {
                ArrayDeque<Integer> candidates = index.get(co.get(i));
                if (candidates != null && !candidates.isEmpty()) {
                    matched.add(candidates.poll());
                } else {
                    leftO.add(i);
                }
            }
            for (int j : s) {
                if (!matched.contains(j)) {
                    leftS.add(j);
                }
            }
        }

        private boolean rowEqual(int i, int j) {
            return truncO.get(i).equals(truncS.get(j)) || (rounding && roundO.get(i).equals(roundS.get(j)));
        }

        private boolean columnEqual(int i, int j, int c) {
            return Objects.equals(truncO.get(i).get(c), truncS.get(j).get(c))
                    || (rounding && Objects.equals(roundO.get(i).get(c), roundS.get(j).get(c)));
        }

        /** Which columns differ among the unmatched rows, and the hashes of their keys. */
        private void analyse(List<Integer> leftO, List<Integer> leftS, Set<Integer> differing) {
            int[] keyO = keyPositions(original);
            int[] keyS = keyPositions(shadow);
            List<int[]> pairs = new ArrayList<>();
            if (keyO != null && keyS != null) {
                b.keysHashed = true;
                Map<List<Object>, List<Integer>> groupsO = group(leftO, truncO, keyO);
                Map<List<Object>, List<Integer>> groupsS = group(leftS, truncS, keyS);
                for (Map.Entry<List<Object>, List<Integer>> e : groupsO.entrySet()) {
                    List<Integer> s = groupsS.get(e.getKey());
                    if (s != null) {
                        pairClosest(e.getValue(), s, 0, pairs);
                    }
                }
                Set<List<Object>> keys = new LinkedHashSet<>(groupsO.keySet());
                keys.addAll(groupsS.keySet());
                List<String> hashes = new ArrayList<>();
                for (List<Object> key : keys) {
                    if (hashes.size() >= MAX_KEY_HASHES) {
                        break;
                    }
                    hashes.add(Normalizer.keyHash(key));
                }
                b.differingKeyHashes = hashes;
                b.differingKeyCount = keys.size();
                b.attribution = "(rows paired by key)";
            } else if ((long) leftO.size() * leftS.size() <= PAIRING_BUDGET) {
                pairClosest(leftO, leftS, width > 1 ? 1 : 0, pairs);
                b.attribution = "(rows paired by most equal columns)";
            }
            for (int[] p : pairs) {
                for (int c = 0; c < width; c++) {
                    if (!columnEqual(p[0], p[1], c)) {
                        differing.add(c);
                    }
                }
            }
            b.differingRowPairs = pairs.size();
            if (pairs.isEmpty() && !leftO.isEmpty() && !leftS.isEmpty()) {
                // no row could be paired: the columns whose values, as multisets, differ among the unmatched rows
                for (int c = 0; c < width; c++) {
                    if (columnMultisetDiffers(leftO, leftS, c, truncO, truncS)
                            && (!rounding || columnMultisetDiffers(leftO, leftS, c, roundO, roundS))) {
                        differing.add(c);
                    }
                }
                b.attribution = "(values of unmatched rows compared column by column)";
            }
        }

        /** The positions of the key columns in a result (labels matched ignoring case), or null if one is missing. */
        private int[] keyPositions(CapturedResult r) {
            if (keyLabels.isEmpty() || !r.columnsKnown()) {
                return null;
            }
            List<String> labels = r.labels();
            int[] positions = new int[keyLabels.size()];
            for (int k = 0; k < positions.length; k++) {
                String wanted = keyLabels.get(k);
                positions[k] = -1;
                for (int c = 0; c < labels.size() && wanted != null; c++) {
                    if (labels.get(c).toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                        positions[k] = c;
                        break;
                    }
                }
                if (positions[k] < 0) {
                    return null;
                }
            }
            return positions;
        }

        private static Map<List<Object>, List<Integer>> group(List<Integer> rows, List<List<Object>> canonical,
                int[] keyPositions) {
            Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
            for (int i : rows) {
                List<Object> row = canonical.get(i);
                Object[] key = new Object[keyPositions.length];
                for (int k = 0; k < key.length; k++) {
                    key[k] = row.get(keyPositions[k]);
                }
                groups.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(i);
            }
            return groups;
        }

        /** Pairs each row of {@code o} with the free row of {@code s} with the most equal columns (at least min). */
        private void pairClosest(List<Integer> o, List<Integer> s, int min, List<int[]> pairs) {
            boolean[] used = new boolean[s.size()];
            for (int i : o) {
                int best = -1;
                int bestScore = -1;
                for (int x = 0; x < s.size(); x++) {
                    if (used[x]) {
                        continue;
                    }
                    int score = 0;
                    for (int c = 0; c < width; c++) {
                        if (columnEqual(i, s.get(x), c)) {
                            score++;
                        }
                    }
                    if (score > bestScore) {
                        best = x;
                        bestScore = score;
                    }
                }
                if (best >= 0 && bestScore >= min) {
                    used[best] = true;
                    pairs.add(new int[] {i, s.get(best)});
                }
            }
        }

        private static boolean columnMultisetDiffers(List<Integer> o, List<Integer> s, int c, List<List<Object>> co,
                List<List<Object>> cs) {
            Map<Object, Integer> counts = new HashMap<>(); // a HashMap takes null as a key
            for (int i : o) {
                counts.merge(co.get(i).get(c), 1, Integer::sum);
            }
            for (int j : s) {
                counts.merge(cs.get(j).get(c), -1, Integer::sum);
            }
            for (int n : counts.values()) {
                if (n != 0) {
                    return true;
                }
            }
            return false;
        }

        private static List<List<Object>> sample(List<List<Object>> rows, List<Integer> indexes) {
            List<List<Object>> sample = new ArrayList<>();
            for (int i = 0; i < indexes.size() && i < SAMPLE_ROWS; i++) {
                sample.add(rows.get(indexes.get(i)));
            }
            return sample;
        }
    }
}
