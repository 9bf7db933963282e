package dev.tandem.plan;

import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.rules.TableRef;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.SqlParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Rules, table shapes and plan formatting shared by the planner tests. */
final class PlanFixtures {
    private PlanFixtures() {
    }

    /** Table-level: {@code person} becomes {@code people}, same key. */
    static final String PERSON_TO_PEOPLE = String.join("\n",
            "migration: person-to-people",
            "from: { table: person, key: [id] }",
            "to:   { table: people, key: [id] }",
            "up:",
            "  id: id",
            "  full_name: \"first_name || ' ' || last_name\"",
            "down:",
            "  id: id",
            "  first_name: \"split_part(full_name, ' ', 1)\"",
            "  last_name: \"split_part(full_name, ' ', 2)\"",
            "");

    /** Column-level: {@code users.name} becomes {@code users.full_name}. */
    static final String USERS_RENAME = String.join("\n",
            "migration: users-name-to-full-name",
            "from: { table: users, key: [id] }",
            "to: { table: users, key: [id] }",
            "up:",
            "  full_name: name",
            "down:",
            "  name: full_name",
            "");

    /** Table-level with a composite key whose {@code to} columns have other names and another order. */
    static final String ORDERS_SPLIT = String.join("\n",
            "migration: orders-split",
            "from: { table: orders, key: [tenant, num] }",
            "to: { table: orders2, key: [order_no, tenant_id] }",
            "up:",
            "  tenant_id: tenant",
            "  order_no: num",
            "  total: amount",
            "down:",
            "  tenant: tenant_id",
            "  num: order_no",
            "  amount: total",
            "");

    static final Migration PERSON = parse(PERSON_TO_PEOPLE);
    static final Migration USERS = parse(USERS_RENAME);
    static final Migration ORDERS = parse(ORDERS_SPLIT);
    static final RuleSet RULES = ruleSet(PERSON, USERS, ORDERS);

    static Migration parse(String yaml) {
        try {
            return RulesLoader.parse("test.yaml", yaml);
        } catch (RulesException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static RuleSet ruleSet(Migration... migrations) {
        try {
            return RuleSet.of(List.of(migrations));
        } catch (RulesException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** What the database would say: columns and unique keys of the three {@code from} tables. */
    static final TableShapes SHAPES = new TableShapes() {
        private final Map<String, List<String>> columns = Map.of(
                "person", List.of("id", "email", "first_name", "last_name"),
                "users", List.of("id", "name", "full_name"),
                "orders", List.of("tenant", "num", "amount", "memo"));
        private final Map<String, List<List<String>>> uniques = Map.of(
                "person", List.of(List.of("id"), List.of("email")),
                "users", List.of(List.of("id")),
                "orders", List.of(List.of("tenant", "num")));

        @Override
        public List<String> columns(TableRef table) {
            return columns.getOrDefault(Identifier.canonical(table.name()), List.of());
        }

        @Override
        public List<List<String>> uniqueKeys(TableRef table) {
            return uniques.getOrDefault(Identifier.canonical(table.name()), List.of());
        }
    };

    /** A shape source that knows only the given unique keys (and person's columns). */
    static TableShapes uniques(List<List<String>> keys) {
        return new TableShapes() {
            @Override
            public List<String> columns(TableRef table) {
                return SHAPES.columns(table);
            }

            @Override
            public List<List<String>> uniqueKeys(TableRef table) {
                return keys;
            }
        };
    }

    static StatementPlanner planner(Dialect dialect) {
        return new StatementPlanner(RULES, dialect, new SqlParser(10_000));
    }

    static StatementPlan plan(Dialect dialect, String sql) {
        return planner(dialect).plan(sql, SHAPES);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // formatting: a slot is "?[2]" (its SQL and the application's parameter indexes), a generated one "GEN"

    static String slot(KeySlot slot) {
        if (slot instanceof KeySlot.Fixed f) {
            return f.fragment().sql() + Arrays.toString(f.fragment().parameters()).replace(" ", "");
        }
        return "GEN";
    }

    static List<List<String>> rows(KeyCapture keys) {
        List<List<String>> out = new ArrayList<>();
        for (List<KeySlot> row : keys.rows()) {
            List<String> r = new ArrayList<>();
            for (KeySlot s : row) {
                r.add(slot(s));
            }
            out.add(r);
        }
        return out;
    }

    /** Rows written compactly: {@code rows("?[2]", "?[3]")} is two one-column rows. */
    static List<List<String>> single(String... slots) {
        List<List<String>> out = new ArrayList<>();
        for (String s : slots) {
            out.add(List.of(s));
        }
        return out;
    }

    static List<String> preImages(KeyCapture keys) {
        List<String> out = new ArrayList<>();
        for (ParameterizedSql p : keys.preImages()) {
            out.add(p.sql() + " " + Arrays.toString(p.parameters()).replace(" ", ""));
        }
        return out;
    }

    static WritePlan write(StatementPlan plan) {
        if (plan.kind() != StatementPlan.Kind.WRITE) {
            fail("expected a WRITE plan, got " + plan);
        }
        assertNotNull(plan.write());
        return plan.write();
    }

    /** Asserts everything about a WRITE plan. */
    static WritePlan assertWrite(StatementPlan plan, Dialect.WriteKind kind, SyncMode sync, ReturnedKeys returned,
                                 List<List<String>> rows, List<String> preImages) {
        WritePlan w = write(plan);
        String all = plan + " rows=" + rows(w.keys()) + " pre=" + preImages(w.keys());
        assertEquals(kind, w.kind(), all);
        assertEquals(sync, w.sync(), all);
        assertEquals(returned, w.keys().returned(), all);
        assertEquals(rows, rows(w.keys()), all);
        assertEquals(preImages, preImages(w.keys()), all);
        assertEquals(true, plan.mayWrite());
        return w;
    }

    /** Whether a WRITE plan learns its keys from the statement's text alone. */
    static boolean keysFromTextOnly(StatementPlan plan) {
        if (plan.kind() != StatementPlan.Kind.WRITE) {
            return false;
        }
        KeyCapture k = plan.write().keys();
        return !k.rows().isEmpty() && k.returned() == ReturnedKeys.NONE && k.preImages().isEmpty();
    }
}
