package dev.tandem.frameworks;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A slice of an application, written once per framework the way that framework's users write it: authors (the table
 * being migrated) with an optimistic-locking version, and their books (a one-to-many association to a table that is
 * not migrated). The {@link FrameworkPhaseWalk} drives every implementation through the same operations and checks
 * what each reads back against what was written.
 */
interface LibrarySlice extends AutoCloseable {

    /** Writes a new author and its books in one transaction; returns the author's generated id. */
    long create(Author author);

    /** Writes several new authors (with their books) in one transaction, batched; returns their ids, in order. */
    List<Long> createAll(List<Author> authors);

    /**
     * Renames an author the framework's optimistic way: the write names the version it read ({@code WHERE id = ? AND
     * version = ?}) and bumps it. Returns false, changing nothing, when the row's version is no longer
     * {@code expectedVersion} (a concurrent change), as the framework reports it (an exception or a count of 0).
     */
    boolean rename(long id, int expectedVersion, String newLast);

    /** Deletes an author and its books in one transaction. */
    void delete(long id);

    /** Every author with its books, through a query joining both tables. */
    SortedMap<Long, Author> all();

    /** The authors with this last name (a filtered query: criteria, a DSL condition, a parameter). */
    Map<Long, Author> byLastName(String last);

    /** How many authors have this last name (an aggregate). */
    long countByLastName(String last);

    @Override
    void close();
}
