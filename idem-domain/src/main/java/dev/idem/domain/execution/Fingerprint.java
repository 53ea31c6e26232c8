package dev.idem.domain.execution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The identity of a model call: SHA-256 over the canonical JSON of provider, the provider's endpoint identity
 * (base URL without credentials, deployment, API version: see {@link EndpointIdentity}), model, parameters,
 * response format and rendered messages, plus the sample index for repeats; never a key. Two calls with the same
 * fingerprint would be paid for twice; idem makes them one. Two calls that another server or deployment would
 * answer differ in their fingerprint, so one is never replayed as the other.
 *
 * @param hex 64 lowercase hex digits
 */
public record Fingerprint(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a fingerprint is 64 lowercase hex digits: " + hex);
        }
    }

    /**
     * Fingerprints a call.
     *
     * @param provider provider id, e.g. {@code openai}
     * @param endpoint which of the provider's endpoints answers it; {@link EndpointIdentity#NONE} for none
     * @param request  the request; its messages are taken verbatim
     * @param sample   0 for the first sample, n for the (n+1)th repeat
     */
    public static Fingerprint of(String provider, EndpointIdentity endpoint, ModelRequest request, int sample) {
        return new Fingerprint(sha256(canonicalJson(provider, endpoint, request, sample)));
    }

    /** Fingerprints a call to a provider that has no endpoint beyond its id. */
    public static Fingerprint of(String provider, ModelRequest request, int sample) {
        return of(provider, EndpointIdentity.NONE, request, sample);
    }

    /** The canonical JSON of a call to a provider that has no endpoint beyond its id. */
    public static String canonicalJson(String provider, ModelRequest request, int sample) {
        return canonicalJson(provider, EndpointIdentity.NONE, request, sample);
    }

    /**
     * The canonical JSON the fingerprint hashes: keys sorted, no whitespace. An empty endpoint identity adds no
     * key, so the fingerprints of a provider without endpoints (the built-in architect) stay what they were.
     */
    public static String canonicalJson(String provider, EndpointIdentity endpoint, ModelRequest request, int sample) {
        Map<String, Object> root = new TreeMap<>();
        root.put("provider", provider);
        if (!endpoint.isEmpty()) {
            root.put("endpoint", endpoint.values());
        }
        root.put("model", request.model());
        root.put("parameters", new TreeMap<>(request.parameters().asMap()));
        root.put("responseFormat", request.responseFormat().wireName());
        request.jsonSchema().ifPresent(s -> root.put("jsonSchema", s));
        root.put("messages", request.messages().stream()
                .map(m -> Map.of("role", m.role().wireName(), "content", m.content())).toList());
        root.put("sample", sample);
        StringBuilder sb = new StringBuilder();
        write(sb, root);
        return sb.toString();
    }

    @Override
    public String toString() {
        return hex;
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.doubleValue() == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue()) : d.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, e.getKey().toString());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, list.get(i));
            }
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    /**
     * Copies the unescaped runs between special characters in one append each: prompts run to kilobytes and are
     * quoted on every call, and a char-by-char append costs several times more. The output is unchanged.
     */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default: sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append(s, run, s.length());
        sb.append('"');
    }

    private static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
