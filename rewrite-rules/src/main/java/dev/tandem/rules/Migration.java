package dev.tandem.rules;

import dev.tandem.sql.Identifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One migration, as read from one rules file: the old structure ({@code from}), the new one ({@code to}), how to
 * derive each written column of {@code to} from {@code from} ({@code up}) and back ({@code down}), and the phase it
 * starts at while the database holds no state for it. Immutable.
 *
 * <p>A migration is <em>column-level</em> when {@code from} and {@code to} name the same table: {@code up} then
 * lists the new columns and {@code down} the old ones. Otherwise it is <em>table-level</em>: rows of {@code to}
 * correspond one to one with rows of {@code from} through the key.
 */
public final class Migration {
    private final String id;
    private final TableRef from;
    private final TableRef to;
    private final Map<String, String> up;
    private final Map<String, String> down;
    private final Phase phase;
    private final int percent;
    private final String source;
    private final List<String> toKeyByFromKey;

    public Migration(String id, TableRef from, TableRef to, Map<String, String> up, Map<String, String> down,
                     Phase phase, int percent, String source, List<String> toKeyByFromKey) {
        this.id = Objects.requireNonNull(id, "id");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.up = Collections.unmodifiableMap(new LinkedHashMap<>(up));
        this.down = Collections.unmodifiableMap(new LinkedHashMap<>(down));
        this.phase = Objects.requireNonNull(phase, "phase");
        this.percent = percent;
        this.source = source;
        this.toKeyByFromKey = List.copyOf(toKeyByFromKey);
        if (this.toKeyByFromKey.size() != from.key().size()) {
            throw new IllegalArgumentException("key mapping must cover every from.key column");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be from 0 to 100: " + percent);
        }
    }

    /** The migration's id: used in flags, metrics and control tables. */
    public String id() {
        return id;
    }

    public TableRef from() {
        return from;
    }

    public TableRef to() {
        return to;
    }

    /** Each written column of {@code to} mapped to its SQL expression over {@code from}'s columns, in file order. */
    public Map<String, String> up() {
        return up;
    }

    /** Each column of {@code from} the application uses, mapped to its SQL expression over {@code to}'s columns. */
    public Map<String, String> down() {
        return down;
    }

    /** The phase that applies while the database holds no state for this migration. */
    public Phase phase() {
        return phase;
    }

    /** The share (0 to 100) of reads that the phase's read behaviour applies to. */
    public int percent() {
        return percent;
    }

    /** Where the migration was read from (a path or a classpath location), for messages. */
    public String source() {
        return source;
    }

    /** Whether {@code from} and {@code to} are the same table. */
    public boolean columnLevel() {
        return from.sameTable(to);
    }

    /**
     * For each {@code from.key} column (in order), the {@code to.key} column holding the same value. For a
     * column-level migration this is {@code from.key} itself.
     */
    public List<String> toKeyByFromKey() {
        return toKeyByFromKey;
    }

    /** The {@code up} entries that are not key columns: the values the mirror derives. */
    public Map<String, String> derivedUp() {
        Map<String, String> derived = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : up.entrySet()) {
            if (!to.isKey(e.getKey())) {
                derived.put(e.getKey(), e.getValue());
            }
        }
        return derived;
    }

    /** Whether {@code column} of {@code from} is one the migration takes over ({@code down} defines it). */
    public boolean definesOldColumn(String column) {
        for (String c : down.keySet()) {
            if (Identifier.same(c, column)) {
                return true;
            }
        }
        return false;
    }

    /** A copy at another phase and percent; everything else unchanged. */
    public Migration withPhase(Phase newPhase, int newPercent) {
        return new Migration(id, from, to, up, down, newPhase, newPercent, source, toKeyByFromKey);
    }

    @Override
    public String toString() {
        return id + " (" + from.sql() + " -> " + to.sql() + ", " + phase + ")";
    }
}
