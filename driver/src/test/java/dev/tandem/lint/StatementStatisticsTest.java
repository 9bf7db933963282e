package dev.tandem.lint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telling a digest text cut short: MySQL's {@code ...}, MariaDB's full token buffer. */
class StatementStatisticsTest {
    @Test
    void truncatedDigests() {
        assertTrue(StatementStatistics.truncated("SELECT `a` FROM `t` WHERE `b` IN (...) AND `c` = ...", 1024));
        assertFalse(StatementStatistics.truncated("SELECT `a` FROM `t` WHERE `b` IN (...)", 1024));
        StringBuilder full = new StringBuilder("SELECT ID FROM `ln_person` WHERE NAME = ?");
        while (full.length() < 1600) {
            full.append(" OR NAME = ?");
        }
        // 2 bytes a token, 4 + name for `ln_person`: about 8 bytes per " OR NAME = ?"
        assertTrue(StatementStatistics.truncated(full.toString(), 1024));
        assertFalse(StatementStatistics.truncated(full.toString(), 4096));
        assertFalse(StatementStatistics.truncated("SELECT ID FROM `ln_person` WHERE NAME = ?", 1024));
    }
}
