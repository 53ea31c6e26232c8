package dev.idem.adapter.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.spec.SourcePosition;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the typed fields of one spec file's YAML tree and collects what is wrong with them: each error (or warning)
 * with its field path and the position of that field, or of the nearest enclosing one, in the file.
 *
 * <p>The readers of the sections, the test rows and the evaluators of one file share one instance, so their
 * errors come out in reading order and a value written in any dialect can be found under its canonical path.
 */
final class FieldReader {

    private final String sourceName;
    private final Map<String, SourcePosition> positions = new LinkedHashMap<>();
    private final List<SpecIssue> errors = new ArrayList<>();
    private final List<SpecIssue> warnings = new ArrayList<>();
    /** Made for the first value written as JSON (most specs have none; a mapper costs a cold start milliseconds). */
    private ObjectMapper json;

    FieldReader(String sourceName, YamlNode.Mapping root) {
        this.sourceName = sourceName;
        recordPositions("", root);
    }

    /** A scalar as text; an error (and empty) when the value is a list or mapping; empty when absent or null. */
    Optional<String> text(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s) {
            return Optional.of(s.asText());
        }
        error(path, "expected text, got " + node.describe());
        return Optional.empty();
    }

    Optional<Boolean> bool(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
            return Optional.of((Boolean) s.value());
        }
        error(path, "expected true or false, got " + node.describe());
        return Optional.empty();
    }

    /** A number under the first of {@code keys} present; the canonical path is the first key's. */
    Optional<Double> number(YamlNode.Mapping m, String parentPath, String... keys) {
        for (String key : keys) {
            YamlNode node = m.take(key);
            if (node == null) {
                continue;
            }
            String path = parentPath + "." + key;
            alias(path, parentPath + "." + keys[0]);
            if (isNull(node)) {
                return Optional.empty();
            }
            if (node instanceof YamlNode.Scalar s && s.isNumber()) {
                return Optional.of(((Number) s.value()).doubleValue());
            }
            error(path, "expected a number, got " + node.describe());
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<Long> wholeNumber(Number n) {
        try {
            BigDecimal exact = n instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(n.toString());
            return Optional.of(exact.longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Text as is, or a mapping/list written as JSON text: for JSON schemas. */
    Optional<String> jsonText(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        YamlNode.takeAll(node);
        if (node instanceof YamlNode.Scalar s) {
            try {
                json().readTree(s.asText());
                return Optional.of(s.asText());
            } catch (JsonProcessingException e) {
                error(path, "not valid JSON: " + e.getOriginalMessage());
                return Optional.empty();
            }
        }
        return Optional.of(toJson(node));
    }

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }

    /** A row value or default as text: scalars as written, mappings and lists as JSON. */
    String valueText(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return s.asText();
        }
        return toJson(node);
    }

    private String toJson(YamlNode node) {
        try {
            return json().writeValueAsString(node.toPlain());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain YAML values always convert to JSON", e);
        }
    }

    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
    }

    /** An error at the field, or at the nearest enclosing field written in the file. */
    void error(String field, String message) {
        // the positions are still growing (aliases), so the walk runs over them as they are now
        errorAt(SpecSource.nearestPosition(positions, field), field, message);
    }

    void errorAt(Optional<SourcePosition> at, String field, String message) {
        errors.add(new SpecIssue(SpecIssue.Severity.ERROR, sourceName, at, field, message));
    }

    /**
     * An error that makes one test row unusable and leaves the spec and its other rows alone.
     *
     * @param testCase the row's 1-based number
     */
    void rowError(int testCase, String field, String message) {
        errors.add(new SpecIssue(SpecIssue.Severity.ERROR, sourceName, SpecSource.nearestPosition(positions, field),
                field, message, Optional.of(testCase)));
    }

    /** Something read in a way its author may not expect: the spec loads, and {@code validate} says how. */
    void warning(String field, String message) {
        warnings.add(new SpecIssue(SpecIssue.Severity.WARNING, sourceName,
                SpecSource.nearestPosition(positions, field), field, message));
    }

    /** Lets a canonical path (e.g. {@code evaluators[0].pattern}) find a value written in another dialect. */
    void alias(String writtenPath, String canonicalPath) {
        SourcePosition at = positions.get(writtenPath);
        if (at != null) {
            positions.putIfAbsent(canonicalPath, at);
        }
    }

    List<SpecIssue> errors() {
        return List.copyOf(errors);
    }

    /** Every error, then every warning, each in reading order. */
    List<SpecIssue> issues() {
        List<SpecIssue> all = new ArrayList<>(errors);
        all.addAll(warnings);
        return List.copyOf(all);
    }

    /**
     * The paths of the keys under {@code root} that no reader took, in file order; from now on each points at
     * its key, where a warning about it reads best. Call it once every reader is done.
     */
    List<String> unknownKeys(YamlNode.Mapping root) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(root, "", unknown);
        return unknown;
    }

    /**
     * The paths of the keys under {@code m} (itself at {@code path}) that no reader took, in file order; they are
     * marked taken, so that the caller reports them (as errors) instead of the spec's unknown-key warnings.
     */
    List<String> untakenKeys(YamlNode.Mapping m, String path) {
        List<String> untaken = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String child = path + "." + e.getKey();
            if (m.isUsed(e.getKey())) {
                collectUnknown(e.getValue(), child, untaken);
            } else {
                untaken.add(child);
                positions.put(child, m.keyPosition(e.getKey()));
            }
        }
        m.takeAll();
        return untaken;
    }

    /** Where the spec came from, with the position of every field it was read from. */
    SpecSource source() {
        return new SpecSource(sourceName, positions);
    }

    private void recordPositions(String path, YamlNode node) {
        if (!path.isEmpty()) {
            positions.putIfAbsent(path, node.position());
        }
        if (node instanceof YamlNode.Mapping m) {
            m.entries().forEach((k, v) -> recordPositions(path.isEmpty() ? k : path + "." + k, v));
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                recordPositions(path + "[" + i + "]", s.items().get(i));
            }
        }
    }

    private void collectUnknown(YamlNode node, String path, List<String> unknown) {
        if (node instanceof YamlNode.Mapping m) {
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (m.isUsed(e.getKey())) {
                    collectUnknown(e.getValue(), child, unknown);
                } else {
                    unknown.add(child);
                    positions.put(child, m.keyPosition(e.getKey()));
                }
            }
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                collectUnknown(s.items().get(i), path + "[" + i + "]", unknown);
            }
        }
    }
}
