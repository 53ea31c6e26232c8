package dev.idem.domain.spec;

import java.util.Optional;

/**
 * One problem found in a spec: an error makes the spec unusable, a warning does not.
 *
 * @param severity error or warning
 * @param source   display name of the spec source (file)
 * @param position line and column, when known
 * @param field    field path, e.g. {@code modelParameters.temperature}; empty for the whole file
 * @param message  what is wrong, in one sentence, without the location
 * @param testCase the 1-based number of the test row the issue is confined to, when it concerns one row only: such
 *                 an error makes that row unusable, not the spec (an evaluation reports the row as an error and
 *                 runs the others; {@code validate} still fails)
 */
public record SpecIssue(Severity severity, String source, Optional<SourcePosition> position, String field,
                        String message, Optional<Integer> testCase) {

    /** How bad an issue is. */
    public enum Severity { ERROR, WARNING }

    public SpecIssue {
        position = position == null ? Optional.empty() : position;
        field = field == null ? "" : field;
        testCase = testCase == null ? Optional.empty() : testCase;
    }

    /** An issue that concerns the whole spec. */
    public SpecIssue(Severity severity, String source, Optional<SourcePosition> position, String field,
                     String message) {
        this(severity, source, position, field, message, Optional.empty());
    }

    /** An error located through the spec's source map. */
    public static SpecIssue error(SpecSource source, String field, String message) {
        return new SpecIssue(Severity.ERROR, source.name(), source.positionOf(field), field, message);
    }

    /**
     * An error that makes one test row unusable and leaves the others alone, located through the spec's source map.
     *
     * @param testCase the row's 1-based number
     */
    public static SpecIssue rowError(SpecSource source, int testCase, String field, String message) {
        return new SpecIssue(Severity.ERROR, source.name(), source.positionOf(field), field, message,
                Optional.of(testCase));
    }

    /** A warning located through the spec's source map. */
    public static SpecIssue warning(SpecSource source, String field, String message) {
        return new SpecIssue(Severity.WARNING, source.name(), source.positionOf(field), field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Whether this is an error confined to one test row (see {@link #testCase()}). */
    public boolean isRowError() {
        return isError() && testCase.isPresent();
    }

    /** {@code file:line:col: field: message}, the one-line form used on stderr. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        position.ifPresent(p -> sb.append(':').append(p.line()).append(':').append(p.column()));
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
