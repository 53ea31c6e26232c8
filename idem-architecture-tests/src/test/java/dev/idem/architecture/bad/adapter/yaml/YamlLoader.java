package dev.idem.architecture.bad.adapter.yaml;

import dev.idem.architecture.bad.adapter.openai.OpenAiGateway;

/** Breaks adapter isolation and closes a cycle with the openai adapter. */
public final class YamlLoader {

    public String load(OpenAiGateway gateway) {
        return String.valueOf(gateway);
    }
}
