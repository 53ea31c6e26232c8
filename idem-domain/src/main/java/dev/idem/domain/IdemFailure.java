package dev.idem.domain;

/**
 * An exception of idem's own that says which {@link FailureCategory} it is. Every exception idem means its callers
 * to see implements it, so that one lookup of the category (an exit code, a retry decision) covers every type,
 * including types added later; a throwable that does not implement it is a bug.
 *
 * <p>An interface rather than a common superclass, so that each exception keeps the JDK supertype its callers
 * already catch ({@code IllegalArgumentException} for a malformed store URI, for example).
 */
public interface IdemFailure {

    /** What kind of failure this is. */
    FailureCategory category();
}
