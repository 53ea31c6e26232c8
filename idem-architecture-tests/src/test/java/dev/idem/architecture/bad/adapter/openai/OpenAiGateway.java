package dev.idem.architecture.bad.adapter.openai;

import dev.idem.architecture.bad.adapter.yaml.YamlLoader;
import dev.idem.architecture.bad.domain.CleanValue;
import dev.idem.architecture.bad.port.out.CleanGateway;
import dev.langchain4j.model.chat.ChatModel;

/** Uses langchain4j where it belongs, but reaches into another adapter. */
public final class OpenAiGateway implements CleanGateway {

    private final ChatModel model;
    private final YamlLoader loader;

    public OpenAiGateway(ChatModel model, YamlLoader loader) {
        this.model = model;
        this.loader = loader;
    }

    @Override
    public CleanValue fetch(String name) {
        return new CleanValue(name + model + loader);
    }
}
