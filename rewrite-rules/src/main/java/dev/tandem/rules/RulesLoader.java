package dev.tandem.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Reads rules: one file, a directory of them, or a {@code classpath:} location. Every {@code *.yaml} / {@code *.yml}
 * file is one migration. All problems of all files are collected and thrown together, with file and line, before any
 * statement runs; nothing is half-loaded.
 *
 * <p>Locations:
 * <ul>
 *   <li>a path to a file: that file, whatever its extension;</li>
 *   <li>a path to a directory: every {@code *.yaml} and {@code *.yml} file directly in it (not in subdirectories;
 *       hidden files, whose names start with a dot, are skipped as a shell glob would), in name order;</li>
 *   <li>{@code classpath:dir/} (or {@code classpath:dir}): the same over every copy of {@code dir} the class loader
 *       sees, in directories ({@code file:} URLs) and in jars ({@code jar:} URLs); a jar must hold an entry for the
 *       directory itself, as jars built by the JDK's jar tool, Maven and Gradle do;</li>
 *   <li>{@code classpath:dir/name.yaml} (or {@code .yml}): that one resource.</li>
 * </ul>
 * A location that does not exist is an error. A directory without rules files gives an empty rule set.
 */
public final class RulesLoader {
    /** The prefix of a location on the class path. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private RulesLoader() {
    }

    /**
     * Loads one location (a file, a directory or a {@code classpath:} location) and validates the migrations
     * together ({@link RuleSet#of}).
     *
     * @param location    where the rules are
     * @param classLoader the loader for {@code classpath:} locations; null for this class's own loader
     * @throws RulesException with every problem found, each with its file and line
     */
    public static RuleSet load(String location, ClassLoader classLoader) throws RulesException {
        if (location == null || location.isBlank()) {
            throw new RulesException(new RulesException.Problem(String.valueOf(location), 0,
                    "no rules location given (a file, a directory or classpath:dir/)"));
        }
        List<RulesException.Problem> problems = new ArrayList<>();
        List<RulesFile> files = location.startsWith(CLASSPATH_PREFIX)
                ? classpathFiles(location, classLoader, problems)
                : fileSystemFiles(location, problems);

        List<Migration> migrations = new ArrayList<>();
        for (RulesFile file : files) {
            try {
                migrations.add(file.parse());
            } catch (RulesException e) {
                problems.addAll(e.problems());
            }
        }
        // Cross-file checks run on the files that did load, so one bad file does not hide another problem.
        RuleSet rules = null;
        try {
            rules = RuleSet.of(migrations);
        } catch (RulesException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return rules;
    }

    /**
     * Parses one migration from YAML text.
     *
     * @param source the file the text came from, for messages
     * @param yamlText the file's text
     * @throws RulesException with every problem in the text, each with {@code source} and its line
     */
    public static Migration parse(String source, String yamlText) throws RulesException {
        return MigrationParser.parse(source, yamlText);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // file system

    private static List<RulesFile> fileSystemFiles(String location, List<RulesException.Problem> problems) {
        Path path;
        try {
            path = Paths.get(location);
        } catch (InvalidPathException e) {
            problems.add(new RulesException.Problem(location, 0, "is not a valid path: " + e.getReason()));
            return List.of();
        }
        if (!Files.exists(path)) {
            problems.add(new RulesException.Problem(location, 0, "no such file or directory"));
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of(fromPath(path));
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isRulesFileName(name) && Files.isRegularFile(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new RulesException.Problem(location, 0, "cannot list the directory: " + describe(e)));
            return List.of();
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<RulesFile> files = new ArrayList<>();
        for (Path p : found) {
            files.add(fromPath(p));
        }
        return files;
    }

    private static RulesFile fromPath(Path path) {
        String source = path.toString();
        try {
            long size = Files.size(path);
            if (size > MigrationParser.MAX_SIZE) {
                return RulesFile.failed(source, tooLarge(size));
            }
            try (InputStream in = Files.newInputStream(path)) {
                return RulesFile.read(source, in);
            }
        } catch (NoSuchFileException e) {
            return RulesFile.failed(source, "no such file or directory");
        } catch (IOException | RuntimeException e) {
            return RulesFile.failed(source, "cannot be read: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // class path

    private static List<RulesFile> classpathFiles(String location, ClassLoader classLoader,
                                                  List<RulesException.Problem> problems) {
        ClassLoader loader = classLoader;
        if (loader == null) {
            loader = RulesLoader.class.getClassLoader();
        }
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        String path = location.substring(CLASSPATH_PREFIX.length()).trim();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || path.equals("/")) {
            problems.add(new RulesException.Problem(location, 0,
                    "names no resource: write classpath:dir/ or classpath:dir/name.yaml"));
            return List.of();
        }
        try {
            if (!path.endsWith("/") && isRulesFileName(path.substring(path.lastIndexOf('/') + 1))) {
                URL url = loader.getResource(path);
                if (url == null) {
                    problems.add(new RulesException.Problem(location, 0, "no such file or directory on the class path"));
                    return List.of();
                }
                return List.of(fromUrl(CLASSPATH_PREFIX + path, url));
            }
            String dir = path.endsWith("/") ? path : path + "/";
            Set<String> seen = new LinkedHashSet<>();
            List<URL> roots = new ArrayList<>();
            for (Enumeration<URL> e = loader.getResources(dir); e.hasMoreElements(); ) {
                URL url = e.nextElement();
                if (seen.add(url.toExternalForm())) {
                    roots.add(url);
                }
            }
            if (roots.isEmpty()) {
                // Perhaps a single resource whose name does not end in .yaml / .yml.
                URL single = path.endsWith("/") ? null : loader.getResource(path);
                if (single != null && !looksLikeDirectory(single)) {
                    return List.of(fromUrl(CLASSPATH_PREFIX + path, single));
                }
                problems.add(new RulesException.Problem(location, 0, "no such file or directory on the class path"));
                return List.of();
            }
            List<Named> found = new ArrayList<>();
            for (URL root : roots) {
                String where = roots.size() > 1 ? " (in " + root.toExternalForm() + ")" : "";
                listDirectory(location, root, CLASSPATH_PREFIX + dir, where, found, problems);
            }
            found.sort(Comparator.comparing(n -> n.name)); // stable: roots keep class path order
            List<RulesFile> files = new ArrayList<>();
            for (Named n : found) {
                files.add(n.file);
            }
            return files;
        } catch (IOException | RuntimeException e) {
            problems.add(new RulesException.Problem(location, 0, "cannot be read from the class path: " + describe(e)));
            return List.of();
        }
    }

    private static final class Named {
        final String name;
        final RulesFile file;

        Named(String name, RulesFile file) {
            this.name = name;
            this.file = file;
        }
    }

    private static void listDirectory(String location, URL root, String prefix, String where, List<Named> found,
                                      List<RulesException.Problem> problems) {
        String protocol = root.getProtocol().toLowerCase(Locale.ROOT);
        if (protocol.equals("file")) {
            Path dir;
            try {
                dir = Paths.get(root.toURI());
            } catch (URISyntaxException | RuntimeException e) {
                problems.add(new RulesException.Problem(location, 0, "cannot list " + root + ": " + describe(e)));
                return;
            }
            if (!Files.isDirectory(dir)) {
                problems.add(new RulesException.Problem(location, 0, root + " is not a directory"));
                return;
            }
            List<Path> paths = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (isRulesFileName(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                        paths.add(entry);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(new RulesException.Problem(location, 0, "cannot list " + root + ": " + describe(e)));
                return;
            }
            for (Path p : paths) {
                String name = p.getFileName().toString();
                RulesFile file = fromPath(p).renamed(prefix + name + where);
                found.add(new Named(name, file));
            }
            return;
        }
        URLConnection connection;
        try {
            connection = root.openConnection();
        } catch (IOException | RuntimeException e) {
            problems.add(new RulesException.Problem(location, 0, "cannot list " + root + ": " + describe(e)));
            return;
        }
        if (!(connection instanceof JarURLConnection)) {
            problems.add(new RulesException.Problem(location, 0, "cannot list " + root + ": the class path directory "
                    + "is neither in a directory nor in a jar (" + protocol + ":); name the rules files one by one "
                    + "(classpath:dir/name.yaml) or use a file system path"));
            return;
        }
        JarURLConnection jarConnection = (JarURLConnection) connection;
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String entryPrefix = jarConnection.getEntryName() == null ? "" : jarConnection.getEntryName();
            if (!entryPrefix.isEmpty() && !entryPrefix.endsWith("/")) {
                entryPrefix = entryPrefix + "/";
            }
            List<JarEntry> entries = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(entryPrefix)) {
                    continue;
                }
                String rest = name.substring(entryPrefix.length());
                if (!rest.isEmpty() && rest.indexOf('/') < 0 && isRulesFileName(rest)) {
                    entries.add(entry);
                }
            }
            for (JarEntry entry : entries) {
                String name = entry.getName().substring(entryPrefix.length());
                String source = prefix + name + where;
                RulesFile file;
                if (entry.getSize() > MigrationParser.MAX_SIZE) {
                    file = RulesFile.failed(source, tooLarge(entry.getSize()));
                } else {
                    try (InputStream in = jar.getInputStream(entry)) {
                        file = RulesFile.read(source, in);
                    } catch (IOException | RuntimeException e) {
                        file = RulesFile.failed(source, "cannot be read: " + describe(e));
                    }
                }
                found.add(new Named(name, file));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new RulesException.Problem(location, 0, "cannot list " + root + ": " + describe(e)));
        }
    }

    private static boolean looksLikeDirectory(URL url) {
        if ("file".equalsIgnoreCase(url.getProtocol())) {
            try {
                return Files.isDirectory(Paths.get(url.toURI()));
            } catch (URISyntaxException | RuntimeException e) {
                return false;
            }
        }
        return url.getPath().endsWith("/");
    }

    private static RulesFile fromUrl(String source, URL url) {
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return RulesFile.read(source, in);
            }
        } catch (IOException | RuntimeException e) {
            return RulesFile.failed(source, "cannot be read: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    /** Whether a file name is that of a rules file: {@code *.yaml} or {@code *.yml}, not hidden. */
    static boolean isRulesFileName(String name) {
        if (name.isEmpty() || name.startsWith(".")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static String tooLarge(long size) {
        return "is larger than 1 MiB (" + size + " bytes): a rules file describes one migration";
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /** One rules file's text as read, or why it could not be read. */
    private static final class RulesFile {
        final String source;
        final String text;
        final String failure;

        private RulesFile(String source, String text, String failure) {
            this.source = source;
            this.text = text;
            this.failure = failure;
        }

        static RulesFile failed(String source, String failure) {
            return new RulesFile(source, null, failure);
        }

        /** Reads at most 1 MiB of UTF-8 text from the stream. */
        static RulesFile read(String source, InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MigrationParser.MAX_SIZE) {
                    return failed(source, "is larger than 1 MiB: a rules file describes one migration");
                }
                out.write(buffer, 0, n);
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(out.toByteArray()))
                        .toString();
                return new RulesFile(source, text, null);
            } catch (CharacterCodingException e) {
                return failed(source, "is not UTF-8 text");
            }
        }

        RulesFile renamed(String newSource) {
            return new RulesFile(newSource, text, failure);
        }

        Migration parse() throws RulesException {
            if (failure != null) {
                throw new RulesException(new RulesException.Problem(source, 0, failure));
            }
            return MigrationParser.parse(source, text);
        }
    }
}
