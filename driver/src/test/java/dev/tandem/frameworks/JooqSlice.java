package dev.tandem.frameworks;

import dev.tandem.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice with jOOQ's DSL, as generated code would write it: every name quoted exactly as the catalog holds it
 * (upper case on H2), keys drawn from the sequence first ({@code nextval}) and inserted explicitly, a multi-row insert
 * for the batch, transactions through {@link DSLContext#transactionResult}. Not {@code returningResult(ID)}: see
 * {@link #insertReturningKey}.
 */
final class JooqSlice implements LibrarySlice {
    private final DSLContext ctx;
    private final LibrarySchema s;
    private final Table<Record> author;
    private final Table<Record> book;
    private final Field<Long> id;
    private final Field<String> firstName;
    private final Field<String> lastName;
    private final Field<String> email;
    private final Field<Integer> version;
    private final Field<Long> bookAuthor;
    private final Field<String> title;
    private final Sequence<Long> sequence;

    JooqSlice(DataSource dataSource, LibrarySchema schema) {
        this.s = schema;
        this.ctx = DSL.using(dataSource, dialect(schema.db));
        this.author = DSL.table(DSL.name(schema.catalogName(schema.author)));
        this.book = DSL.table(DSL.name(schema.catalogName(schema.book)));
        this.id = column(author, "id", Long.class);
        this.firstName = column(author, "first_name", String.class);
        this.lastName = column(author, "last_name", String.class);
        this.email = column(author, "email", String.class);
        this.version = column(author, "version", Integer.class);
        this.bookAuthor = column(book, "author_id", Long.class);
        this.title = column(book, "title", String.class);
        this.sequence = DSL.sequence(DSL.name(schema.catalogName(schema.authorSequence)), Long.class);
    }

    private static SQLDialect dialect(TestDatabase db) {
        return switch (db) {
            case H2 -> SQLDialect.H2;
            case POSTGRESQL -> SQLDialect.POSTGRES;
            case MARIADB -> SQLDialect.MARIADB;
        };
    }

    private <T> Field<T> column(Table<?> table, String name, Class<T> type) {
        return DSL.field(DSL.name(table.getName(), s.catalogName(name)), type);
    }

    @Override
    public long create(Author a) {
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            long key = tx.nextval(sequence);
            tx.insertInto(author, id, firstName, lastName, email).values(key, a.first(), a.last(), a.email())
                    .execute();
            insertBooks(tx, key, a);
            return key;
        });
    }

    @Override
    public List<Long> createAll(List<Author> authors) {
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            var insert = tx.insertInto(author, id, firstName, lastName, email);
            List<Long> ids = new ArrayList<>();
            for (Author a : authors) {
                long key = tx.nextval(sequence);
                ids.add(key);
                insert = insert.values(key, a.first(), a.last(), a.email());
            }
            insert.execute();
            for (int i = 0; i < authors.size(); i++) {
                insertBooks(tx, ids.get(i), authors.get(i));
            }
            return ids;
        });
    }

    /**
     * How jOOQ users usually get a generated key, {@code insertInto(...).returningResult(ID)}: jOOQ renders it as
     * {@code INSERT ... RETURNING} (PostgreSQL, MariaDB) or {@code SELECT ... FROM FINAL TABLE (INSERT ...)} (H2),
     * which Tandem cannot mirror (see src/docs/frameworks.md); {@link JooqReturningTest} pins that down.
     */
    Long insertReturningKey(Author a) {
        return ctx.insertInto(author, firstName, lastName, email).values(a.first(), a.last(), a.email())
                .returningResult(id).fetchOne().value1();
    }

    /** The SQL {@link #insertReturningKey} sends, with {@code ?} for its values. */
    String insertReturningKeySql() {
        return ctx.insertInto(author, firstName, lastName, email).values("a", "b", "c").returningResult(id).getSQL();
    }

    private void insertBooks(DSLContext tx, long key, Author a) {
        if (a.titles().isEmpty()) {
            return;
        }
        var insert = tx.insertInto(book, bookAuthor, title);
        for (String t : a.titles()) {
            insert = insert.values(key, t);
        }
        insert.execute();
    }

    @Override
    public boolean renameFromStaleRead(long key, String winner, String loser) {
        int read = ctx.select(version).from(author).where(id.eq(key)).fetchOne().value1();
        if (rename(key, read, winner) != 1) {
            throw new IllegalStateException("the first rename of " + key + " found no row at version " + read);
        }
        return rename(key, read, loser) == 0;
    }

    private int rename(long key, int read, String last) {
        return ctx.update(author).set(lastName, last).set(version, version.plus(1))
                .where(id.eq(key).and(version.eq(read))).execute();
    }

    @Override
    public void delete(long key) {
        ctx.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(book).where(bookAuthor.eq(key)).execute();
            tx.deleteFrom(author).where(id.eq(key)).execute();
        });
    }

    @Override
    public SortedMap<Long, Author> all() {
        return group(ctx.select(id, firstName, lastName, email, version, title).from(author)
                .leftJoin(book).on(bookAuthor.eq(id)).orderBy(id, title).fetch());
    }

    @Override
    public Map<Long, Author> byLastName(String last) {
        return group(ctx.select(id, firstName, lastName, email, version, title).from(author)
                .leftJoin(book).on(bookAuthor.eq(id)).where(lastName.eq(last)).orderBy(id, title).fetch());
    }

    @Override
    public long countByLastName(String last) {
        return ctx.selectCount().from(author).where(lastName.eq(last)).fetchOne().value1();
    }

    private SortedMap<Long, Author> group(Result<? extends Record> rows) {
        Map<Long, Record> heads = new HashMap<>();
        Map<Long, List<String>> titles = new HashMap<>();
        for (Record r : rows) {
            long key = r.get(id);
            heads.putIfAbsent(key, r);
            List<String> t = titles.computeIfAbsent(key, k -> new ArrayList<>());
            if (r.get(title) != null) {
                t.add(r.get(title));
            }
        }
        TreeMap<Long, Author> result = new TreeMap<>();
        heads.forEach((key, r) -> result.put(key, new Author(r.get(firstName), r.get(lastName), r.get(email),
                r.get(version), titles.get(key))));
        return result;
    }

    @Override
    public void close() {
    }
}
