package dev.tandem.frameworks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The migrated table as an entity whose id the database generates ({@code IDENTITY}): see HibernateIdentityTest. */
@Entity
@Table(name = "author")
public class HibernateIdentityAuthor {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    private String email;

    @Version
    private int version;

    protected HibernateIdentityAuthor() {
    }

    HibernateIdentityAuthor(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    Long id() {
        return id;
    }
}
