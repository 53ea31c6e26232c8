package dev.idem.architecture.bad.adapter.yaml;

import dev.idem.architecture.bad.adapter.langchain4j.KeptHeaders;

/** Reaches for the shared HTTP plumbing, which no adapter but openai and ollama may use. */
public final class HeaderSniffer {

    public String sniff(KeptHeaders headers) {
        return headers.retryAfter();
    }
}
