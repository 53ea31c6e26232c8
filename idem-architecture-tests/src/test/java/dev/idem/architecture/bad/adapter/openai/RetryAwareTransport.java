package dev.idem.architecture.bad.adapter.openai;

import dev.idem.architecture.bad.adapter.langchain4j.KeptHeaders;

/** Uses the shared HTTP plumbing, as the openai adapter is allowed to. */
public final class RetryAwareTransport {

    public String waitFor(KeptHeaders headers) {
        return headers.retryAfter();
    }
}
