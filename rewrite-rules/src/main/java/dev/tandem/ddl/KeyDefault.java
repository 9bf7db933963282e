package dev.tandem.ddl;

import java.util.Objects;

/**
 * How {@code from}'s key is generated, and so how the new table's key gets values for rows inserted into it directly
 * (from phase {@code write-new} on, inserts go to {@code to}). Only for a table-level migration with a one-column key.
 *
 * @param kind     what {@code from}'s key has
 * @param sequence the sequence (PostgreSQL, H2) as a name usable in SQL, for {@link Kind#SEQUENCE},
 *                 {@link Kind#OWNED_SEQUENCE} and {@link Kind#IDENTITY_SEQUENCE}; else null
 */
public record KeyDefault(Kind kind, String sequence) {
    /** What generates {@code from}'s key. */
    public enum Kind {
        /** Nothing: the application supplies keys. */
        NONE,
        /** A default drawing from a sequence that no column owns (PostgreSQL {@code nextval}, H2 {@code NEXT VALUE FOR}). */
        SEQUENCE,
        /** PostgreSQL {@code serial}: a sequence owned by {@code from}'s key column (it goes when {@code from} goes). */
        OWNED_SEQUENCE,
        /** PostgreSQL identity column: its sequence can be drawn from but never handed to another column. */
        IDENTITY_SEQUENCE,
        /** H2 identity column: its sequence cannot be named. */
        IDENTITY,
        /** MariaDB / MySQL {@code AUTO_INCREMENT}. */
        AUTO_INCREMENT
    }

    public static final KeyDefault NONE = new KeyDefault(Kind.NONE, null);

    public KeyDefault {
        Objects.requireNonNull(kind, "kind");
        boolean named = kind == Kind.SEQUENCE || kind == Kind.OWNED_SEQUENCE || kind == Kind.IDENTITY_SEQUENCE;
        if (named != (sequence != null)) {
            throw new IllegalArgumentException(kind + (named ? " needs a sequence" : " takes no sequence"));
        }
    }
}
