package dev.tandem.example;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.util.List;

/** The application's SQL, written for the old structure {@code person(id, first_name, last_name)}. */
@Repository
public class PersonRepository {
    private final JdbcTemplate jdbc;

    public PersonRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Person> findAll() {
        return jdbc.query("SELECT id, first_name, last_name FROM person ORDER BY id",
                (rs, i) -> new Person(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name")));
    }

    @Transactional
    public Person add(String firstName, String lastName) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO person (first_name, last_name) VALUES (?, ?)",
                    new String[] {"id"});
            ps.setString(1, firstName);
            ps.setString(2, lastName);
            return ps;
        }, keys);
        return new Person(keys.getKey().longValue(), firstName, lastName);
    }

    @Transactional
    public int rename(long id, String lastName) {
        return jdbc.update("UPDATE person SET last_name = ? WHERE id = ?", lastName, id);
    }
}
