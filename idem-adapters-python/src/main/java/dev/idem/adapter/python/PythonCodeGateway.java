package dev.idem.adapter.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.port.out.CodeGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a spec's python evaluator in the system's {@code python3}: one process per reply, started without a shell
 * ({@code python3 -I -X utf8 -c HARNESS}), in isolated mode, with an empty environment (no API key reaches the
 * code), in a private temporary directory, and killed with everything it started when its time is up.
 *
 * <p>The program python runs is always idem's own harness ({@code harness.py}). The evaluator's code, the reply and
 * the row's values reach it as one JSON document on its standard input, from a file; the harness binds the reply
 * and the values as strings, never as source text, so no value can become code. The answer comes back as JSON on
 * standard output, also through a file, so neither side can block the other on a full pipe.
 */
public final class PythonCodeGateway implements CodeGateway {

    /** Far beyond a check of one reply; short enough that a loop that never ends does not stall a run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String HARNESS_RESOURCE = "harness.py";
    /** More than any answer of the harness; its output is read no further. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_ERROR_CHARS = 300;

    private final ObjectMapper json = new ObjectMapper();
    private final String executable;
    private final Duration timeout;
    private final String harness;
    private volatile Optional<String> unavailable;

    /** The system's {@code python3}, found on the path, with the default time limit. */
    public PythonCodeGateway() {
        this("python3", DEFAULT_TIMEOUT);
    }

    /**
     * @param executable the interpreter, a name looked up on the path or a path
     * @param timeout    how long one check may run
     */
    public PythonCodeGateway(String executable, Duration timeout) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a python time limit must be positive: " + timeout);
        }
        this.harness = readHarness();
    }

    @Override
    public String language() {
        return "python";
    }

    @Override
    public Optional<String> unavailable() {
        Optional<String> known = unavailable;
        if (known == null) {
            known = probe();
            unavailable = known;
        }
        return known;
    }

    /** Whether the interpreter starts and is Python 3.8 or later (the harness's {@code ast} needs it). */
    private Optional<String> probe() {
        try {
            Process process = start(List.of(executable, "-I", "-c",
                    "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 3)"), null, null, null);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Optional.of(executable + " did not start within " + seconds());
            }
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(executable + " is not Python 3.8 or later (exit " + process.exitValue() + ")");
        } catch (IOException e) {
            return Optional.of(executable + " was not found (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for " + executable);
        }
    }

    @Override
    public Verdict run(String code, String output, Map<String, String> values) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("idem-python-");
            Path request = dir.resolve("request.json");
            Path answer = dir.resolve("answer.json");
            Path errors = dir.resolve("stderr.txt");
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("code", code);
            document.put("output", output);
            document.put("values", values);
            json.writeValue(request.toFile(), document);
            Process process = start(List.of(executable, "-I", "-X", "utf8", "-c", harness), request, answer, errors);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Verdict.fail("python check did not finish within " + seconds() + " (it was stopped)");
            }
            return verdict(answer, errors, process.exitValue());
        } catch (IOException e) {
            return Verdict.fail("python check could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fail("python check interrupted");
        } finally {
            delete(dir);
        }
    }

    private Verdict verdict(Path answer, Path errors, int exit) throws IOException {
        String text = head(answer, MAX_ANSWER_BYTES).strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        JsonNode node;
        try {
            node = last.isEmpty() ? null : json.readTree(last);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return Verdict.fail("python check gave no answer (exit " + exit + "): "
                    + clip(tail(errors).isBlank() ? last : tail(errors)));
        }
        if (node.has("error")) {
            return Verdict.fail("python check raised " + clip(node.get("error").asText()));
        }
        String value = node.path("value").asText();
        return node.path("passed").asBoolean(false)
                ? Verdict.pass("python check returned " + clip(value))
                : Verdict.fail("python check returned " + clip(value));
    }

    /** Starts a process reading {@code in} and writing to {@code out} and {@code err}; null discards or closes. */
    private static Process start(List<String> command, Path in, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // the code sees none of idem's environment (API keys, tokens); -I makes python ignore PYTHON* and the
        // user's site directory, and the executable is still found on idem's own path
        builder.environment().clear();
        if (in != null) {
            builder.redirectInput(in.toFile()).directory(in.getParent().toFile());
        }
        builder.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(
                out.toFile()));
        builder.redirectError(err == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(
                err.toFile()));
        Process process = builder.start();
        if (in == null) {
            process.getOutputStream().close();
        }
        return process;
    }

    /** Kills the process and everything it started, and waits for it. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static String head(Path file, int max) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        }
    }

    private static String tail(Path file) throws IOException {
        String all = head(file, MAX_ANSWER_BYTES).strip();
        return all.length() <= MAX_ERROR_CHARS ? all : all.substring(all.length() - MAX_ERROR_CHARS);
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_ERROR_CHARS ? flat : flat.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }

    private String seconds() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover in the temporary directory is harmless; the verdict stands
        }
    }

    private static String readHarness() {
        try (InputStream in = PythonCodeGateway.class.getResourceAsStream(HARNESS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the python harness is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the python harness", e);
        }
    }
}
