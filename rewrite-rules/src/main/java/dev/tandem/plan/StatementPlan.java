package dev.tandem.plan;

import dev.tandem.rules.Migration;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.translate.TranslatedRead;

import java.util.List;

/**
 * What Tandem does with one SQL text, decided once and cached: immutable, independent of the phase (execution
 * chooses by phase, so that a flip never needs a new plan).
 */
public final class StatementPlan {
    /** How a statement relates to the migrations. */
    public enum Kind {
        /** Names no table a migration changes: runs as sent, never parsed. */
        UNRELATED,
        /** A query reading a migrated {@code from} table. */
        READ,
        /** A write to a migrated {@code from} table that Tandem mirrors. */
        WRITE,
        /** Names a migrated table but cannot be handled (see {@link #reason()}): passes through while allowed. */
        UNSUPPORTED,
        /** Names a migrated table without reading or writing its rows (DDL and the like): runs as sent. */
        OTHER
    }

    private static final StatementPlan UNRELATED = new StatementPlan(Kind.UNRELATED, List.of(), null, null, false,
            null, null, null);

    private final Kind kind;
    private final List<Migration> migrations;
    private final WritePlan write;
    private final String reason;
    private final boolean mayWrite;
    private final TranslatedRead read;
    private final NewStructureWrite writeNew;
    private final String untranslatable;
    private final ParameterizedSql inlineMirror;

    private StatementPlan(Kind kind, List<Migration> migrations, WritePlan write, String reason, boolean mayWrite,
                          TranslatedRead read, NewStructureWrite writeNew, String untranslatable) {
        this(kind, migrations, write, reason, mayWrite, read, writeNew, untranslatable, null);
    }

    private StatementPlan(Kind kind, List<Migration> migrations, WritePlan write, String reason, boolean mayWrite,
                          TranslatedRead read, NewStructureWrite writeNew, String untranslatable,
                          ParameterizedSql inlineMirror) {
        this.kind = kind;
        this.migrations = List.copyOf(migrations);
        this.write = write;
        this.reason = reason;
        this.mayWrite = mayWrite;
        this.read = read;
        this.writeNew = writeNew;
        this.untranslatable = untranslatable;
        this.inlineMirror = inlineMirror;
    }

    public static StatementPlan unrelated() {
        return UNRELATED;
    }

    public static StatementPlan read(List<Migration> migrations) {
        return new StatementPlan(Kind.READ, migrations, null, null, false, null, null, null);
    }

    public static StatementPlan write(WritePlan write) {
        return new StatementPlan(Kind.WRITE, write.migrations(), write, null, true, null, null, null);
    }

    /** This plan with the translation onto the new structure (a read's or a write's), or why there is none. */
    public StatementPlan translated(TranslatedRead read, NewStructureWrite writeNew, String untranslatable) {
        return new StatementPlan(kind, migrations, write, reason, mayWrite, read, writeNew, untranslatable,
                inlineMirror);
    }

    /** This write plan with its column-level mirror written into the statement itself (see {@link #inlineMirror()}). */
    public StatementPlan withInlineMirror(ParameterizedSql inline) {
        return new StatementPlan(kind, migrations, write, reason, mayWrite, read, writeNew, untranslatable, inline);
    }

    /**
     * The write with its (single, column-level) migration's new columns set in the same statement, parameters mapped
     * to the application's: run instead of the write and its sync while the mirror is on; null when the write has
     * no such form ({@link dev.tandem.translate.InlineMirror}).
     */
    public ParameterizedSql inlineMirror() {
        return inlineMirror;
    }

    /**
     * A statement naming migrated tables that cannot be handled.
     *
     * @param mayWrite whether it may write to a {@code from} table (then it is counted as an unmirrored write)
     * @param reason   why, without any value from the statement
     */
    public static StatementPlan unsupported(List<Migration> migrations, boolean mayWrite, String reason) {
        return new StatementPlan(Kind.UNSUPPORTED, migrations, null, reason, mayWrite, null, null, reason);
    }

    public static StatementPlan other(List<Migration> migrations, String what) {
        return new StatementPlan(Kind.OTHER, migrations, null, what, false, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The migrations whose {@code from} table the statement names. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The mirror plan of a {@link Kind#WRITE}; null otherwise. */
    public WritePlan write() {
        return write;
    }

    /** Why a statement is {@link Kind#UNSUPPORTED}, or what an {@link Kind#OTHER} statement is; null otherwise. */
    public String reason() {
        return reason;
    }

    /**
     * A READ translated to read the new structure of every migration it names (for read-new and later, and for the
     * read-both shadow); null when it cannot be ({@link #untranslatable()}).
     */
    public TranslatedRead translatedRead() {
        return read;
    }

    /** A WRITE translated onto the new structure (write-new, contracted); null when it cannot be. */
    public NewStructureWrite writeNew() {
        return writeNew;
    }

    /** Why the statement cannot run on the new structure, or null when it can (or need not). */
    public String untranslatable() {
        return untranslatable;
    }

    /** Whether the statement may write to a migrated table (a WRITE, or an UNSUPPORTED write). */
    public boolean mayWrite() {
        return mayWrite;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WRITE -> "WRITE " + write.shape() + " " + write.sync() + " keys=" + write.keys();
            case UNSUPPORTED -> "UNSUPPORTED" + (mayWrite ? " write" : "") + ": " + reason;
            case OTHER -> "OTHER: " + reason;
            default -> kind.name();
        };
    }
}
