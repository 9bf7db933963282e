package dev.tandem.bench.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;

/** What the figures were measured on: CPU, memory, JDK, OS, load, and each database's version. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstLine(Path.of("/proc/meminfo"), "MemTotal");
        return cores + " cores" + (cpu == null ? "" : " (" + cpu + ")")
                + (mem == null ? "" : ", " + memory(mem))
                + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The one-minute load average, or "unknown". */
    static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }

    static String database(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion() + " (driver "
                + md.getDriverName() + " " + md.getDriverVersion() + ")";
    }

    private static String memory(String memTotalLine) {
        String digits = memTotalLine.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return memTotalLine;
        }
        return String.format(java.util.Locale.ROOT, "%.1f GiB RAM", Long.parseLong(digits) / 1024.0 / 1024.0);
    }

    private static String firstLine(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? line.trim() : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
