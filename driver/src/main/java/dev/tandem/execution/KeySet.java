package dev.tandem.execution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys of the rows one write touched, without duplicates, in the order they were found. */
final class KeySet {
    private final List<KeyPart[]> tuples = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();

    void add(KeyPart[] tuple) {
        if (seen.add(KeyPart.identityOf(tuple))) {
            tuples.add(tuple);
        }
    }

    void addAll(KeySet other) {
        for (KeyPart[] t : other.tuples) {
            add(t);
        }
    }

    List<KeyPart[]> tuples() {
        return tuples;
    }

    boolean isEmpty() {
        return tuples.isEmpty();
    }

    int size() {
        return tuples.size();
    }
}
