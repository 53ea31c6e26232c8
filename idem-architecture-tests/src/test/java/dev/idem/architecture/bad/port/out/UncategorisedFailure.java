package dev.idem.architecture.bad.port.out;

/** Breaks the failure rule: a public exception of the ports without a category, so callers cannot classify it. */
public final class UncategorisedFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;
}
