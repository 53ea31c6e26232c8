package dev.idem.adapter.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One request of the refusal corpus ({@code refusal/requests.jsonl}, described in its README), with its label.
 *
 * @param id               {@code <writer>-<number>}
 * @param split            {@code train}, {@code test} (frozen) or {@code held-out}
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
    /** Where the corpus's files are, as a resource folder. */
    static final String FOLDER = "refusal";
    /**
     * A file of train rows: the further writers' ({@code more-}, {@code h-}, {@code i-}, ...), each first measured
     * unseen, and this classifier's own ({@code own-}). Every such file is trained on; never part of the test split.
     */
    static final Pattern TRAIN_FILE = Pattern.compile("[\\w-]+-train-requests\\.jsonl");
    /**
     * A file of held-out rows: never trained on and never read to write a rule, reported apart by the bench. Any
     * number of them, none included; the name alone decides, so a new one is held out the moment it is dropped in.
     */
    static final Pattern HELD_OUT_FILE = Pattern.compile("held-out-[\\w-]*\\.jsonl");

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

    /** The resources of the corpus's train files, by name. */
    static List<String> trainFiles() {
        return files(folder(), TRAIN_FILE);
    }

    /** The resources of the corpus's held-out files, by name; none at times. */
    static List<String> heldOutFiles() {
        return files(folder(), HELD_OUT_FILE);
    }

    /**
     * The resources in a corpus folder whose names match, sorted; a held-out file is never a train file, whatever
     * else its name says.
     */
    static List<String> files(Path folder, Pattern name) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> name.matcher(f).matches()
                            && (name == HELD_OUT_FILE || !HELD_OUT_FILE.matcher(f).matches()))
                    .sorted().map(f -> FOLDER + "/" + f).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        URL url = LabelledRequest.class.getResource(FOLDER);
        if (url == null) {
            throw new IllegalStateException("missing test resource folder " + FOLDER);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
