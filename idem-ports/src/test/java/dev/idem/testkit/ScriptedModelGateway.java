package dev.idem.testkit;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory {@link ModelGateway} for service tests: answers with a function of the request, after a
 * scripted sequence of failures, optionally after a real delay; records every request it was sent.
 */
public final class ScriptedModelGateway implements ModelGateway {

    private final String providerId;
    private final Deque<ModelGatewayException> failures = new ArrayDeque<>();
    private final List<ModelRequest> received = new CopyOnWriteArrayList<>();
    private Function<ModelRequest, String> replies = r -> "reply to " + r.messages().get(r.messages().size() - 1)
            .content();
    private Duration delay = Duration.ZERO;
    private EndpointIdentity endpoint = EndpointIdentity.NONE;

    public ScriptedModelGateway(String providerId) {
        this.providerId = providerId;
    }

    /** Answers every request with this function of it. */
    public ScriptedModelGateway replying(Function<ModelRequest, String> reply) {
        this.replies = reply;
        return this;
    }

    /** Fails the next calls with these, in order, before answering. */
    public synchronized ScriptedModelGateway failingWith(ModelGatewayException... next) {
        failures.addAll(List.of(next));
        return this;
    }

    /** Takes this long (really sleeping) before each answer, to make calls overlap. */
    public ScriptedModelGateway taking(Duration d) {
        this.delay = d;
        return this;
    }

    /** Declares this endpoint identity, as a gateway on another server or deployment would. */
    public ScriptedModelGateway at(EndpointIdentity identity) {
        this.endpoint = identity;
        return this;
    }

    /** Requests received so far, failures included. */
    public List<ModelRequest> received() {
        return List.copyOf(received);
    }

    public int calls() {
        return received.size();
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public EndpointIdentity endpoint() {
        return endpoint;
    }

    @Override
    public Completion complete(ModelRequest request) {
        received.add(request);
        ModelGatewayException failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String text = replies.apply(request);
        return new Completion(text, request.model(), new TokenUsage(3, text.split("\\s+").length), delay, "stop");
    }
}
