package dev.tandem.rules;

import dev.tandem.sql.Identifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every migration in flight, validated together: ids are unique, no two migrations claim the same column, and
 * migrations sharing a {@code from} table agree on its key. Immutable.
 */
public final class RuleSet {
    private static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<Migration> migrations;
    private final Set<String> tableNames;

    private RuleSet(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
        Set<String> names = new LinkedHashSet<>();
        for (Migration m : migrations) {
            names.add(Identifier.canonical(m.from().name()));
        }
        this.tableNames = Set.copyOf(names);
    }

    public static RuleSet empty() {
        return EMPTY;
    }

    /** Validates the migrations as a set and returns them as one rule set. */
    public static RuleSet of(List<Migration> migrations) throws RulesException {
        List<RulesException.Problem> problems = new ArrayList<>();
        Map<String, Migration> byId = new HashMap<>();
        Map<String, Migration> claims = new HashMap<>();
        for (Migration m : migrations) {
            Migration previous = byId.putIfAbsent(m.id(), m);
            if (previous != null) {
                problems.add(new RulesException.Problem(m.source(), 0,
                        "migration '" + m.id() + "' is defined twice (also in " + previous.source() + ")"));
                continue;
            }
            for (String column : m.down().keySet()) {
                if (!m.from().isKey(column)) {
                    claim(claims, problems, m, m.from(), column);
                }
            }
            for (String column : m.up().keySet()) {
                if (!m.to().isKey(column)) {
                    claim(claims, problems, m, m.to(), column);
                }
            }
        }
        for (int i = 0; i < migrations.size(); i++) {
            for (int j = i + 1; j < migrations.size(); j++) {
                Migration a = migrations.get(i);
                Migration b = migrations.get(j);
                if (a.from().sameTable(b.from()) && !sameColumns(a.from().key(), b.from().key())) {
                    problems.add(new RulesException.Problem(b.source(), 0, "migration '" + b.id() + "' declares key "
                            + b.from().key() + " for " + b.from().sql() + " but migration '" + a.id() + "' ("
                            + a.source() + ") declares " + a.from().key() + "; one table has one key"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return new RuleSet(migrations);
    }

    private static void claim(Map<String, Migration> claims, List<RulesException.Problem> problems, Migration m,
                              TableRef table, String column) {
        String claimKey = Identifier.canonical(table.name()) + "." + Identifier.canonical(column);
        Migration owner = claims.putIfAbsent(claimKey, m);
        if (owner != null && owner != m) {
            problems.add(new RulesException.Problem(m.source(), 0, "migration '" + m.id() + "' claims column "
                    + table.sql() + "." + column + ", which migration '" + owner.id() + "' (" + owner.source()
                    + ") already claims; two migrations may not change the same column"));
        }
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Identifier.same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public boolean isEmpty() {
        return migrations.isEmpty();
    }

    public Optional<Migration> migration(String id) {
        for (Migration m : migrations) {
            if (m.id().equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The migrations whose {@code from} is the given table (schema may be null). */
    public List<Migration> migrationsFrom(String schema, String table) {
        List<Migration> found = new ArrayList<>(1);
        for (Migration m : migrations) {
            if (m.from().matches(schema, table)) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * The canonical (unquoted, lower-case) names of every {@code from} table: SQL that contains none of them speaks
     * only of structures no migration changes and is never parsed.
     */
    public Set<String> tableNames() {
        return tableNames;
    }

    @Override
    public String toString() {
        return "RuleSet" + migrations;
    }
}
