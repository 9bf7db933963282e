package dev.tandem.state;

import dev.tandem.state.InstanceReport.CallerUsage;
import dev.tandem.state.InstanceReport.MigrationUsage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code usage} column of {@code tandem_instances}, written with every heartbeat and read by {@code status} and
 * the contract gate:
 *
 * <pre>{@code
 * {"migrations":{"<migration id>":{"version":7,
 *    "legacy":{"total":1234,"agoMs":900,"callers":{"com.acme.PersonDao.find":{"count":1216,"agoMs":850}}},
 *    "down":{"statements":12,"rows":12},
 *    "shadow":{"match":40,"mismatch":1}}}}
 * }</pre>
 *
 * Every count is since the instance started applying {@code version} of the migration. Reading tolerates old
 * instances (no column value) and garbled text: what cannot be read is left out.
 */
public final class UsageJson {
    private UsageJson() {
    }

    /** The column's text for these migrations (in the map's order). */
    public static String write(Map<String, MigrationUsage> usage) {
        Map<String, Object> migrations = new LinkedHashMap<>();
        usage.forEach((id, u) -> {
            Map<String, Object> callers = new LinkedHashMap<>();
            u.callers().entrySet().stream()
                    .sorted(Map.Entry.<String, CallerUsage>comparingByValue(
                            (a, b) -> Long.compare(b.count(), a.count())).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("count", e.getValue().count());
                        c.put("agoMs", e.getValue().agoMs());
                        callers.put(e.getKey(), c);
                    });
            Map<String, Object> legacy = new LinkedHashMap<>();
            legacy.put("total", u.legacyTotal());
            if (u.legacyAgoMs() >= 0) {
                legacy.put("agoMs", u.legacyAgoMs());
            }
            legacy.put("callers", callers);
            Map<String, Object> down = new LinkedHashMap<>();
            down.put("statements", u.downStatements());
            down.put("rows", u.downRows());
            Map<String, Object> shadow = new LinkedHashMap<>();
            u.shadow().keySet().stream().sorted().forEach(k -> shadow.put(k, u.shadow().get(k)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", u.version());
            m.put("legacy", legacy);
            m.put("down", down);
            m.put("shadow", shadow);
            migrations.put(id, m);
        });
        return Json.write(Map.of("migrations", migrations));
    }

    /** Reads the column; empty for null, blank or garbled text, and entries that cannot be read are left out. */
    public static Map<String, MigrationUsage> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> doc) || !(doc.get("migrations") instanceof Map<?, ?> migrations)) {
            return Map.of();
        }
        Map<String, MigrationUsage> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : migrations.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m) || !(m.get("version") instanceof Long version)) {
                continue;
            }
            Map<?, ?> legacy = m.get("legacy") instanceof Map<?, ?> l ? l : Map.of();
            Map<String, CallerUsage> callers = new LinkedHashMap<>();
            if (legacy.get("callers") instanceof Map<?, ?> cs) {
                for (Map.Entry<?, ?> c : cs.entrySet()) {
                    if (c.getValue() instanceof Map<?, ?> cu) {
                        callers.put(String.valueOf(c.getKey()), new CallerUsage(number(cu.get("count")),
                                number(cu.get("agoMs"))));
                    }
                }
            }
            Map<?, ?> down = m.get("down") instanceof Map<?, ?> d ? d : Map.of();
            Map<String, Long> shadow = new LinkedHashMap<>();
            if (m.get("shadow") instanceof Map<?, ?> s) {
                s.forEach((k, v) -> {
                    if (v instanceof Long n) {
                        shadow.put(String.valueOf(k), n);
                    }
                });
            }
            out.put(String.valueOf(e.getKey()), new MigrationUsage(version, number(legacy.get("total")), callers,
                    number(down.get("statements")), number(down.get("rows")), shadow,
                    legacy.get("agoMs") instanceof Long ago ? ago : -1));
        }
        return Collections.unmodifiableMap(out);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
