package dev.tandem.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configurations the workload is run in, each against the same tables with the same seeded operations. The
 * numbers are the issue's: (1) raw, (2) Tandem with unrelated rules, (3)/(4) Tandem's write-both, (5) the dual-write
 * by hand, (6) by a trigger, (7) the read phases.
 */
public enum Configuration {
    RAW("1", "raw driver", Driver.RAW, null, Writes.PLAIN, Trigger.NONE),
    UNRELATED("2", "Tandem, rules naming none of the tables", Driver.TANDEM, Rules.UNRELATED, Writes.PLAIN,
            Trigger.NONE),
    WRITE_BOTH_COLUMN("3", "Tandem write-both, column-level", Driver.TANDEM, Rules.COLUMN_WRITE_BOTH, Writes.PLAIN,
            Trigger.NONE),
    WRITE_BOTH_TABLE("4", "Tandem write-both, table-level", Driver.TANDEM, Rules.TABLE_WRITE_BOTH, Writes.PLAIN,
            Trigger.NONE),
    HAND_COLUMN("5c", "dual-write by hand, column-level", Driver.RAW, null, Writes.HAND_COLUMN, Trigger.NONE),
    HAND_TABLE("5t", "dual-write by hand, table-level", Driver.RAW, null, Writes.HAND_TABLE, Trigger.NONE),
    TRIGGER_COLUMN("6c", "dual-write by trigger, column-level", Driver.RAW, null, Writes.PLAIN, Trigger.COLUMN),
    TRIGGER_TABLE("6t", "dual-write by trigger, table-level", Driver.RAW, null, Writes.PLAIN, Trigger.TABLE),
    READ_BOTH_1("7a", "Tandem read-both 1 %, table-level", Driver.TANDEM, Rules.TABLE_READ_BOTH_1, Writes.PLAIN,
            Trigger.NONE),
    READ_BOTH_100("7b", "Tandem read-both 100 %, table-level", Driver.TANDEM, Rules.TABLE_READ_BOTH_100,
            Writes.PLAIN, Trigger.NONE),
    READ_NEW_100("7c", "Tandem read-new 100 %, table-level", Driver.TANDEM, Rules.TABLE_READ_NEW_100, Writes.PLAIN,
            Trigger.NONE);

    /** Which JDBC URL the pool uses. */
    public enum Driver { RAW, TANDEM }

    /** What the workload's own code writes. */
    public enum Writes {
        /** Only the old structure, as the application did before the migration. */
        PLAIN,
        /** The old columns and the new column in the same statement. */
        HAND_COLUMN,
        /** The old table and the new table, in one transaction. */
        HAND_TABLE
    }

    /** Which database trigger is installed for the run. */
    public enum Trigger { NONE, COLUMN, TABLE }

    /** The rules file a Tandem configuration runs with. */
    public enum Rules {
        UNRELATED, COLUMN_WRITE_BOTH, TABLE_WRITE_BOTH, TABLE_READ_BOTH_1, TABLE_READ_BOTH_100, TABLE_READ_NEW_100
    }

    private final String number;
    private final String description;
    private final Driver driver;
    private final Rules rules;
    private final Writes writes;
    private final Trigger trigger;

    Configuration(String number, String description, Driver driver, Rules rules, Writes writes, Trigger trigger) {
        this.number = number;
        this.description = description;
        this.driver = driver;
        this.rules = rules;
        this.writes = writes;
        this.trigger = trigger;
    }

    /** The number for it: 1, 2, 3, 4, 5c, 5t, 6c, 6t, 7a, 7b, 7c. */
    public String number() {
        return number;
    }

    public String description() {
        return description;
    }

    public Driver driver() {
        return driver;
    }

    /** The rules file, or null for the raw driver. */
    public Rules rules() {
        return rules;
    }

    public Writes writes() {
        return writes;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** Whether it migrates within one table (compared to 5c and 6c) rather than to another table (5t and 6t). */
    public boolean columnLevel() {
        return this == WRITE_BOTH_COLUMN || this == HAND_COLUMN || this == TRIGGER_COLUMN;
    }

    /** The hand-written dual-write this configuration is compared to, or null. */
    public Configuration byHand() {
        return switch (this) {
            case WRITE_BOTH_COLUMN -> HAND_COLUMN;
            case WRITE_BOTH_TABLE -> HAND_TABLE;
            default -> null;
        };
    }

    /** The trigger dual-write this configuration is compared to, or null. */
    public Configuration byTrigger() {
        return switch (this) {
            case WRITE_BOTH_COLUMN -> TRIGGER_COLUMN;
            case WRITE_BOTH_TABLE -> TRIGGER_TABLE;
            default -> null;
        };
    }

    /** A configuration by its number ({@code 4}, {@code 5t}) or name ({@code write_both_table}). */
    public static Configuration parse(String text) {
        String t = text.trim();
        for (Configuration c : values()) {
            if (c.number.equalsIgnoreCase(t) || c.name().equalsIgnoreCase(t.replace('-', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown configuration '" + text + "' (expected one of "
                + numbers() + ")");
    }

    /** Parses a comma-separated list; {@code all} is every configuration. */
    public static List<Configuration> parseList(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<Configuration> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                Configuration c = parse(part);
                if (!list.contains(c)) {
                    list.add(c);
                }
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no configuration named");
        }
        return list;
    }

    private static String numbers() {
        StringBuilder sb = new StringBuilder();
        for (Configuration c : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.number);
        }
        return sb.toString();
    }

    /** The label used in tables and charts: {@code (4) Tandem write-both, table-level}. */
    public String label() {
        return "(" + number + ") " + description;
    }

    @Override
    public String toString() {
        return number + "-" + name().toLowerCase(Locale.ROOT);
    }
}
