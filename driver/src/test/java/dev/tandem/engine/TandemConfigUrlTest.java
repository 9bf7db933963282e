package dev.tandem.engine;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every setting can be given in the URL, dotted names ({@code tandem.usage.sample}) too, as configuration.md says. */
class TandemConfigUrlTest {
    @Test
    void aDottedSettingInTheUrlIsTandemsAndNeverReachesTheRealDriver() {
        TandemConfig c = TandemConfig.resolve(
                "jdbc:tandem:postgresql://db/app?tandem.usage.sample=4&tandem.name=orders&ssl=true", new Properties());
        assertEquals("jdbc:postgresql://db/app?ssl=true", c.realUrl());
        assertEquals(4, c.usageSample());
        assertEquals("orders", c.name());

        TandemConfig h2 = TandemConfig.resolve("jdbc:tandem:h2:mem:x;tandem.usage.sample=2;DB_CLOSE_DELAY=-1", null);
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", h2.realUrl());
        assertEquals(2, h2.usageSample());
    }

    @Test
    void theDefaultNameIsTheRealUrlWithoutParametersOrCredentials() {
        assertEquals("postgresql://db:5432/app",
                TandemConfig.resolve("jdbc:tandem:postgresql://ops:secret@db:5432/app?password=x", null).name());
        assertEquals("h2:mem:x", TandemConfig.resolve("jdbc:tandem:h2:mem:x;DB_CLOSE_DELAY=-1", null).name());
    }
}
