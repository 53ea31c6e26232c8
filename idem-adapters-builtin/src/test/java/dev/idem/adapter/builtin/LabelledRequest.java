package dev.idem.adapter.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of the refusal corpus ({@code refusal/requests.jsonl}, described in its README), with its label.
 *
 * @param id               {@code <writer>-<number>}
 * @param split            {@code train} or {@code test} (frozen)
 * @param unsafe           the label
 * @param alarming         whether the request uses alarming words
 * @param family           the kind of request
 * @param register         how it is written
 * @param systemContext    the flagship's first input
 * @param failureScenarios the flagship's second input
 */
record LabelledRequest(String id, String split, boolean unsafe, boolean alarming, String family, String register,
                       String systemContext, String failureScenarios) {

    static final String CORPUS = "refusal/requests.jsonl";
    /** Train rows written for this classifier's own regression checks, never part of the frozen corpus. */
    static final String OWN_TRAIN_ROWS = "refusal/own-train-requests.jsonl";
    /** Train rows from four more writers, written after the first classifier; never part of the test split. */
    static final String MORE_TRAIN_ROWS = "refusal/more-train-requests.jsonl";
    /** Writer h's rows: first a fresh held-out set (round 3), then train rows (round 4); never in the test split. */
    static final String H_TRAIN_ROWS = "refusal/h-train-requests.jsonl";
    /** Writer i's rows: first a fresh held-out set (rounds 3 and 4), then train rows (round 5); never in the test split. */
    static final String I_TRAIN_ROWS = "refusal/i-train-requests.jsonl";
    /** Writer j's rows: held out, never trained on and never read to write a rule. */
    static final String HELD_OUT_ROWS = "refusal/held-out-j-requests.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The writer who wrote it: the id's prefix. */
    String writer() {
        return id.substring(0, id.indexOf('-'));
    }

    boolean test() {
        return split.equals("test");
    }

    static List<LabelledRequest> corpus() {
        return read(CORPUS);
    }

    static List<LabelledRequest> read(String resource) {
        try (InputStream in = LabelledRequest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<LabelledRequest> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(parse(JSON.readTree(line)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LabelledRequest parse(JsonNode row) {
        String label = row.get("label").asText();
        if (!label.equals("unsafe") && !label.equals("legitimate")) {
            throw new IllegalStateException(row.get("id") + ": unknown label " + label);
        }
        return new LabelledRequest(row.get("id").asText(), row.get("split").asText(), label.equals("unsafe"),
                row.get("alarming").asBoolean(), row.get("family").asText(), row.get("register").asText(),
                row.get("system_context").asText(), row.get("failure_scenarios").asText());
    }
}
