package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge a run reads is the JSON the build wrote from knowledge.yaml: the same tree, so the YAML stays the
 * one source (a stale or hand-edited JSON would fail here).
 */
class KnowledgeJsonTest {

    @TempDir
    Path work;

    @Test
    void should_ship_the_tree_of_knowledge_yaml_as_json() throws Exception {
        // given the YAML and the JSON the build put on the class path
        JsonNode fromYaml = KnowledgeReader.tree(KnowledgeReader.RESOURCE, resource(KnowledgeReader.RESOURCE));
        String built = resource(KnowledgeReader.BUILT_RESOURCE);
        // then they hold the same tree, as a run reads the JSON and as Jackson's mapper reads it
        assertThat(KnowledgeReader.jsonTree(new ByteArrayInputStream(built.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(fromYaml);
        assertThat(new ObjectMapper().readTree(built)).isEqualTo(fromYaml);
    }

    @Test
    void should_write_the_checked_yaml_as_json() throws Exception {
        // given the shipped YAML in a file
        Path yaml = work.resolve("knowledge.yaml");
        Files.writeString(yaml, resource(KnowledgeReader.RESOURCE));
        Path json = work.resolve("knowledge.json");
        // when the build step runs
        KnowledgeJson.main(new String[] {yaml.toString(), json.toString()});
        // then the JSON reads back as the same knowledge
        Knowledge knowledge = KnowledgeReader.read("knowledge.json", new ObjectMapper().readTree(json.toFile()));
        assertThat(knowledge.facts()).isEqualTo(Knowledge.bundled().facts());
        assertThat(knowledge.mitigations().keySet()).isEqualTo(Knowledge.bundled().mitigations().keySet());
    }

    @Test
    void should_fail_the_build_step_on_a_slip_in_the_yaml_naming_it() throws Exception {
        // given a YAML with an unknown technology
        Path yaml = work.resolve("knowledge.yaml");
        Files.writeString(yaml, resource(KnowledgeReader.RESOURCE).replaceFirst("\n  KAFKA:", "\n  KAFKAA:"));
        Path json = work.resolve("knowledge.json");
        // when / then the step fails naming the file and the path, and writes nothing
        assertThatThrownBy(() -> KnowledgeJson.main(new String[] {yaml.toString(), json.toString()}))
                .hasMessageStartingWith("knowledge.yaml: facts.KAFKAA: unknown technology");
        assertThat(json).doesNotExist();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = KnowledgeJsonTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path (the build's process-classes phase writes the JSON)")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
