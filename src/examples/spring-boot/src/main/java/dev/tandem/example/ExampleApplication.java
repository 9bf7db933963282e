package dev.tandem.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Spring Boot application: a {@code JdbcTemplate} repository of people behind a REST endpoint, on an
 * embedded H2 database. Nothing in its code knows Tandem; application.yml's URL and driver class, the driver dependency
 * and {@code tandem/person-to-people.yaml} are the only changes (see src/docs/frameworks.md).
 */
@SpringBootApplication
public class ExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
