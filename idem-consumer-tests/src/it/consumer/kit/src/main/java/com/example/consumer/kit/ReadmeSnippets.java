package com.example.consumer.kit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The Java blocks of idem's README, exactly as written between {@code <!-- readme-snippet:start -->} and
 * {@code <!-- readme-snippet:end -->}: compiled against this module's class path (what the consumer declared) and run
 * as programs of their own, in a directory of the test's choosing, with the environment the test gives them.
 */
public final class ReadmeSnippets {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- readme-snippet:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-snippet:end -->", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");
    /** Variables idem reads: the programs get only those the test names, never the machine's. */
    private static final Pattern IDEM_VARIABLE = Pattern.compile("IDEM_.*|OPENAI_.*|AZURE_OPENAI_.*|OLLAMA_.*");

    private final Path classes;

    private ReadmeSnippets(Path classes) {
        this.classes = classes;
    }

    /**
     * Reads every marked block of the README the build names ({@code consumer.readme}) and compiles them all.
     *
     * @param work where the sources and classes go
     */
    public static ReadmeSnippets compiled(Path work) throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("consumer.readme")));
        Matcher m = SNIPPET.matcher(readme);
        Path sources = Files.createDirectories(work.resolve("sources"));
        List<String> files = new ArrayList<>();
        while (m.find()) {
            Matcher name = CLASS.matcher(m.group(1));
            if (!name.find()) {
                throw new AssertionError("a README block has no public class:\n" + m.group(1));
            }
            files.add(Files.writeString(sources.resolve(name.group(1) + ".java"), m.group(1)).toString());
        }
        if (files.size() < 3) {
            throw new AssertionError("expected the README's marked Java blocks, found " + files.size());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath()));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        if (javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new)) != 0) {
            throw new AssertionError("the README's Java does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        return new ReadmeSnippets(classes);
    }

    /**
     * Runs one block's {@code main} in a JVM of its own.
     *
     * @param className   the block's public class
     * @param environment the only idem-related variables it sees
     * @param directory   its working directory
     */
    public Run run(String className, Map<String, String> environment, Path directory) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classPath(), className).directory(directory.toFile());
        pb.environment().keySet().removeIf(k -> IDEM_VARIABLE.matcher(k).matches());
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(className + " did not finish in 2 minutes");
        }
        return new Run(className, p.exitValue(), out.get(), err.get());
    }

    /** What a block printed, and how it ended. */
    public record Run(String className, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return className + " exited " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
