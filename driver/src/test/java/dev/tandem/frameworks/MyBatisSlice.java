package dev.tandem.frameworks;

import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice as a MyBatis mapper ({@link MyBatisAuthorMapper}): generated keys into the parameter object, a
 * {@link ExecutorType#BATCH} session for the batched inserts, result rows mapped to a record (underscores to camel
 * case), transactions by the session.
 */
final class MyBatisSlice implements LibrarySlice {
    private final SqlSessionFactory sessions;

    MyBatisSlice(DataSource dataSource, LibrarySchema schema) {
        Properties tables = new Properties();
        tables.setProperty("author", schema.author);
        tables.setProperty("book", schema.book);
        Configuration configuration = new Configuration(new Environment("test", new JdbcTransactionFactory(),
                dataSource));
        configuration.setVariables(tables);
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.addMapper(MyBatisAuthorMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    @Override
    public long create(Author author) {
        try (SqlSession session = sessions.openSession()) {
            MyBatisAuthorMapper mapper = session.getMapper(MyBatisAuthorMapper.class);
            MyBatisAuthorMapper.NewAuthor row = new MyBatisAuthorMapper.NewAuthor(author);
            mapper.insertAuthor(row);
            for (String title : author.titles()) {
                mapper.insertBook(row.id, title);
            }
            session.commit();
            return row.id;
        }
    }

    @Override
    public List<Long> createAll(List<Author> authors) {
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH)) {
            MyBatisAuthorMapper mapper = session.getMapper(MyBatisAuthorMapper.class);
            List<MyBatisAuthorMapper.NewAuthor> rows = new ArrayList<>();
            for (Author a : authors) {
                MyBatisAuthorMapper.NewAuthor row = new MyBatisAuthorMapper.NewAuthor(a);
                mapper.insertAuthor(row);
                rows.add(row);
            }
            List<BatchResult> results = session.flushStatements(); // the batch runs; its keys fill the rows
            if (results.isEmpty()) {
                throw new IllegalStateException("the batch did not run");
            }
            for (int i = 0; i < authors.size(); i++) {
                for (String title : authors.get(i).titles()) {
                    mapper.insertBook(rows.get(i).id, title);
                }
            }
            session.commit();
            return rows.stream().map(r -> r.id).toList();
        }
    }

    @Override
    public boolean renameFromStaleRead(long id, String winner, String loser) {
        try (SqlSession session = sessions.openSession(true)) {
            MyBatisAuthorMapper mapper = session.getMapper(MyBatisAuthorMapper.class);
            int read = mapper.version(id);
            if (mapper.rename(id, read, winner) != 1) {
                throw new IllegalStateException("the first rename of " + id + " found no row at version " + read);
            }
            return mapper.rename(id, read, loser) == 0;
        }
    }

    @Override
    public void delete(long id) {
        try (SqlSession session = sessions.openSession()) {
            MyBatisAuthorMapper mapper = session.getMapper(MyBatisAuthorMapper.class);
            mapper.deleteBooks(id);
            mapper.deleteAuthor(id);
            session.commit();
        }
    }

    @Override
    public SortedMap<Long, Author> all() {
        try (SqlSession session = sessions.openSession()) {
            return group(session.getMapper(MyBatisAuthorMapper.class).all());
        }
    }

    @Override
    public Map<Long, Author> byLastName(String last) {
        try (SqlSession session = sessions.openSession()) {
            return group(session.getMapper(MyBatisAuthorMapper.class).byLastName(last));
        }
    }

    @Override
    public long countByLastName(String last) {
        try (SqlSession session = sessions.openSession()) {
            return session.getMapper(MyBatisAuthorMapper.class).countByLastName(last);
        }
    }

    private static SortedMap<Long, Author> group(List<MyBatisAuthorMapper.Row> rows) {
        Map<Long, List<String>> titles = new HashMap<>();
        Map<Long, MyBatisAuthorMapper.Row> heads = new HashMap<>();
        for (MyBatisAuthorMapper.Row r : rows) {
            heads.putIfAbsent(r.id(), r);
            List<String> t = titles.computeIfAbsent(r.id(), k -> new ArrayList<>());
            if (r.title() != null) {
                t.add(r.title());
            }
        }
        TreeMap<Long, Author> result = new TreeMap<>();
        heads.forEach((id, r) -> result.put(id, new Author(r.firstName(), r.lastName(), r.email(), r.version(),
                titles.get(id))));
        return result;
    }

    @Override
    public void close() {
    }
}
