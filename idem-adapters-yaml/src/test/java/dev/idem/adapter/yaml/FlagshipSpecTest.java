package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Role;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flagship spec is a faithful, properly nested copy of the seed (whose YAML lost its indentation): this
 * compares the two field by field and the message texts line by line.
 */
class FlagshipSpecTest {

    static final Path FLAGSHIP = Path.of("../prompts/idempotency-architect.prompt.yml");

    private final ObjectMapper json = new ObjectMapper();
    private List<String> seed;
    private LoadedSpec loaded;
    private PromptSpec spec;

    @BeforeEach
    void load() throws IOException {
        String text = Files.readString(TestFiles.resource("seed/000_77c8d03796bd822d.txt"), StandardCharsets.UTF_8);
        seed = List.of(text.substring(text.indexOf("\n---\n") + 5).split("\n"));
        loaded = new YamlPromptSpecRepository().load(FLAGSHIP);
        spec = loaded.spec();
    }

    @Test
    void should_load_the_flagship_without_warnings() {
        assertThat(loaded.warnings()).isEmpty();
        assertThat(spec.unknownKeys()).isEmpty();
    }

    @Test
    void should_have_the_seed_header_and_metadata() throws IOException {
        assertThat(spec.name()).isEqualTo(seedValue("name"));
        assertThat(spec.version()).isEqualTo(seedValue("version"));
        assertThat(spec.description()).isEqualTo(seedValue("description"));
        assertThat(spec.authors()).containsExactly(seedValue("- name"));
        assertThat(spec.model()).isEqualTo(seedValue("model"));
        assertThat(spec.parameters().temperature()).contains(Double.parseDouble(seedValue("temperature")));
        assertThat(spec.metadata()).containsExactly(
                Map.entry("domain", seedValue("domain")),
                Map.entry("complexity", seedValue("complexity")),
                Map.entry("tags", seedTags()),
                Map.entry("requires_context", Boolean.parseBoolean(seedValue("requires_context"))));
    }

    @Test
    void should_declare_the_seed_variables() throws IOException {
        assertThat(spec.variables()).containsExactly(
                new Variable(seedValue("- name", 1), seedValue("description", 1), true, "", java.util.Optional.empty()),
                new Variable(seedValue("- name", 2), seedValue("description", 2), true, "", java.util.Optional.empty()));
        assertThat(seedValue("required", 0)).isEqualTo("true");
        assertThat(seedValue("required", 1)).isEqualTo("true");
    }

    @Test
    void should_have_every_message_line_of_the_seed_in_order() {
        // given
        List<String> systemLines = seedBlock(seed.indexOf("content: |") + 1, "- role: \"user\"");
        List<String> userLines = seedBlock(seed.lastIndexOf("content: |") + 1, "testData:");

        // then
        assertThat(spec.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(nonBlankLines(spec.messages().get(0).content())).containsExactlyElementsOf(systemLines);
        assertThat(nonBlankLines(spec.messages().get(1).content())).containsExactlyElementsOf(userLines);
        assertThat(systemLines).hasSize(13);
        assertThat(userLines).hasSize(5);
    }

    @Test
    void should_have_the_seed_regex_evaluators_exactly() throws IOException {
        assertThat(spec.evaluators()).containsExactly(
                RegexEvaluatorSpec.of(seedValue("- name", 3), seedValue("pattern", 0)),
                RegexEvaluatorSpec.of(seedValue("- name", 4), seedValue("pattern", 1)));
        assertThat(((RegexEvaluatorSpec) spec.evaluators().get(1)).pattern()).isEqualTo("\\*\\*.*\\*\\*");
    }

    @Test
    void should_have_the_seed_test_rows() throws IOException {
        assertThat(spec.testData()).hasSize(2);
        for (int row = 0; row < 2; row++) {
            TestCase testCase = spec.testData().get(row);
            assertThat(testCase.variables()).containsExactly(
                    Map.entry("system_context", seedValue("system_context", row)),
                    Map.entry("failure_scenarios", seedValue("failure_scenarios", row)));
            assertThat(testCase.expected()).contains(seedValue("expected", row));
        }
    }

    private List<String> seedBlock(int from, String until) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < seed.size() && !seed.get(i).equals(until); i++) {
            if (!seed.get(i).isBlank()) {
                lines.add(seed.get(i));
            }
        }
        return lines;
    }

    private static List<String> nonBlankLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    private String seedValue(String key) throws IOException {
        return seedValue(key, 0);
    }

    /** The value of the n-th (0-based) seed line {@code key: "value"}, unquoted as YAML double-quoted text. */
    private String seedValue(String key, int occurrence) throws IOException {
        int seen = 0;
        for (String line : seed) {
            if (line.startsWith(key + ": ")) {
                if (seen++ == occurrence) {
                    String raw = line.substring(key.length() + 2).trim();
                    return raw.startsWith("\"") ? json.readValue(raw, String.class) : raw;
                }
            }
        }
        throw new AssertionError("the seed has no " + (occurrence + 1) + ". line for " + key);
    }

    private List<String> seedTags() throws IOException {
        List<String> tags = new ArrayList<>();
        for (int i = seed.indexOf("tags:") + 1; seed.get(i).startsWith("- \""); i++) {
            tags.add(json.readValue(seed.get(i).substring(2), String.class));
        }
        assertThat(tags).hasSize(5);
        return tags;
    }
}
