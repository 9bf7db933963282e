package dev.tandem.frameworks;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice as Hibernate ORM entities ({@link HibernateAuthor}, {@link HibernateBook}): sequence-generated ids, JDBC
 * batching on (inserts and updates ordered and batched 20 at a time), optimistic locking through the {@code @Version}
 * column, the one-to-many association cascaded, reads by JPQL ({@code join fetch}) and the criteria API. Hibernate is
 * handed the pool as its DataSource and finds the dialect from the connection.
 */
final class HibernateSlice implements LibrarySlice {
    private final SessionFactory sessions;
    private final StandardServiceRegistry registry;

    HibernateSlice(DataSource dataSource, LibrarySchema schema) {
        this(dataSource, schema, HibernateAuthor.class, HibernateBook.class);
    }

    /** Over these entity classes (mapped to the schema's tables by their logical names). */
    HibernateSlice(DataSource dataSource, LibrarySchema schema, Class<?>... entities) {
        this.registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 20)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .build();
        Map<String, String> names = Map.of("author", schema.author, "book", schema.book,
                "author_seq", schema.authorSequence, "book_seq", schema.bookSequence);
        MetadataSources sources = new MetadataSources(registry);
        for (Class<?> entity : entities) {
            sources.addAnnotatedClass(entity);
        }
        this.sessions = sources.getMetadataBuilder()
                .applyPhysicalNamingStrategy(new TestNames(names))
                .build()
                .buildSessionFactory();
    }

    /** Maps the entities' logical table and sequence names to this test's unique ones. */
    private static final class TestNames extends PhysicalNamingStrategyStandardImpl {
        private final Map<String, String> names;

        TestNames(Map<String, String> names) {
            this.names = names;
        }

        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
            return map(name);
        }

        @Override
        public Identifier toPhysicalSequenceName(Identifier name, JdbcEnvironment context) {
            return map(name);
        }

        private Identifier map(Identifier name) {
            String mapped = names.get(name.getText());
            return mapped == null ? name : Identifier.toIdentifier(mapped);
        }
    }

    /** The session factory, for tests of one Hibernate behaviour. */
    SessionFactory sessions() {
        return sessions;
    }

    @Override
    public long create(Author author) {
        return sessions.fromTransaction(session -> {
            HibernateAuthor entity = new HibernateAuthor(author);
            session.persist(entity);
            return entity;
        }).id();
    }

    @Override
    public List<Long> createAll(List<Author> authors) {
        List<HibernateAuthor> entities = new ArrayList<>();
        sessions.inTransaction(session -> {
            for (Author a : authors) {
                HibernateAuthor entity = new HibernateAuthor(a);
                session.persist(entity);
                entities.add(entity);
            }
        });
        return entities.stream().map(HibernateAuthor::id).toList();
    }

    @Override
    public boolean renameFromStaleRead(long id, String winner, String loser) {
        try (Session late = sessions.openSession()) {
            Transaction lateTx = late.beginTransaction();
            HibernateAuthor stale = late.find(HibernateAuthor.class, id);
            sessions.inTransaction(first -> first.find(HibernateAuthor.class, id).rename(winner));
            stale.rename(loser);
            try {
                lateTx.commit();
                return false;
            } catch (OptimisticLockException | StaleStateException e) {
                return true;
            }
        }
    }

    @Override
    public void delete(long id) {
        sessions.inTransaction(session -> session.remove(session.find(HibernateAuthor.class, id)));
    }

    @Override
    public SortedMap<Long, Author> all() {
        return sessions.fromTransaction(session -> toMap(session.createSelectionQuery(
                "select distinct a from HibernateAuthor a left join fetch a.books order by a.id",
                HibernateAuthor.class).getResultList()));
    }

    @Override
    public Map<Long, Author> byLastName(String last) {
        return sessions.fromTransaction(session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<HibernateAuthor> q = cb.createQuery(HibernateAuthor.class);
            Root<HibernateAuthor> a = q.from(HibernateAuthor.class);
            q.select(a).where(cb.equal(a.get("lastName"), last)).orderBy(cb.asc(a.get("id")));
            return toMap(session.createSelectionQuery(q).getResultList()); // books: lazily, one query each
        });
    }

    @Override
    public long countByLastName(String last) {
        return sessions.fromTransaction(session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<Long> q = cb.createQuery(Long.class);
            Root<HibernateAuthor> a = q.from(HibernateAuthor.class);
            q.select(cb.count(a)).where(cb.equal(a.get("lastName"), last));
            return session.createSelectionQuery(q).getSingleResult();
        });
    }

    private static SortedMap<Long, Author> toMap(List<HibernateAuthor> authors) {
        TreeMap<Long, Author> map = new TreeMap<>();
        for (HibernateAuthor a : authors) {
            map.put(a.id(), a.toAuthor());
        }
        return map;
    }

    @Override
    public void close() {
        sessions.close();
        StandardServiceRegistryBuilder.destroy(registry);
    }
}
