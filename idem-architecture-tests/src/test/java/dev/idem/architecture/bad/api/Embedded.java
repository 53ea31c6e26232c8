package dev.idem.architecture.bad.api;

import dev.idem.architecture.bad.adapter.openai.OpenAiGateway;
import dev.idem.architecture.bad.adapter.yaml.YamlLoader;

/** May use the yaml adapter (documented exception), must not use the openai one. */
public final class Embedded {

    private final YamlLoader loader = new YamlLoader();

    public String load(OpenAiGateway gateway) {
        return loader.load(gateway);
    }
}
