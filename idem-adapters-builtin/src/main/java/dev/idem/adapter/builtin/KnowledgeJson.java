package dev.idem.adapter.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by the build (exec-maven-plugin, after the resources are copied): checks {@code knowledge.yaml} as a run
 * reads it ({@link KnowledgeReader}), so that a slip in the file fails the build, then writes the same tree as JSON
 * beside it ({@link KnowledgeReader#BUILT_RESOURCE}), which a run reads instead. The YAML stays the source: the JSON
 * is made on every build and never committed.
 */
public final class KnowledgeJson {

    private KnowledgeJson() {
    }

    /**
     * @param args the YAML file and the JSON file to write
     * @throws IOException if either file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KnowledgeJson KNOWLEDGE_YAML KNOWLEDGE_JSON");
        }
        Path yaml = Path.of(args[0]);
        JsonNode tree = KnowledgeReader.tree(yaml.getFileName().toString(),
                Files.readString(yaml, StandardCharsets.UTF_8));
        KnowledgeReader.read(yaml.getFileName().toString(), tree);
        Files.write(Path.of(args[1]), new ObjectMapper().writeValueAsBytes(tree));
    }
}
