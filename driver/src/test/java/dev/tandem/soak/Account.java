package dev.tandem.soak;

import java.util.Random;

/** One row of the soak's {@code from} table as its owner's model holds it. */
record Account(String first, String last, int band, long balance, String email) {
    /** The band of each owner's sentinel row, never written after the seed. */
    static final int SENTINEL_BAND = 99;

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen"};

    static String someFirst(Random random) {
        return FIRST[random.nextInt(FIRST.length)];
    }

    static String someLast(Random random) {
        return LAST[random.nextInt(LAST.length)];
    }

    boolean sentinel() {
        return band == SENTINEL_BAND;
    }

    Account withBand(int b) {
        return new Account(first, last, b, balance, email);
    }

    Account withBalance(long b) {
        return new Account(first, last, band, b, email);
    }

    Account withEmail(String e) {
        return new Account(first, last, band, balance, e);
    }

    Account withLast(String l) {
        return new Account(first, l, band, balance, email);
    }

    /** As {@code from} holds it: "owner|first|last|band|balance|email". */
    String fromRow(int owner) {
        return owner + "|" + first + "|" + last + "|" + band + "|" + balance + "|" + email;
    }

    /** As {@code to} holds it: "owner|first last|band|balance|email". */
    String toRow(int owner) {
        return owner + "|" + first + " " + last + "|" + band + "|" + balance + "|" + email;
    }
}
