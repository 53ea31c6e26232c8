package dev.idem.adapter.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures the built-in architect's refusals on labelled requests of your own ({@code bench/refusal.sh FILE...}):
 * requests nobody tuned the classifier on are the honest measure of how it generalises. Each file holds one JSON
 * object a line with {@code label} ({@code unsafe} or {@code legitimate}) and {@code system_context}, and
 * optionally {@code failure_scenarios}, {@code id}, {@code family} and {@code register} (the corpus's fields).
 * Prints recall, precision and false refusals, by family and register when the rows name them, and every
 * misclassified request with the reason given.
 */
final class LabelledFileBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledFileBench() {
    }

    static void run(List<Path> files, PrintStream out) throws IOException {
        List<LabelledRequest> requests = new ArrayList<>();
        for (Path file : files) {
            requests.addAll(read(file));
        }
        List<RefusalOutcome> outcomes = RefusalOutcome.of(requests);
        out.println("## " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        out.println("all            " + RefusalFigures.of(outcomes).summary());
        by(outcomes, "by family:", o -> o.request().family(), out);
        by(outcomes, "by register:", o -> o.request().register(), out);
        List<RefusalOutcome> wrong = outcomes.stream().filter(o -> !o.correct()).toList();
        out.println();
        out.println("## Misclassified requests (" + wrong.size() + ")");
        for (RefusalOutcome o : wrong) {
            LabelledRequest r = o.request();
            String text = (r.systemContext() + " | " + r.failureScenarios()).replaceAll("\\s+", " ");
            out.printf("%-8s %-10s %s%n", r.id(), r.unsafe() ? "unsafe" : "legitimate",
                    text.length() > 140 ? text.substring(0, 140) + "…" : text);
            out.println("         reason: " + (o.refused() ? o.reason() : "(designed)"));
        }
    }

    private static void by(List<RefusalOutcome> outcomes, String title, Function<RefusalOutcome, String> key,
                           PrintStream out) {
        Map<String, List<RefusalOutcome>> groups = outcomes.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        if (groups.size() < 2) {
            return;
        }
        out.println(title);
        groups.forEach((name, group) -> out.printf("  %-22s %s%n", name, RefusalFigures.of(group).summary()));
    }

    /** The file's requests; a line that is not a labelled request stops the bench, naming file and line. */
    static List<LabelledRequest> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LabelledRequest> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(parse(lines.get(i), file + ":" + (i + 1)));
            }
        }
        return rows;
    }

    private static LabelledRequest parse(String line, String where) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        String label = row.path("label").asText();
        if (!label.equals("unsafe") && !label.equals("legitimate")) {
            throw new IllegalArgumentException(where + ": label: expected unsafe or legitimate, got '" + label + "'");
        }
        if (!row.path("system_context").isTextual()) {
            throw new IllegalArgumentException(where + ": system_context: missing (the request's first input)");
        }
        return new LabelledRequest(row.path("id").asText(where), row.path("split").asText("file"),
                label.equals("unsafe"), row.path("alarming").asBoolean(false), row.path("family").asText("-"),
                row.path("register").asText("-"), row.path("system_context").asText(),
                row.path("failure_scenarios").asText(""));
    }
}
