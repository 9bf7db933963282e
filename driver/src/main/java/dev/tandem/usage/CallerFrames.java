package dev.tandem.usage;

import java.util.List;
import java.util.Optional;

/**
 * Finds the application code behind a statement: the first stack frame that is not JDBC, a pool, an ORM or mapper,
 * Tandem itself, or reflection and proxies. Named {@code class.method}, without line numbers, so that a caller is
 * one name however often it calls.
 */
public final class CallerFrames {
    /** What is never "the caller": class name prefixes. */
    static final List<String> PASSED_OVER = List.of(
            // JDBC
            "java.sql.", "javax.sql.",
            // pools
            "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "com.mchange.", "org.apache.tomcat.jdbc.",
            // ORMs and mappers
            "org.hibernate.", "org.jooq.", "org.mybatis.", "org.apache.ibatis.", "org.springframework.jdbc.",
            "org.springframework.orm.", "jakarta.persistence.", "javax.persistence.", "org.eclipse.persistence.",
            // Tandem
            "dev.tandem.",
            // reflection and proxies
            "jdk.internal.", "java.lang.reflect.", "sun.reflect.", "com.sun.proxy.", "jdk.proxy");

    /** The name used when no frame qualifies (a statement sent from a pool's own thread, say). */
    public static final String UNKNOWN = "unknown";

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallerFrames() {
    }

    /** The calling application frame of the current thread, as {@code class.method}. */
    public static String find() {
        Optional<String> found = WALKER.walk(frames -> frames
                .filter(f -> !passedOver(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName()));
        return found.orElse(UNKNOWN);
    }

    static boolean passedOver(String className) {
        for (String prefix : PASSED_OVER) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
