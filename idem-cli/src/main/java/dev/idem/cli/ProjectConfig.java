package dev.idem.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The project idem runs in, and its settings. The project is the nearest directory, from the working directory up,
 * with a {@code .idem/config.properties} (as git finds {@code .git}); without one, the working directory. The file
 * holds defaults ({@code provider=}, {@code model=}, {@code store=}) and provider settings ({@code OLLAMA_BASE_URL=},
 * ...); it may be empty, and then only marks the project. {@code --config FILE} names another file; its project is
 * the directory that holds the file's {@code .idem/} (or the file's own directory). The default store is the
 * project's {@code .idem/store.db}, so a run from a subdirectory uses the project's store instead of making a second
 * one. A {@code .idem/} without a config file does not make a project: idem leaves one behind wherever it runs
 * outside a project (its store), and one in a shared directory ({@code /tmp}, a home directory) would otherwise
 * capture every run below it.
 */
final class ProjectConfig {

    static final String DIR = ".idem";
    static final String FILE = "config.properties";
    /** Keys of idem's own choices; the file may also hold what the environment may (provider settings). */
    static final String PROVIDER = "provider";
    static final String MODEL = "model";
    static final String STORE = "store";

    private final Path project;
    private final Optional<Path> file;
    private final Map<String, String> values;

    private ProjectConfig(Path project, Optional<Path> file, Map<String, String> values) {
        this.project = project;
        this.file = file;
        this.values = values;
    }

    /**
     * @param named the file {@code --config} names, or null to look for the project's
     * @throws UsageException if the named file is missing, or a file cannot be read as properties
     */
    static ProjectConfig find(CliEnvironment environment, String named) {
        if (named != null) {
            Path file = environment.resolve(named);
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--config: " + file + (Files.exists(file) ? " is not a regular file"
                        : " does not exist"));
            }
            Path dir = file.toAbsolutePath().getParent();
            Path project = dir.getFileName() != null && dir.getFileName().toString().equals(DIR)
                    ? dir.getParent() : dir;
            return new ProjectConfig(project, Optional.of(file), read(file));
        }
        Path start = environment.workingDir().toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(DIR).resolve(FILE);
            if (Files.isRegularFile(file)) {
                return new ProjectConfig(dir, Optional.of(file), read(file));
            }
        }
        return new ProjectConfig(start, Optional.empty(), Map.of());
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read " + file + ": " + Cli.oneLine(e.getMessage()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
        return values;
    }

    /** The directory that holds (or will hold) the project's {@code .idem/}. */
    Path project() {
        return project;
    }

    /** The config file read, if any. */
    Optional<Path> file() {
        return file;
    }

    /** Every key and value the file holds, blank values included. */
    Map<String, String> values() {
        return values;
    }

    /** A non-blank value. */
    Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** The project's default store. */
    Path defaultStore() {
        return storeOf(project);
    }

    /** The nearest default store of a directory above the project, if there is one. */
    Optional<Path> storeAbove() {
        for (Path dir = project.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(storeOf(dir))) {
                return Optional.of(storeOf(dir));
            }
        }
        return Optional.empty();
    }

    private static Path storeOf(Path dir) {
        return dir.resolve(DIR).resolve("store.db");
    }
}
