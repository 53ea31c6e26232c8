package dev.idem.domain.spec;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.List;

/** Thrown when a spec cannot be used; carries every error found, first one in the message. */
public final class InvalidSpecException extends RuntimeException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final transient List<SpecIssue> issues;

    public InvalidSpecException(List<SpecIssue> issues) {
        super(issues.isEmpty() ? "invalid spec" : issues.get(0).toString());
        this.issues = List.copyOf(issues);
    }

    public InvalidSpecException(SpecIssue issue) {
        this(List.of(issue));
    }

    /** Every problem found, errors first. */
    public List<SpecIssue> issues() {
        return issues;
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the spec must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
