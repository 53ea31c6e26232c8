package dev.idem.port.out;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.ModelRequest;
import java.util.List;

/**
 * Sends rendered messages to a model and returns its reply. One attempt per call: retries belong to the
 * application layer, so adapters turn their client's own retries off.
 */
public interface ModelGateway {

    /** The provider id, e.g. {@code openai}, {@code ollama}, {@code builtin}. */
    String providerId();

    /**
     * Which of the provider's endpoints this gateway calls, in so far as it decides the answer: base URL without
     * credentials, deployment, API version, anything else that makes another server answer. It enters every
     * call's fingerprint, so a reply stored from one endpoint is never replayed for another. Never a key or any
     * other secret. {@link EndpointIdentity#NONE} (the default) for a gateway that calls no server.
     */
    default EndpointIdentity endpoint() {
        return EndpointIdentity.NONE;
    }

    /**
     * How this gateway describes its answers wherever metadata is shown, e.g. {@code "LLM"} or
     * {@code "rule-based reference design (no LLM)"}.
     */
    default String answerKind() {
        return "LLM";
    }

    /**
     * Whether the request's model decides who answers. False for a gateway that answers by itself whatever model
     * is named (the built-in architect): the model asked is then never shown, so its answers are not passed off
     * as that model's. The request still carries it, so fingerprints do not depend on this.
     */
    default boolean takesModel() {
        return true;
    }

    /**
     * The spec parameters of {@code request} this provider cannot take, by their spec name (as in
     * {@link dev.idem.domain.spec.ModelParameters#asMap()}). {@link #complete} leaves them out; callers warn
     * about each one so that nothing is dropped silently.
     */
    default List<String> unsupportedParameters(ModelRequest request) {
        return List.of();
    }

    /**
     * Makes one attempt.
     *
     * @throws ModelGatewayException (a subclass) when the call fails
     */
    Completion complete(ModelRequest request);
}
