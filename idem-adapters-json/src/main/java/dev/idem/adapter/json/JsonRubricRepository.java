package dev.idem.adapter.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.evaluation.Rubric;
import dev.idem.domain.evaluation.RubricItem;
import dev.idem.port.out.RubricRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads the idempotency rubric shipped with idem ({@code dev/idem/adapter/json/rubric.json}: the 34 items of the
 * idempotency reference's rubric, which the built-in architect's tests also read through this class) into the
 * domain's {@link Rubric}.
 */
public final class JsonRubricRepository implements RubricRepository {

    static final String RESOURCE = "dev/idem/adapter/json/rubric.json";

    private final ObjectMapper json = new ObjectMapper();
    private volatile Rubric rubric;

    /**
     * The rubric, read on first use and then the same instance.
     *
     * @throws IllegalStateException if the bundled resource is missing or malformed (a packaging fault)
     */
    @Override
    public Rubric load() {
        Rubric loaded = rubric;
        if (loaded == null) {
            synchronized (this) {
                if (rubric == null) {
                    rubric = read();
                }
                loaded = rubric;
            }
        }
        return loaded;
    }

    private Rubric read() {
        try (InputStream in = JsonRubricRepository.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the rubric resource " + RESOURCE + " is missing from the classpath");
            }
            return toRubric(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric resource " + RESOURCE, e);
        }
    }

    private static Rubric toRubric(JsonNode root) {
        int flags = flags(root.path("regexFlags").asText("CASE_INSENSITIVE|MULTILINE"));
        JsonNode items = root.path("rubric");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalStateException("the rubric resource has no 'rubric' items");
        }
        List<RubricItem> parsed = new ArrayList<>();
        for (JsonNode item : items) {
            String id = required(item, "id");
            try {
                parsed.add(new RubricItem(id, item.path("area").asText(""), item.path("critical").asBoolean(false),
                        required(item, "check"), item.path("requirement").asText(""),
                        Pattern.compile(required(item, "regex"), flags)));
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("rubric item " + id + ": invalid regex: " + e.getDescription(), e);
            }
        }
        List<String> critical = new ArrayList<>();
        root.path("criticalIds").forEach(n -> critical.add(n.asText()));
        for (RubricItem item : parsed) {
            if (!critical.isEmpty() && item.critical() != critical.contains(item.id())) {
                throw new IllegalStateException("rubric item " + item.id()
                        + ": its 'critical' flag disagrees with criticalIds");
            }
        }
        return new Rubric(parsed);
    }

    private static String required(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("rubric item " + item.path("id").asText("?") + ": missing '" + field + "'");
        }
        return value.asText();
    }

    private static int flags(String names) {
        int flags = 0;
        for (String name : names.split("\\|")) {
            switch (name.trim()) {
                case "CASE_INSENSITIVE":
                    flags |= Pattern.CASE_INSENSITIVE;
                    break;
                case "MULTILINE":
                    flags |= Pattern.MULTILINE;
                    break;
                case "DOTALL":
                    flags |= Pattern.DOTALL;
                    break;
                case "UNICODE_CASE":
                    flags |= Pattern.UNICODE_CASE;
                    break;
                case "":
                    break;
                default:
                    throw new IllegalStateException("the rubric resource names an unknown regex flag: " + name);
            }
        }
        return flags;
    }
}
