package dev.idem.adapter.builtin;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/** Registers the offline architect under the id {@code builtin}; it needs no settings. */
public final class BuiltinGatewayProvider implements ModelGatewayProvider {

    @Override
    public String id() {
        return BuiltinArchitectGateway.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "offline, deterministic, rule-based reference architect for the Idempotency and API Retry Strategy"
                + " Architect spec (no LLM, no network, no settings)";
    }

    @Override
    public List<Setting> settings() {
        return List.of();
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return new BuiltinArchitectGateway(settings.vocabulary());
    }

    /** The knowledge base and the refusal model's weights, read once (most of a first design's time). */
    @Override
    public void prepare() {
        Knowledge.bundled();
        UnsafeIntentClassifier.bundled();
        WordEvidence.bundled();
    }
}
