package dev.idem.adapter.openai;

import dev.idem.testkit.ModelGatewayContract;
import dev.idem.testkit.ModelGatewayContract.Scenario;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;

/** Replies as OpenAI and Azure OpenAI send them on the wire, for each contract scenario. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    static MockResponse responseFor(Scenario scenario) {
        switch (scenario) {
            case SUCCESS:
                return json(200, completion(ModelGatewayContract.REPLY, "stop"));
            case BAD_REQUEST:
                return json(400, error("Invalid value for 'temperature': must be between 0 and 2.",
                        "invalid_request_error", "\"temperature\"", "invalid_value"));
            case UNAUTHORIZED:
                return json(401, error("Incorrect API key provided: sk-test. You can find your API key at"
                        + " https://platform.openai.com/account/api-keys.", "invalid_request_error", "null",
                        "invalid_api_key"));
            case MODEL_NOT_FOUND:
                return json(404, error("The model `gpt-4o` does not exist or you do not have access to it.",
                        "invalid_request_error", "null", "model_not_found"));
            case RATE_LIMITED:
                return json(429, error("Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3,"
                        + " Requested 1. Please try again in 7s.", "requests", "null", "rate_limit_exceeded"))
                        .setHeader("Retry-After", "7");
            case SERVER_ERROR:
                return json(500, error("The server had an error while processing your request. Sorry about that!",
                        "server_error", "null", null));
            case UNAVAILABLE:
                return json(503, error("The engine is currently overloaded, please try again later",
                        "server_error", "null", null)).setHeader("Retry-After", "3");
            case MALFORMED_BODY:
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody("<html><body>upstream proxy says hello</body></html>");
            case HANG:
                return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            default:
                throw new IllegalArgumentException(scenario.name());
        }
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    /** A {@code chat.completion} object with usage 11 + 7; {@code content} null when {@code text} is. */
    static String completion(String text, String finishReason) {
        String content = text == null ? "null" : "\"" + text.replace("\"", "\\\"") + "\"";
        return """
                {
                  "id": "chatcmpl-9xTAnTF3XcqLvqvhK2ZkNq8B",
                  "object": "chat.completion",
                  "created": 1732700000,
                  "model": "gpt-4o-2024-08-06",
                  "choices": [
                    {
                      "index": 0,
                      "message": {"role": "assistant", "content": %s, "refusal": null},
                      "logprobs": null,
                      "finish_reason": "%s"
                    }
                  ],
                  "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
                  "system_fingerprint": "fp_a7d06e42a7"
                }
                """.formatted(content, finishReason);
    }

    /** OpenAI's error envelope; {@code param} is raw JSON, {@code code} null for none. */
    static String error(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":\"" + type
                + "\",\"param\":" + param + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }
}
