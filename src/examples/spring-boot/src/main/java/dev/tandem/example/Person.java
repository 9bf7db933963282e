package dev.tandem.example;

/** One row of {@code person}, the table the example migrates. */
public record Person(Long id, String firstName, String lastName) {
}
