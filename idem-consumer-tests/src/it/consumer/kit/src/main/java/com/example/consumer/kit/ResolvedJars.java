package com.example.consumer.kit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jars a module runs with ({@code consumer.lib}, copied by the dependency plugin) next to those the idem CLI runs
 * with ({@code consumer.cli.lib}, its lib/), by artifact and version as their file names say.
 */
public final class ResolvedJars {

    private static final Pattern JAR = Pattern.compile("(.*?)-(\\d.*)\\.jar");

    private final Map<String, String> versions;
    private final long bytes;

    private ResolvedJars(Map<String, String> versions, long bytes) {
        this.versions = versions;
        this.bytes = bytes;
    }

    /** The jars this module resolved for run time. */
    public static ResolvedJars ofThisModule() throws IOException {
        return in(Path.of(System.getProperty("consumer.lib")));
    }

    /** The jars in the CLI's lib/. */
    public static ResolvedJars ofTheCli() throws IOException {
        return in(Path.of(System.getProperty("consumer.cli.lib")));
    }

    static ResolvedJars in(Path dir) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                Matcher m = JAR.matcher(jar.getFileName().toString());
                if (!m.matches()) {
                    throw new AssertionError("not a versioned jar: " + jar);
                }
                versions.put(m.group(1), m.group(2));
                bytes += Files.size(jar);
            }
        }
        if (versions.isEmpty()) {
            throw new AssertionError("no jar in " + dir);
        }
        return new ResolvedJars(versions, bytes);
    }

    /** Artifact to version. */
    public Map<String, String> versions() {
        return versions;
    }

    public int count() {
        return versions.size();
    }

    public long bytes() {
        return bytes;
    }

    /** Each artifact both have in different versions, as {@code artifact: mine vs theirs}. */
    public List<String> skewAgainst(ResolvedJars other) {
        List<String> skew = new ArrayList<>();
        versions.forEach((artifact, version) -> {
            String theirs = other.versions.get(artifact);
            if (theirs != null && !theirs.equals(version)) {
                skew.add(artifact + ": " + version + " vs " + theirs);
            }
        });
        return skew;
    }

    /** The class path entries of idem's own jars that do not come from the repository the build installed them in. */
    public static List<String> idemJarsNotFromTheInstalledRepository() {
        Path installed = Path.of(System.getProperty("consumer.local.repository")).toAbsolutePath().normalize();
        List<String> elsewhere = new ArrayList<>();
        int idem = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.replace(File.separatorChar, '/').contains("/dev/idem/")) {
                idem++;
                if (!Path.of(entry).toAbsolutePath().normalize().startsWith(installed)) {
                    elsewhere.add(entry);
                }
            }
        }
        if (idem == 0) {
            elsewhere.add("(no idem jar on the class path at all)");
        }
        return elsewhere;
    }

    @Override
    public String toString() {
        return count() + " jars, " + String.format("%.1f MB", bytes / 1e6);
    }
}
