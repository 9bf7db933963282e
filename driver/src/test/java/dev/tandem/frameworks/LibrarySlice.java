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
     * Optimistic locking: two clients read the same author; the first renames it to {@code winner} and commits, then
     * the second, from its now stale read, tries to rename it to {@code loser}. The second write names the version it
     * read ({@code WHERE id = ? AND version = ?}) and must change nothing. Returns true when the framework refused it
     * (an optimistic-lock exception, or an update count of 0).
     */
    boolean renameFromStaleRead(long id, String winner, String loser);

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
