package dev.tandem.frameworks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.backfill.Backfill;
import dev.tandem.backfill.BackfillOptions;
import dev.tandem.backfill.BackfillResult;
import dev.tandem.cli.Cli;
import dev.tandem.engine.TandemEngine;
import dev.tandem.jdbc.TandemConnection;
import dev.tandem.metrics.MigrationMeters;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RulesLoader;
import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one phase walk every framework test runs: off → write-both → backfill → read-both → read-new → write-new and
 * back down to off, flipped with the operator's CLI while the framework's {@link LibrarySlice} works through a HikariCP
 * pool configured only by {@code jdbc:tandem:} URL and data-source properties.
 *
 * <p>In every phase the slice creates (one by one and batched), renames with optimistic locking (and is refused a
 * stale rename), deletes, and reads back through its framework's queries; each read must be exactly what was written
 * (the model). Then the database is checked through the real driver: {@code author} holds the model, the books their
 * titles, and wherever {@code author_to} is maintained {@code to = up(from)}, {@code from = down(to)} and
 * {@code tandem verify} is clean. Nothing the framework sent may be left unhandled: {@code tandem.unsupported} stays
 * 0, and in read-both every sampled read matches its translation.
 */
final class FrameworkPhaseWalk {

    /** Opens a framework's slice over the pool, for these tables. */
    interface SliceFactory {
        LibrarySlice open(HikariDataSource pool, LibrarySchema schema) throws Exception;
    }

    private record Step(String phase, boolean toMaintained) {
    }

    private static final List<Step> WALK = List.of(
            new Step("write-both", true), // then the backfill copies what was written while off
            new Step("read-both", true),
            new Step("read-new", true),
            new Step("write-new", true),
            new Step("read-new", true),
            new Step("read-both", true),
            new Step("write-both", true),
            new Step("off", false));

    private static final String[] FIRST = {"Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen"};

    private final TestDatabase db;
    private final String framework;
    private final SliceFactory factory;
    private final TreeMap<Long, Author> model = new TreeMap<>();
    private int serial;
    private boolean backfilled;

    private FrameworkPhaseWalk(TestDatabase db, String framework, SliceFactory factory) {
        this.db = db;
        this.framework = framework;
        this.factory = factory;
    }

    /**
     * Walks the phases with one framework on one database; {@code framework} is a short lowercase tag for table names
     * ({@code fw_<tag>_...}) and messages.
     */
    static void walk(TestDatabase db, String framework, SliceFactory factory) throws Exception {
        new FrameworkPhaseWalk(db, framework, factory).run();
    }

    private void run() throws Exception {
        try (StateFixture fixture = StateFixture.shared(db)) {
            LibrarySchema schema = LibrarySchema.create(fixture, framework);
            fixture.track(schema.migration);
            try {
                Files.writeString(fixture.rulesDir().resolve(schema.migration + ".yaml"), schema.rules());
                try (HikariDataSource pool = pool(fixture, framework);
                     LibrarySlice slice = factory.open(pool, schema)) {
                    MigrationMeters meters = meters(pool, schema.migration);
                    exercise(slice, "off");
                    check(slice, schema, fixture, meters, false, "off");
                    for (Step step : WALK) {
                        List<String> args = new ArrayList<>(List.of(schema.migration, step.phase(),
                                "--reason", framework + " walk", "--wait", "30"));
                        if (step.phase().startsWith("read-")) {
                            args.addAll(List.of("--percent", "100"));
                        }
                        Cli.Result flip = fixture.cliWithRules("phase", args.toArray(new String[0]));
                        assertEquals(0, flip.code(), framework + ": flip to " + step.phase() + ": " + flip);
                        if (step.phase().equals("write-both") && !backfilled) {
                            backfill(fixture, schema.migration); // the rows written while off
                            backfilled = true;
                        }
                        exercise(slice, step.phase());
                        check(slice, schema, fixture, meters, step.toMaintained(), step.phase());
                    }
                    assertTrue(meters.shadowCount("match") > 0, framework + ": read-both compared reads");
                    assertTrue(meters.mirroredRowCount() > 0, framework + ": writes were mirrored");
                }
            } finally {
                schema.drop();
            }
        }
    }

    /** A pool as an application configures it: a jdbc:tandem: URL, credentials and data-source properties only. */
    static HikariDataSource pool(StateFixture fixture, String framework) {
        return pool(fixture, framework, "100ms");
    }

