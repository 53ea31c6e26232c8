package dev.idem.architecture.bad.api;

import dev.idem.architecture.bad.adapter.json.SchemaCheck;
import dev.idem.architecture.bad.adapter.openai.OpenAiGateway;
import dev.idem.architecture.bad.adapter.yaml.YamlLoader;

/**
 * May use the yaml and json adapters (documented exceptions), must not use the openai one; may read the environment,
 * as the composition root does.
 */
public final class Embedded {

    private final YamlLoader loader = new YamlLoader();
    private final SchemaCheck check = new SchemaCheck("{}");

    public String load(OpenAiGateway gateway) {
        return loader.load(gateway) + check + System.getenv("IDEM_PROVIDER");
    }
}
