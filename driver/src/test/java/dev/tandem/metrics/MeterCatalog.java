package dev.tandem.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The meters PRODUCT.md §6 names, with their type and tag keys, as the reference page documents them.
 * {@link MetersTest} checks that Tandem registers exactly these; the docs and dashboard tests check against them.
 */
public final class MeterCatalog {
    /** A meter's type as Prometheus sees it, and its tag keys. */
    public record Entry(String type, Set<String> tags) {
        /** The Prometheus name of meter {@code name}: dots become underscores, counters end in {@code _total}. */
        public String prometheusName(String name) {
            return name.replace('.', '_') + (type.equals("counter") ? "_total" : "");
        }
    }

    public static final Map<String, Entry> METERS = build();

    private MeterCatalog() {
    }

    private static Map<String, Entry> build() {
        Map<String, Entry> m = new LinkedHashMap<>();
        m.put("tandem.statements", counter("migration", "kind", "path"));
        m.put("tandem.mirror.rows", counter("migration"));
        m.put("tandem.mirror.failures", counter("migration"));
        m.put("tandem.unsupported", counter("migration"));
        m.put("tandem.state.failures", counter("migration"));
        m.put("tandem.shadow.reads", counter("migration", "outcome"));
        m.put("tandem.legacy.statements", counter("migration", "caller"));
        m.put("tandem.backfill.rows", counter("migration", "direction"));
        m.put("tandem.backfill.rate", new Entry("gauge", Set.of("migration", "direction")));
        m.put("tandem.plan.cache.size", new Entry("gauge", Set.of("datasource", "cache")));
        m.put("tandem.plan.cache.requests", counter("datasource", "cache", "result"));
        m.put("tandem.plan.cache.evictions", counter("datasource", "cache"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Entry counter(String... tags) {
        return new Entry("counter", Set.copyOf(List.of(tags)));
    }
}
