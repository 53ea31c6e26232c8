package dev.idem.architecture.bad.adapter.langchain4j;

/** Stands in for the HTTP plumbing that openai and ollama, and only they, may share. */
public record KeptHeaders(String retryAfter) {
}
