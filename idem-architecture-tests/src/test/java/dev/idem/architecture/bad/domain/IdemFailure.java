package dev.idem.architecture.bad.domain;

/** The bad set's own failure interface, in the place the rule expects it: {@code <root>.domain.IdemFailure}. */
public interface IdemFailure {

    String category();
}
