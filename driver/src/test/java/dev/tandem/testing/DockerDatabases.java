package dev.tandem.testing;

import java.util.EnumMap;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers fallback of {@link TestDatabase}: one container per database per JVM, started on first use.
 * Kept apart so that the Testcontainers classes are only loaded when no URL is configured.
 */
final class DockerDatabases {

    /** Where a started container can be reached. */
    record Endpoint(String url, String user, String password) {
    }

    private static Boolean dockerAvailable; // guarded by DockerDatabases.class
    private static final Map<TestDatabase, Endpoint> STARTED = new EnumMap<>(TestDatabase.class);

    private DockerDatabases() {
    }

    /** Whether a Docker daemon is reachable; never throws (no Docker, no Testcontainers, anything: {@code false}). */
    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            boolean found;
            try {
                found = DockerClientFactory.instance().isDockerAvailable();
            } catch (Exception | LinkageError e) {
                found = false;
            }
            dockerAvailable = found;
        }
        return dockerAvailable;
    }

    static String image(TestDatabase db) {
        switch (db) {
            case POSTGRESQL:
                return "postgres:16-alpine";
            case MARIADB:
                return "mariadb:11";
            default:
                throw new IllegalArgumentException("no container for " + db);
        }
    }

    /** Starts this database's container (once per JVM) and says where it is. */
    static synchronized Endpoint start(TestDatabase db) {
        Endpoint endpoint = STARTED.get(db);
        if (endpoint == null) {
            DockerImageName image = DockerImageName.parse(image(db));
            JdbcDatabaseContainer<?> container = db == TestDatabase.POSTGRESQL
                    ? new PostgreSQLContainer<>(image)
                    : new MariaDBContainer<>(image);
            container.start();
            // Ryuk removes the container when the JVM ends; stop it ourselves too in case Ryuk is disabled.
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-" + image(db)));
            endpoint = new Endpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            STARTED.put(db, endpoint);
        }
        return endpoint;
    }
}
