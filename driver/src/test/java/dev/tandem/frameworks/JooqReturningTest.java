package dev.tandem.frameworks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.cli.Cli;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limit jOOQ users meet (documented in src/docs/frameworks.md): {@code insertInto(...).returningResult(ID)} is
 * rendered {@code INSERT ... RETURNING} on PostgreSQL and MariaDB and {@code SELECT ... FROM FINAL TABLE (INSERT ...)}
 * on H2. The application still gets its key, but Tandem cannot learn which row was written: in write-both the insert
 * passes through unmirrored (counted in {@code tandem.unsupported}, repaired by the backfill), and
 * {@code tandem lint} says so ahead of time, with exit 1.
 */
class JooqReturningTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void returningResultPassesThroughUnmirroredCountedAndLinted(TestDatabase db) throws Exception {
        try (StateFixture fixture = StateFixture.shared(db)) {
            LibrarySchema schema = LibrarySchema.create(fixture, "jr");
            fixture.track(schema.migration);
            try {
                Files.writeString(fixture.rulesDir().resolve(schema.migration + ".yaml"), schema.rules("write-both"));
                try (HikariDataSource pool = FrameworkPhaseWalk.pool(fixture, "jr", "1s");
                     JooqSlice jooq = new JooqSlice(pool, schema)) {
                    MigrationMeters meters = FrameworkPhaseWalk.meters(pool, schema.migration);
                    Long key = jooq.insertReturningKey(Author.fresh("Ada", "Lovelace", "a@x", List.of()));
                    assertNotNull(key, "the application gets its key");
                    assertTrue(schema.fromRows().containsKey(key), "the insert ran");
                    assertFalse(schema.toRows().containsKey(key), "but was not mirrored");
                    assertEquals(1, meters.unsupportedCount(), "and is counted in tandem.unsupported");

                    Path sql = fixture.rulesDir().resolve("app.sql");
                    Files.writeString(sql, jooq.insertReturningKeySql() + ";\n");
                    Cli.Result lint = fixture.cliWithRules("lint", schema.migration, "--sql", sql.toString(),
                            "--phase", "write-both");
                    assertEquals(1, lint.code(), "lint fails on it: " + lint);
                    assertTrue(lint.out().contains("passes through unmirrored"), lint.toString());
                }
            } finally {
                schema.drop();
            }
        }
    }
}