    /** As {@link #pool(StateFixture, String)}, following the state tables every {@code poll}. */
    static HikariDataSource pool(StateFixture fixture, String framework, String poll) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fixture.tandemUrl());
        Properties p = fixture.db.properties();
        if (p.getProperty("user") != null) {
            config.setUsername(p.getProperty("user"));
        }
        config.setPassword(p.getProperty("password", ""));
        config.addDataSourceProperty("tandem.rules", fixture.rulesDir().toString());
        config.addDataSourceProperty("tandem.poll", poll);
        config.setMaximumPoolSize(3);
        config.setPoolName("fw-" + framework);
        return new HikariDataSource(config);
    }

    static MigrationMeters meters(HikariDataSource pool, String migration) throws Exception {
        try (Connection c = pool.getConnection()) {
            TandemEngine engine = c.unwrap(TandemConnection.class).engine();
            return engine.meters(engine.rules().migration(migration).orElseThrow());
        }
    }

    /** The slice's writes in one phase: single and batched inserts, optimistic renames (one stale), a delete. */
    private void exercise(LibrarySlice slice, String where) {
        String at = framework + " in " + where + ": ";
        Author single = newAuthor(2);
        model.put(slice.create(single), single);
        Author bookless = newAuthor(0);
        model.put(slice.create(bookless), bookless);

        List<Author> batch = List.of(newAuthor(1), newAuthor(3), newAuthor(0));
        List<Long> ids = slice.createAll(batch);
        assertEquals(batch.size(), ids.size(), at + "ids of the batch");
        for (int i = 0; i < ids.size(); i++) {
            assertFalse(model.containsKey(ids.get(i)), at + "a new id " + ids.get(i));
            model.put(ids.get(i), batch.get(i));
        }

        long renamed = model.firstKey() + 0;
        for (long id : model.keySet()) { // a different one each phase
            if (id % 7 == serial % 7 || id == model.lastKey()) {
                renamed = id;
                break;
            }
        }
        Author before = model.get(renamed);
        String newLast = LAST[serial % LAST.length] + serial;
        assertTrue(slice.renameFromStaleRead(renamed, newLast, "Stale" + serial),
                at + "a rename from a stale read of " + renamed + " must be refused");
        model.put(renamed, before.renamed(newLast));

        long deleted = model.firstKey();
        slice.delete(deleted);
        model.remove(deleted);
    }

    private Author newAuthor(int books) {
        int n = ++serial;
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < books; i++) {
            titles.add("Volume " + n + "." + i);
        }
        return Author.fresh(FIRST[n % FIRST.length], LAST[n % LAST.length], n % 3 == 0 ? null : "a" + n + "@x",
                titles);
    }

    private void check(LibrarySlice slice, LibrarySchema schema, StateFixture fixture, MigrationMeters meters,
                       boolean toMaintained, String where) throws Exception {
        String at = framework + " in " + where + ": ";
        // what the application reads, through its framework
        assertEquals(model, slice.all(), at + "every author and book read back as written");
        String last = model.lastEntry().getValue().last();
        Map<Long, Author> expected = model.entrySet().stream().filter(e -> e.getValue().last().equals(last))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertEquals(expected, new TreeMap<>(slice.byLastName(last)), at + "authors named " + last);
        assertEquals(expected.size(), slice.countByLastName(last), at + "count of authors named " + last);

        // what the database holds, through the real driver
        TreeMap<Long, String> from = new TreeMap<>();
        TreeMap<Long, String> books = new TreeMap<>();
        model.forEach((id, a) -> {
            from.put(id, a.first() + "|" + a.last() + "|" + a.email() + "|" + a.version());
            if (!a.titles().isEmpty()) {
                books.put(id, String.join("|", a.titles()));
            }
        });
        assertEquals(from, schema.fromRows(), at + "author holds exactly what was written");
        assertEquals(books, schema.books(), at + "the books are those written");
        if (toMaintained) {
            assertEquals(schema.upOfFrom(), schema.toRows(), at + "to = up(from)");
            assertEquals(from, schema.downOfTo(), at + "from = down(to)");
            Cli.Result verify = fixture.cliWithRules("verify", schema.migration);
            assertEquals(0, verify.code(), at + "verify is clean: " + verify);
        }
        assertEquals(0, meters.unsupportedCount(), at + "every statement the framework sent was handled"
                + " (tandem.unsupported; the tandem.statements log names the statement)");
        assertEquals(0, meters.mirrorFailures(), at + "no mirror failed");
        assertEquals(0, meters.shadowCount("mismatch") + meters.shadowCount("error"),
                at + "no shadow read differed or failed");
    }

    private static void backfill(StateFixture fixture, String migration) throws Exception {
        Migration m = RulesLoader.load(fixture.rulesDir().toString(), null).migration(migration).orElseThrow();
        try (Connection c = fixture.connect()) {
            BackfillResult r = Backfill.of(c, m, BackfillOptions.defaults().batchSize(20).actor("framework walk"))
                    .run();
            assertTrue(r.rowsDone() > 0, "the backfill found the rows written while off: " + r);
        }
    }
}
