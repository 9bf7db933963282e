package dev.tandem.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** The counters of one migration, created once so that the statement path only increments. */
public final class MigrationMeters {
    /** What happened to a statement naming a migration's {@code from} table. */
    public enum Path {
        /** Ran as the application sent it, nothing else. */
        AS_SENT("as-sent"),
        /** Ran as sent, and its rows were mirrored into {@code to}. */
        MIRRORED("mirrored"),
        /** Could not be handled and ran as sent, unmirrored (a write) or untranslated (a read). */
        UNMIRRORED("unmirrored"),
        /** Ran translated onto the new structure (a read in read-new and later, a write in write-new and later). */
        TRANSLATED("translated"),
        /** Ran as sent, and also translated onto the new structure to compare (read-both). */
        SHADOWED("shadowed"),
        /** Refused: it could not be handled while {@code to} is authoritative. */
        REFUSED("refused");

        private final String tag;

        Path(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The kinds of statement, as tagged. */
    public enum Kind {
        READ("read"), WRITE("write"), OTHER("other");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    private final TandemMetrics metrics;
    private final String migration;
    private final AtomicReferenceArray<Counter> statements =
            new AtomicReferenceArray<>(Kind.values().length * Path.values().length);
    private final Counter mirrorFailures;
    private final Counter mirroredRows;
    private final Counter unsupported;

    public MigrationMeters(TandemMetrics metrics, String migration) {
        this.metrics = metrics;
        this.migration = migration;
        this.mirrorFailures = metrics.counter("tandem.mirror.failures",
                "Mirror writes into the new structure that failed (best-effort phases: the statement went on)",
                "migration", migration);
        this.mirroredRows = metrics.counter("tandem.mirror.rows",
                "Keys synchronised into the new structure by the mirror", "migration", migration);
        this.unsupported = metrics.counter("tandem.unsupported",
                "Statements naming the old structure that Tandem could not handle (passed through or refused)",
                "migration", migration);
    }

    public String migration() {
        return migration;
    }

    /** Counts one statement naming the migration's {@code from} table. */
    public void statement(Kind kind, Path path) {
        int slot = kind.ordinal() * Path.values().length + path.ordinal();
        Counter c = statements.get(slot);
        if (c == null) {
            c = metrics.counter("tandem.statements", "Statements naming the old structure, by kind and path",
                    "migration", migration, "kind", kind.tag, "path", path.tag());
            statements.set(slot, c);
        }
        c.increment();
    }

    /** Counts one read-both shadow comparison by outcome ({@code match}, {@code mismatch}, ...). */
    public void shadow(String outcome) {
        metrics.counter("tandem.shadow.reads", "Reads run a second time on the new structure and compared",
                "migration", migration, "outcome", outcome).increment();
    }

    /** How many shadow comparisons had this outcome. */
    public long shadowCount(String outcome) {
        return metrics.count("tandem.shadow.reads", "migration", migration, "outcome", outcome);
    }

    public void mirrorFailure() {
        mirrorFailures.increment();
    }

    public void mirroredRows(long rows) {
        mirroredRows.increment(rows);
    }

    public void unsupported() {
        unsupported.increment();
    }

    public long mirrorFailures() {
        return mirrorFailures.count();
    }

    public long unsupportedCount() {
        return unsupported.count();
    }

    public long mirroredRowCount() {
        return mirroredRows.count();
    }
}
