package dev.idem.adapter.ollama;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/** Registers the {@code ollama} provider with the CLI's {@code ServiceLoader}. */
public final class OllamaGatewayProvider implements ModelGatewayProvider {

    @Override
    public String id() {
        return OllamaGateway.PROVIDER;
    }

    @Override
    public String description() {
        return "Ollama, local or remote (POST /api/chat)";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.optional(OllamaGateway.BASE_URL, OllamaGateway.DEFAULT_BASE_URL));
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return new OllamaGateway(settings);
    }
}
