package dev.idem.domain;

/**
 * What kind of failure an {@link IdemFailure} is, and so what its caller can do about it. The CLI turns each into
 * its exit code; an embedder can decide on it without knowing every exception type.
 */
public enum FailureCategory {
    /** The input cannot be used as given (a spec, a value, an option, a store URI): change it. */
    USAGE,
    /**
     * Something idem depends on is unavailable, misconfigured or refuses: a provider, the execution store, the
     * place a report goes. Fix its configuration, or try again later.
     */
    UNAVAILABLE,
    /** The work was done and its results fall short: evaluations failed, or too few passed. */
    EVALUATION,
    /** A bug in idem: nothing the caller did or could fix. */
    INTERNAL
}
