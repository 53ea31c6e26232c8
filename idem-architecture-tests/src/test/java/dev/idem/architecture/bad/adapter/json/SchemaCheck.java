package dev.idem.architecture.bad.adapter.json;

/** Stands in for the JSON adapter that the api may wire in directly (documented exception). */
public record SchemaCheck(String schema) {
}
