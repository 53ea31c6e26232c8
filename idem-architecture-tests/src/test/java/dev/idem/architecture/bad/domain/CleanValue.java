package dev.idem.architecture.bad.domain;

/** Obeys every rule: a pure domain value. */
public record CleanValue(String name) {
}
