package dev.tandem.frameworks;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice as a Spring {@code JdbcTemplate} repository: SQL written by hand, generated keys through a
 * {@link KeyHolder} (naming the key column, as PostgreSQL needs), {@code batchUpdate} (with the batch's generated
 * keys for the authors), named parameters
 * for the filtered query, and transactions through {@link DataSourceTransactionManager} and a
 * {@link TransactionTemplate}.
 */
final class JdbcTemplateSlice implements LibrarySlice {
    private final LibrarySchema s;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;

    JdbcTemplateSlice(DataSource dataSource, LibrarySchema schema) {
        this.s = schema;
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public long create(Author a) {
        Long id = tx.execute(status -> insert(a));
        return id;
    }

    private long insert(Author a) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO " + s.author
                    + " (first_name, last_name, email) VALUES (?, ?, ?)", new String[] {"id"});
            ps.setString(1, a.first());
            ps.setString(2, a.last());
            ps.setString(3, a.email());
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        List<Object[]> books = new ArrayList<>();
        for (String title : a.titles()) {
            books.add(new Object[] {id, title});
        }
        jdbc.batchUpdate("INSERT INTO " + s.book + " (author_id, title) VALUES (?, ?)", books);
        return id;
    }

    @Override
    public List<Long> createAll(List<Author> authors) {
        return tx.execute(status -> {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(c -> c.prepareStatement("INSERT INTO " + s.author
                    + " (first_name, last_name, email) VALUES (?, ?, ?)", new String[] {"id"}),
                    new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            Author a = authors.get(i);
                            ps.setString(1, a.first());
                            ps.setString(2, a.last());
                            ps.setString(3, a.email());
                        }

                        @Override
                        public int getBatchSize() {
                            return authors.size();
                        }
                    }, keys);
            List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue())
                    .toList();
            List<Object[]> books = new ArrayList<>();
            for (int i = 0; i < authors.size() && i < ids.size(); i++) {
                for (String title : authors.get(i).titles()) {
                    books.add(new Object[] {ids.get(i), title});
                }
            }
            jdbc.batchUpdate("INSERT INTO " + s.book + " (author_id, title) VALUES (?, ?)", books);
            return ids;
        });
    }

    @Override
    public boolean renameFromStaleRead(long id, String winner, String loser) {
        int read = jdbc.queryForObject("SELECT version FROM " + s.author + " WHERE id = ?", Integer.class, id);
        if (update(id, read, winner) != 1) {
            throw new IllegalStateException("the first rename of " + id + " found no row at version " + read);
        }
        return update(id, read, loser) == 0;
    }

    private int update(long id, int version, String last) {
        return jdbc.update("UPDATE " + s.author + " SET last_name = ?, version = version + 1"
                + " WHERE id = ? AND version = ?", last, id, version);
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM " + s.book + " WHERE author_id = ?", id);
            jdbc.update("DELETE FROM " + s.author + " WHERE id = ?", id);
        });
    }

    @Override
    public SortedMap<Long, Author> all() {
        return authors("SELECT a.id, a.first_name, a.last_name, a.email, a.version, b.title FROM " + s.author
                + " a LEFT JOIN " + s.book + " b ON b.author_id = a.id ORDER BY a.id, b.title", new MapSqlParameterSource());
    }

    @Override
    public Map<Long, Author> byLastName(String last) {
        return authors("SELECT a.id, a.first_name, a.last_name, a.email, a.version, b.title FROM " + s.author
                + " a LEFT JOIN " + s.book + " b ON b.author_id = a.id WHERE a.last_name = :last ORDER BY a.id",
                new MapSqlParameterSource("last", last));
    }

    private SortedMap<Long, Author> authors(String sql, MapSqlParameterSource params) {
        Map<Long, Author> heads = new HashMap<>();
        Map<Long, List<String>> titles = new HashMap<>();
        named.query(sql, params, rs -> {
            long id = rs.getLong("id");
            heads.putIfAbsent(id, new Author(rs.getString("first_name"), rs.getString("last_name"),
                    rs.getString("email"), rs.getInt("version"), List.of()));
            List<String> t = titles.computeIfAbsent(id, k -> new ArrayList<>());
            String title = rs.getString("title");
            if (title != null) {
                t.add(title);
            }
        });
        TreeMap<Long, Author> result = new TreeMap<>();
        heads.forEach((id, a) -> result.put(id, new Author(a.first(), a.last(), a.email(), a.version(),
                titles.get(id))));
        return result;
    }

    @Override
    public long countByLastName(String last) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + s.author + " WHERE last_name = ?", Long.class, last);
    }

    @Override
    public void close() {
    }
}
