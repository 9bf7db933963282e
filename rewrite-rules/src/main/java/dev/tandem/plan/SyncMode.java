package dev.tandem.plan;

/** What the mirror does for each key a write touched. */
public enum SyncMode {
    /** Make {@code to}'s row equal {@code up(from's row)}: the write may have created or changed rows. */
    UPSERT,
    /** Remove {@code to}'s row where {@code from} no longer has one: the write may have deleted rows. */
    DELETE,
    /** Both: the write may have created, changed and removed rows (REPLACE, an UPDATE of the key). */
    BOTH;

    public boolean upserts() {
        return this != DELETE;
    }

    public boolean deletes() {
        return this != UPSERT;
    }
}
