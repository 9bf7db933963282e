package dev.tandem.frameworks;

import java.util.List;

/**
 * What the application knows of one author, as every framework's slice reads it back: the old structure's columns
 * ({@code first_name}, {@code last_name}, {@code email}, the optimistic-locking {@code version}) and the titles of
 * its books (the one-to-many side, sorted).
 */
record Author(String first, String last, String email, int version, List<String> titles) {
    Author {
        titles = titles.stream().sorted().toList();
    }

    Author renamed(String newLast) {
        return new Author(first, newLast, email, version + 1, titles);
    }

    /** A new author, not yet written: version 0, as the schema's default and every framework start it. */
    static Author fresh(String first, String last, String email, List<String> titles) {
        return new Author(first, last, email, 0, titles);
    }
}
