package dev.idem.domain.spec;

import java.util.Map;
import java.util.Optional;

/**
 * Where a spec came from: a display name (usually the file path) and the position of each field,
 * keyed by field path such as {@code messages[1].content} or {@code evaluators[0].pattern}.
 * Lets domain validation point at the line that holds a problem without knowing about YAML.
 *
 * @param name      display name of the source, e.g. {@code prompts/x.prompt.yml}
 * @param positions field path to position; may be empty for specs built in code
 */
public record SpecSource(String name, Map<String, SourcePosition> positions) {

    public SpecSource {
        name = name == null ? "<spec>" : name;
        positions = Map.copyOf(positions == null ? Map.of() : positions);
    }

    /** A source with no positions, for specs built in code. */
    public static SpecSource named(String name) {
        return new SpecSource(name, Map.of());
    }

    /**
     * The position of a field, or of its nearest enclosing field that has one.
     *
     * @param fieldPath e.g. {@code testData[2].inputs.system_context}
     */
    public Optional<SourcePosition> positionOf(String fieldPath) {
        return nearestPosition(positions, fieldPath);
    }

    /**
     * The same walk over positions still being collected: a reader that reports errors while it reads a file
     * needs it before the source exists.
     *
     * @param positions field path to position
     * @param fieldPath e.g. {@code testData[2].inputs.system_context}
     */
    public static Optional<SourcePosition> nearestPosition(Map<String, SourcePosition> positions,
                                                           String fieldPath) {
        String path = fieldPath;
        while (path != null && !path.isEmpty()) {
            SourcePosition p = positions.get(path);
            if (p != null) {
                return Optional.of(p);
            }
            path = parentOf(path);
        }
        return Optional.empty();
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
