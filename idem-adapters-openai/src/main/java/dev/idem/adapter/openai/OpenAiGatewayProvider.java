package dev.idem.adapter.openai;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/** Registers {@link OpenAiGateway} under the id {@code openai}. */
public final class OpenAiGatewayProvider implements ModelGatewayProvider {

    @Override
    public String id() {
        return OpenAiGateway.PROVIDER;
    }

    @Override
    public String description() {
        return "OpenAI chat completions, or any OpenAI-compatible server (langchain4j-open-ai)";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(OpenAiGateway.API_KEY, true),
                Setting.optional(OpenAiGateway.BASE_URL, OpenAiGateway.DEFAULT_BASE_URL));
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return new OpenAiGateway(settings);
    }
}
