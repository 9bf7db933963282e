package dev.tandem.frameworks;

import dev.tandem.state.StateFixture;
import dev.tandem.testing.TestDatabase;
import dev.tandem.testing.TestTables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The tables of one framework's walk, with unique names ({@code fw_<framework>_<random>}): the migrated
 * {@code author(id, first_name, last_name, email, version)}, its new structure {@code author_to(id, full_name, email,
 * version)} keyed from the same sequence (so that write-new can insert), and {@code book(id, author_id, title)}, the
 * one-to-many side, which is not migrated. The migration merges the two name columns into {@code full_name}.
 *
 * <p>Keys: on H2 and PostgreSQL both author tables default to one sequence, created {@code INCREMENT BY 50} (the
 * allocation size of Hibernate's default pooled optimizer; frameworks that let the database generate keys just see
 * gaps). On MariaDB, whose drivers return generated keys only for {@code AUTO_INCREMENT}, the tables are
 * {@code AUTO_INCREMENT} (an explicit key moves the counter past it) and the sequences are there for Hibernate.
 */
final class LibrarySchema {
    static final int SEQUENCE_INCREMENT = 50;

    final TestDatabase db;
    final String migration;
    final String author;
    final String authorTo;
    final String book;
    final String authorSequence;
    final String bookSequence;
    private final StateFixture fixture;

    private LibrarySchema(StateFixture fixture, String framework) {
        this.fixture = fixture;
        this.db = fixture.db;
        this.author = TestTables.unique("fw_" + framework);
        this.authorTo = author + "_to";
        this.book = author + "_book";
        this.authorSequence = author + "_seq";
        this.bookSequence = author + "_bseq";
        this.migration = author.replace('_', '-');
    }

    /** Creates the tables and sequences in the fixture's database. */
    static LibrarySchema create(StateFixture fixture, String framework) throws SQLException {
        LibrarySchema s = new LibrarySchema(fixture, framework);
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE SEQUENCE " + s.authorSequence + " START WITH 1 INCREMENT BY " + SEQUENCE_INCREMENT);
        ddl.add("CREATE SEQUENCE " + s.bookSequence + " START WITH 1 INCREMENT BY " + SEQUENCE_INCREMENT);
        ddl.add("CREATE TABLE " + s.author + " (" + s.key(s.authorSequence) + ","
                + " first_name VARCHAR(50) NOT NULL, last_name VARCHAR(50) NOT NULL, email VARCHAR(100),"
                + " version INT DEFAULT 0 NOT NULL)");
        ddl.add("CREATE TABLE " + s.authorTo + " (" + s.key(s.authorSequence) + ","
                + " full_name VARCHAR(101) NOT NULL, email VARCHAR(100), version INT DEFAULT 0 NOT NULL)");
        ddl.add("CREATE TABLE " + s.book + " (" + s.key(s.bookSequence) + ","
                + " author_id BIGINT NOT NULL, title VARCHAR(100) NOT NULL)");
        fixture.raw(ddl.toArray(new String[0]));
        return s;
    }

    private String next(String sequence) {
        return db == TestDatabase.POSTGRESQL ? "nextval('" + sequence + "')" : "NEXT VALUE FOR " + sequence;
    }

    /** The key column's definition: from the sequence, or AUTO_INCREMENT on MariaDB. */
    private String key(String sequence) {
        return db == TestDatabase.MARIADB ? "id BIGINT AUTO_INCREMENT PRIMARY KEY"
                : "id BIGINT DEFAULT " + next(sequence) + " PRIMARY KEY";
    }

    /** The rules file: first and last name merged into full_name, split again by down; phase off. */
    String rules() {
        return rules("off");
    }

    /** The rules file with this starting phase. */
    String rules(String phase) {
        return String.join("\n",
                "migration: " + migration,
                "from: { table: " + author + ", key: [id] }",
                "to: { table: " + authorTo + ", key: [id] }",
                "up:",
                "  id: id",
                "  full_name: \"CONCAT(first_name, ' ', last_name)\"",
                "  email: email",
                "  version: version",
                "down:",
                "  id: id",
                "  first_name: \"SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1)\"",
                "  last_name: \"SUBSTRING(full_name, POSITION(' ' IN full_name) + 1)\"",
                "  email: email",
                "  version: version",
                "phase: " + phase, "");
    }

    /** A name as the database's catalog holds it (H2 folds unquoted names to upper case), for code that quotes. */
    String catalogName(String name) {
        return db == TestDatabase.H2 ? name.toUpperCase(Locale.ROOT) : name;
    }

    TreeMap<Long, String> fromRows() throws SQLException {
        return rows("SELECT id, first_name, last_name, email, version FROM " + author);
    }

    TreeMap<Long, String> downOfTo() throws SQLException {
        return rows("SELECT id, SUBSTRING(full_name, 1, POSITION(' ' IN full_name) - 1),"
                + " SUBSTRING(full_name, POSITION(' ' IN full_name) + 1), email, version FROM " + authorTo);
    }

    TreeMap<Long, String> toRows() throws SQLException {
        return rows("SELECT id, full_name, email, version FROM " + authorTo);
    }

    TreeMap<Long, String> upOfFrom() throws SQLException {
        return rows("SELECT id, CONCAT(first_name, ' ', last_name), email, version FROM " + author);
    }

    /** Book titles by author, as the database holds them (sorted, joined with '|'). */
    TreeMap<Long, String> books() throws SQLException {
        TreeMap<Long, String> books = new TreeMap<>();
        try (Connection c = fixture.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT author_id, title FROM " + book + " ORDER BY author_id, title")) {
            while (rs.next()) {
                books.merge(rs.getLong(1), rs.getString(2), (a, b) -> a + "|" + b);
            }
        }
        return books;
    }

    private TreeMap<Long, String> rows(String sql) throws SQLException {
        try (Connection c = fixture.connect()) {
            return TestTables.rowsByKey(c, sql);
        }
    }

    void drop() throws SQLException {
        try (Connection c = fixture.connect()) {
            TestTables.drop(c, author, authorTo, book);
            for (String sequence : List.of(authorSequence, bookSequence)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SEQUENCE IF EXISTS " + sequence);
                } catch (SQLException ignored) {
                    // best effort
                }
            }
        }
    }
}
