package dev.idem.domain.spec;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when a spec cannot be used; carries every error found, first one in the message, and the warnings found
 * along the way after them (a rejected file's warnings may say why it was rejected, e.g. a key read as unknown).
 */
public final class InvalidSpecException extends RuntimeException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final transient List<SpecIssue> issues;

    public InvalidSpecException(List<SpecIssue> issues) {
        super(errorsFirst(issues).stream().findFirst().map(SpecIssue::toString).orElse("invalid spec"));
        this.issues = errorsFirst(issues);
    }

    public InvalidSpecException(SpecIssue issue) {
        this(List.of(issue));
    }

    /** Every problem found, errors first. */
    public List<SpecIssue> issues() {
        return issues;
    }

    /** The errors only. */
    public List<SpecIssue> errors() {
        return issues.stream().filter(SpecIssue::isError).toList();
    }

    private static List<SpecIssue> errorsFirst(List<SpecIssue> issues) {
        List<SpecIssue> ordered = new ArrayList<>(issues.stream().filter(SpecIssue::isError).toList());
        issues.stream().filter(i -> !i.isError()).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the spec must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
