package dev.tandem.frameworks;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * The migrated table as a Hibernate entity: a sequence-generated id (pooled, 50 at a time), a {@code @Version}
 * column, and its books. The table and sequence names are logical; {@link HibernateSlice} maps them to the test's.
 */
@Entity
@Table(name = "author")
public class HibernateAuthor {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "author_ids")
    @SequenceGenerator(name = "author_ids", sequenceName = "author_seq", allocationSize = LibrarySchema.SEQUENCE_INCREMENT)
    private Long id;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    private String email;

    @Version
    private int version;

    @OneToMany(mappedBy = "author", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("title")
    private List<HibernateBook> books = new ArrayList<>();

    protected HibernateAuthor() {
    }

    HibernateAuthor(Author a) {
        this.firstName = a.first();
        this.lastName = a.last();
        this.email = a.email();
        for (String title : a.titles()) {
            books.add(new HibernateBook(this, title));
        }
    }

    Long id() {
        return id;
    }

    void rename(String last) {
        this.lastName = last;
    }

    Author toAuthor() {
        return new Author(firstName, lastName, email, version, books.stream().map(HibernateBook::title).toList());
    }
}
