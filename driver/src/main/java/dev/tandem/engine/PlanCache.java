package dev.tandem.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.plan.StatementPlan;

import java.util.function.Function;

/**
 * Plans by SQL text, in two bounded caches: one for prepared statements (few distinct texts, reused for the life of
 * the application) and one for plain-Statement SQL, which is often full of literals and endlessly varied. A flood
 * of the latter can therefore never evict the former.
 */
final class PlanCache {
    /** Which cache a statement's plan lives in. */
    enum Use { PREPARED, ADHOC }

    private final Cache<String, StatementPlan> prepared;
    private final Cache<String, StatementPlan> adhoc;

    PlanCache(int preparedSize, int adhocSize) {
        this.prepared = Caffeine.newBuilder().maximumSize(preparedSize).recordStats().build();
        this.adhoc = Caffeine.newBuilder().maximumSize(adhocSize).recordStats().build();
    }

    /**
     * The cached plan for {@code sql}, or a new one from {@code planner}. A plan the planner marks as not cacheable
     * (null from {@code cacheable}) is returned without being kept.
     */
    StatementPlan get(String sql, Use use, Function<String, Planned> planner) {
        Cache<String, StatementPlan> cache = use == Use.PREPARED ? prepared : adhoc;
        StatementPlan plan = cache.getIfPresent(sql);
        if (plan != null) {
            return plan;
        }
        Planned planned = planner.apply(sql);
        if (planned.cacheable()) {
            StatementPlan raced = cache.asMap().putIfAbsent(sql, planned.plan());
            return raced != null ? raced : planned.plan();
        }
        return planned.plan();
    }

    long size(Use use) {
        return (use == Use.PREPARED ? prepared : adhoc).estimatedSize();
    }

    CacheStats stats(Use use) {
        return (use == Use.PREPARED ? prepared : adhoc).stats();
    }

    /**
     * Registers the Caffeine statistics of both caches (size, hits, misses, evictions) as {@code tandem.plan.cache.*},
     * tagged {@code datasource} so that the caches of several data sources stay apart. (Micrometer's own
     * {@code CaffeineCacheMetrics} cannot be used: Caffeine is shaded into Tandem's jar under another package.)
     */
    void bind(TandemMetrics metrics, String datasource) {
        for (Use use : Use.values()) {
            String tag = use.name().toLowerCase(java.util.Locale.ROOT);
            metrics.gauge("tandem.plan.cache.size", "Plans cached", this, c -> c.size(use),
                    "datasource", datasource, "cache", tag);
            metrics.functionCounter("tandem.plan.cache.requests", "Plan lookups that found a plan", this,
                    c -> c.stats(use).hitCount(), "datasource", datasource, "cache", tag, "result", "hit");
            metrics.functionCounter("tandem.plan.cache.requests", "Plan lookups that built a plan", this,
                    c -> c.stats(use).missCount(), "datasource", datasource, "cache", tag, "result", "miss");
            metrics.functionCounter("tandem.plan.cache.evictions", "Plans evicted for size", this,
                    c -> c.stats(use).evictionCount(), "datasource", datasource, "cache", tag);
        }
    }

    /** A plan and whether it may be kept. */
    record Planned(StatementPlan plan, boolean cacheable) {
    }
}
