package dev.idem.adapter.ollama;

import java.util.List;
import okhttp3.mockwebserver.MockResponse;

/** Replies exactly as an Ollama server (0.x, {@code "stream": false}) writes them. */
final class OllamaWire {

    private OllamaWire() {
    }

    static MockResponse chat(String model, String content, String doneReason, int promptTokens, int outputTokens) {
        return json(200, "{\"model\":\"" + model + "\",\"created_at\":\"2024-11-27T19:52:35.123456789Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":" + quoted(content) + "},"
                + "\"done_reason\":\"" + doneReason + "\",\"done\":true,\"total_duration\":5043500667,"
                + "\"load_duration\":5025959,\"prompt_eval_count\":" + promptTokens + ","
                + "\"prompt_eval_duration\":325953000,\"eval_count\":" + outputTokens
                + ",\"eval_duration\":4709213000}");
    }

    static MockResponse error(int status, String message) {
        return json(status, "{\"error\":" + quoted(message) + "}");
    }

    static MockResponse tags(List<String> names) {
        StringBuilder models = new StringBuilder();
        for (String name : names) {
            if (models.length() > 0) {
                models.append(',');
            }
            models.append("{\"name\":\"").append(name).append("\",\"model\":\"").append(name)
                    .append("\",\"modified_at\":\"2024-05-01T10:00:00.000000000Z\",\"size\":4661224676,")
                    .append("\"digest\":\"365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1\",")
                    .append("\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",")
                    .append("\"families\":[\"llama\"],\"parameter_size\":\"8.0B\",\"quantization_level\":\"Q4_0\"}}");
        }
        return json(200, "{\"models\":[" + models + "]}");
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .setBody(body);
    }

    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                // Go's encoding/json escapes HTML characters and control characters, and writes the rest as UTF-8.
                case '<': case '>': case '&':
                    sb.append(String.format("\\u%04x", (int) c));
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
