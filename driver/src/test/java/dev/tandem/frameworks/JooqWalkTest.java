package dev.tandem.frameworks;

import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** jOOQ's DSL (quoted names, INSERT ... RETURNING, multi-row inserts, joins), through every phase. */
class JooqWalkTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJooqRepositoryWalksEveryPhaseAndReadsWhatItWrote(TestDatabase db) throws Exception {
        FrameworkPhaseWalk.walk(db, "jq", JooqSlice::new);
    }
}
