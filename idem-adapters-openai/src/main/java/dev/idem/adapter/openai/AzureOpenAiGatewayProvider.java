package dev.idem.adapter.openai;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/** Registers {@link AzureOpenAiGateway} under the id {@code azure-openai}. */
public final class AzureOpenAiGatewayProvider implements ModelGatewayProvider {

    @Override
    public String id() {
        return AzureOpenAiGateway.PROVIDER;
    }

    @Override
    public String description() {
        return "Azure OpenAI deployments (langchain4j-azure-open-ai)";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(AzureOpenAiGateway.ENDPOINT, false),
                Setting.required(AzureOpenAiGateway.API_KEY, true),
                Setting.optional(AzureOpenAiGateway.DEPLOYMENT, "the model"),
                Setting.optional(AzureOpenAiGateway.API_VERSION, AzureOpenAiGateway.DEFAULT_API_VERSION));
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return new AzureOpenAiGateway(settings);
    }
}
