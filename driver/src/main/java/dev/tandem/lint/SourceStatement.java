package dev.tandem.lint;

/**
 * One statement to lint, and where it came from.
 *
 * @param sql       its text (JDBC {@code ?} placeholders)
 * @param line      the line of the file it starts on; 0 when it comes from statistics
 * @param calls     how often the database ran it (statistics); -1 when it comes from a file
 * @param truncated whether the statistics cut the text short (then it cannot be told how it would fare)
 */
public record SourceStatement(String sql, int line, long calls, boolean truncated) {
    /** A statement of a file. */
    public static SourceStatement ofFile(String sql, int line) {
        return new SourceStatement(sql, line, -1, false);
    }

    /** A statement from the database's statistics. */
    public static SourceStatement ofStatistics(String sql, long calls, boolean truncated) {
        return new SourceStatement(sql, 0, calls, truncated);
    }

    /** "line 12" or "1234 calls". */
    public String origin() {
        return line > 0 ? "line " + line : calls + " calls";
    }
}
