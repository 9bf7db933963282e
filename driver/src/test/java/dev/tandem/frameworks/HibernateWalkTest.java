package dev.tandem.frameworks;

import dev.tandem.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hibernate ORM 6 entities (generated ids, batching, {@code @Version}, one-to-many, JPQL and criteria), every phase. */
class HibernateWalkTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hibernateEntitiesWalkEveryPhaseAndReadWhatTheyWrote(TestDatabase db) throws Exception {
        FrameworkPhaseWalk.walk(db, "hb", HibernateSlice::new);
    }
}
