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
 */
public record SpecIssue(Severity severity, String source, Optional<SourcePosition> position, String field,
                        String message) {

    /** How bad an issue is. */
    public enum Severity { ERROR, WARNING }

    public SpecIssue {
        position = position == null ? Optional.empty() : position;
        field = field == null ? "" : field;
    }

    /** An error located through the spec's source map. */
    public static SpecIssue error(SpecSource source, String field, String message) {
        return new SpecIssue(Severity.ERROR, source.name(), source.positionOf(field), field, message);
    }

    /** A warning located through the spec's source map. */
    public static SpecIssue warning(SpecSource source, String field, String message) {
        return new SpecIssue(Severity.WARNING, source.name(), source.positionOf(field), field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
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
