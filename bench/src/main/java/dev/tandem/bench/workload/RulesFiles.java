package dev.tandem.bench.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes one rules directory per Tandem configuration, each with one migration whose {@code phase} (and
 * {@code percent}) fixes the phase: the migration ids ({@code bn-...}) have no row in {@code tandem_state}, so the
 * rules file's phase is the one in force (see src/docs/rules.md). Each configuration thus gets an engine of its own.
 */
public final class RulesFiles {
    private final Map<Configuration.Rules, Path> locations = new EnumMap<>(Configuration.Rules.class);

    private RulesFiles() {
    }

    /** Writes every rules directory under {@code root}. */
    public static RulesFiles writeUnder(Path root) {
        RulesFiles files = new RulesFiles();
        try {
            for (Configuration.Rules r : Configuration.Rules.values()) {
                Path dir = root.resolve(r.name().toLowerCase(java.util.Locale.ROOT));
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("migration.yaml"), yaml(r));
                files.locations.put(r, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's rules files under " + root, e);
        }
        return files;
    }

    /** The directory to pass as {@code tandem.rules}. */
    public Path location(Configuration.Rules rules) {
        return locations.get(rules);
    }

    static String yaml(Configuration.Rules rules) {
        return switch (rules) {
            // names a table the workload never touches: every statement takes the no-migration path
            case UNRELATED -> """
                    migration: bn-unrelated
                    from: { table: bn_unrelated, key: [id] }
                    to:   { table: bn_unrelated_v2, key: [id] }
                    up:   { id: id, label: name }
                    down: { name: label }
                    phase: write-both
                    """;
            case COLUMN_WRITE_BOTH -> """
                    migration: bn-column
                    from: { table: bn_account, key: [id] }
                    to:   { table: bn_account, key: [id] }
                    up:   { email_norm: "LOWER(email)" }
                    down: { email: email_norm }
                    phase: write-both
                    """;
            case TABLE_WRITE_BOTH -> table("write-both", 100);
            case TABLE_READ_BOTH_1 -> table("read-both", 1);
            case TABLE_READ_BOTH_100 -> table("read-both", 100);
            case TABLE_READ_NEW_100 -> table("read-new", 100);
        };
    }

    private static String table(String phase, int percent) {
        return """
                migration: bn-table
                from: { table: bn_account, key: [id] }
                to:   { table: bn_account2, key: [id] }
                up:   { id: id, display_name: name, email: "LOWER(email)", balance: balance }
                down: { name: display_name, email: email, balance: balance }
                phase: %s
                percent: %d
                """.formatted(phase, percent);
    }
}
