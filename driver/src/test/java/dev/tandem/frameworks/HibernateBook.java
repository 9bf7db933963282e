package dev.tandem.frameworks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The many side of {@link HibernateAuthor}'s books; its table is not migrated. */
@Entity
@Table(name = "book")
public class HibernateBook {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "book_ids")
    @SequenceGenerator(name = "book_ids", sequenceName = "book_seq", allocationSize = LibrarySchema.SEQUENCE_INCREMENT)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private HibernateAuthor author;

    @Column(nullable = false)
    private String title;

    protected HibernateBook() {
    }

    HibernateBook(HibernateAuthor author, String title) {
        this.author = author;
        this.title = title;
    }

    String title() {
        return title;
    }
}
