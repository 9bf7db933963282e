package dev.tandem.frameworks;

import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spring's {@code JdbcTemplate} with {@code DataSourceTransactionManager}, through every phase. */
class JdbcTemplateWalkTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJdbcTemplateRepositoryWalksEveryPhaseAndReadsWhatItWrote(TestDatabase db) throws Exception {
        FrameworkPhaseWalk.walk(db, "jt", JdbcTemplateSlice::new);
    }
}
