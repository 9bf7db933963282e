package dev.tandem.frameworks;

import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A MyBatis 3 mapper (generated keys, a batch executor, joined result rows), through every phase. */
class MyBatisWalkTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMyBatisMapperWalksEveryPhaseAndReadsWhatItWrote(TestDatabase db) throws Exception {
        FrameworkPhaseWalk.walk(db, "mb", MyBatisSlice::new);
    }
}
