package dev.idem.architecture.bad.domain.template;

/** The innermost domain subpackage: depends on no other. */
public record CleanTemplate(String text) {
}
