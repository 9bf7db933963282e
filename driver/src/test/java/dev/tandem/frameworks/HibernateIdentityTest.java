package dev.tandem.frameworks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hibernate {@code IDENTITY} ids (the database generates the key at insert; Hibernate reads it back) in write-both,
 * where the insert is mirrored, and in write-new, where it is translated onto the new structure and the key comes from
 * there.
 */
class HibernateIdentityTest {

    static Stream<Arguments> databasesAndPhases() {
        return Stream.of(TestDatabase.values())
                .flatMap(db -> Stream.of(Arguments.of(db, "write-both"), Arguments.of(db, "write-new")));
    }

    @ParameterizedTest
    @MethodSource("databasesAndPhases")
    void anIdentityInsertReachesBothStructures(TestDatabase db, String phase) throws Exception {
        try (StateFixture fixture = StateFixture.shared(db)) {
            LibrarySchema schema = LibrarySchema.create(fixture, "hi");
            fixture.track(schema.migration);
            try {
                Files.writeString(fixture.rulesDir().resolve(schema.migration + ".yaml"), schema.rules(phase));
                try (HikariDataSource pool = FrameworkPhaseWalk.pool(fixture, "hi", "1s");
                     HibernateSlice hibernate = new HibernateSlice(pool, schema, HibernateIdentityAuthor.class)) {
                    MigrationMeters meters = FrameworkPhaseWalk.meters(pool, schema.migration);
                    HibernateIdentityAuthor author = hibernate.sessions().fromTransaction(session -> {
                        HibernateIdentityAuthor a = new HibernateIdentityAuthor("Ada", "Lovelace");
                        session.persist(a);
                        return a;
                    });
                    assertTrue(schema.fromRows().containsKey(author.id()), "the old structure has the row, by its key");
                    assertEquals(0, meters.unsupportedCount(), "it was handled");
                    assertEquals(1, schema.toRows().size(), "the new structure has it");
                    assertEquals(schema.upOfFrom(), schema.toRows(), "to = up(from)");
                }
            } finally {
                schema.drop();
            }
        }
    }
}
