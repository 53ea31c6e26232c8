package dev.idem.adapter.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.SourcePosition;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.port.out.PromptSpecRepository;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the bytes of a spec file into a {@link YamlNode} tree, refusing hostile input with one
 * {@link InvalidSpecException}: oversized, binary or non-UTF-8 content, alias bombs, deep nesting,
 * duplicate keys, several documents and YAML syntax errors.
 *
 * <p>Jackson's streaming YAML parser reports an alias as its anchor's name and never expands it, so the
 * expansion happens here, where its cost can be bounded.
 */
final class YamlTreeReader {

    static final int MAX_BYTES = PromptSpecRepository.MAX_FILE_BYTES;
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Nodes that alias expansion may add in total; far above any honest spec, far below a bomb. */
    static final int MAX_ALIAS_EXPANSION = 10_000;
    /**
     * Characters of text that alias expansion may add in total: twice what a spec file may hold. Without it,
     * 2000 aliases of one 1 MB string (a 1.1 MB file, 2001 nodes) expand to 2 GB of prompts.
     */
    static final long MAX_ALIAS_TEXT = 2L * MAX_BYTES;
    static final int MAX_DEPTH = 64;

    private static final SourcePosition START = new SourcePosition(1, 1);

    private final AnchorAwareYamlFactory factory;

    YamlTreeReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setProcessComments(false);
        // duplicate keys are left to readMapping, whose message names both lines
        this.factory = new AnchorAwareYamlFactory(YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 1)
                        .maxDocumentLength(MAX_BYTES + 1L)
                        .build()));
    }

    /** Reads one spec document; its top level must be a mapping. */
    YamlNode.Mapping read(String sourceName, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw fileError(sourceName, Optional.empty(), tooLarge(content.length));
        }
        String text = decode(sourceName, content);
        if (text.isBlank()) {
            throw fileError(sourceName, Optional.empty(), "empty spec file");
        }
        try (JsonParser parser = factory.createParser(new StringReader(text))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw fileError(sourceName, Optional.empty(), "empty spec file (no YAML content)");
            }
            Expansion expansion = new Expansion(sourceName);
            YamlNode root = readNode(parser, first, 0, expansion);
            if (parser.nextToken() != null) {
                throw fileError(sourceName, Optional.of(positionOf(parser.currentTokenLocation())),
                        "more than one YAML document; a spec file holds exactly one");
            }
            if (root instanceof YamlNode.Scalar scalar && scalar.asText().isEmpty()) {
                throw fileError(sourceName, Optional.empty(), "empty spec file (no YAML content)");
            }
            if (!(root instanceof YamlNode.Mapping mapping)) {
                throw fileError(sourceName, Optional.of(root.position()),
                        "expected a mapping (name, messages, ...) at the top level, got " + root.describe());
            }
            return mapping;
        } catch (StreamConstraintsException e) {
            throw fileError(sourceName, Optional.empty(), "YAML nested too deeply or too large (limits: "
                    + MAX_DEPTH + " levels, 2 MiB)");
        } catch (StreamReadException e) {
            throw fileError(sourceName, locationOf(e), syntaxMessage(problemOf(e)));
        } catch (IOException e) {
            throw fileError(sourceName, Optional.empty(), "cannot read YAML: " + firstLine(e.getMessage()));
        } catch (InvalidSpecException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML reports some limits (code points, aliases) with unchecked exceptions of its own
            throw fileError(sourceName, Optional.empty(), syntaxMessage(e.getMessage()));
        }
    }

    static String tooLarge(long size) {
        return "file too large: " + size + " bytes (a spec file may hold at most 2 MiB)";
    }

    private static String syntaxMessage(String raw) {
        String line = firstLine(raw);
        if (line.toLowerCase(java.util.Locale.ROOT).contains("aliases")) {
            return "too many YAML aliases (" + line + ")";
        }
        return "YAML syntax error: " + line;
    }

    /** SnakeYAML's own words for a syntax error ("mapping values are not allowed here"), without its context dump. */
    private static String problemOf(StreamReadException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                return marked.getProblem();
            }
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Expected a field name")) {
            return "a key must be plain text, not a list or a mapping";
        }
        return message;
    }

    private YamlNode readNode(JsonParser parser, JsonToken token, int depth, Expansion expansion)
            throws IOException {
        SourcePosition at = positionOf(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw fileError(expansion.sourceName, Optional.of(at),
                    "YAML nested too deeply (limit " + MAX_DEPTH + " levels)");
        }
        String anchor = anchorOf(parser, token);
        YamlNode node;
        switch (token) {
            case START_OBJECT:
                node = readMapping(parser, at, depth, expansion);
                break;
            case START_ARRAY:
                node = readSequence(parser, at, depth, expansion);
                break;
            case VALUE_STRING:
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    return expansion.expand(parser.getText(), at);
                }
                node = new YamlNode.Scalar(YamlNode.Scalar.Type.STRING, parser.getText(), parser.getText(), at);
                break;
            case VALUE_NUMBER_INT:
                node = new YamlNode.Scalar(YamlNode.Scalar.Type.INTEGER, parser.getText(), parser.getNumberValue(), at);
                break;
            case VALUE_NUMBER_FLOAT:
                node = new YamlNode.Scalar(YamlNode.Scalar.Type.FLOAT, parser.getText(), parser.getDoubleValue(), at);
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                node = new YamlNode.Scalar(YamlNode.Scalar.Type.BOOLEAN, parser.getText(),
                        token == JsonToken.VALUE_TRUE, at);
                break;
            case VALUE_NULL:
                node = new YamlNode.Scalar(YamlNode.Scalar.Type.NULL, "", null, at);
                break;
            default:
                throw fileError(expansion.sourceName, Optional.of(at),
                        "unsupported YAML value (binary data or a custom tag)");
        }
        if (anchor != null) {
            expansion.anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode readMapping(JsonParser parser, SourcePosition at, int depth, Expansion expansion)
            throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourcePosition> keyPositions = new LinkedHashMap<>();
        List<YamlNode> merges = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw fileError(expansion.sourceName, Optional.of(positionOf(parser.currentTokenLocation())),
                        "YAML syntax error: expected a key");
            }
            String key = parser.currentName();
            SourcePosition keyAt = positionOf(parser.currentTokenLocation());
            YamlNode value = readNode(parser, parser.nextToken(), depth + 1, expansion);
            if ("<<".equals(key) && isMergeable(value)) {
                merges.add(value);
                continue;
            }
            if (entries.containsKey(key)) {
                throw fileError(expansion.sourceName, Optional.of(keyAt), "duplicate key '" + key
                        + "' (first at line " + keyPositions.get(key).line() + ")");
            }
            entries.put(key, value);
            keyPositions.put(key, keyAt);
        }
        // YAML merge keys: keys written in the mapping itself win over merged ones
        for (YamlNode merge : merges) {
            List<YamlNode> sources = merge instanceof YamlNode.Sequence s ? s.items() : List.of(merge);
            for (YamlNode source : sources) {
                YamlNode.Mapping m = (YamlNode.Mapping) source;
                m.entries().forEach((k, v) -> {
                    if (!entries.containsKey(k)) {
                        entries.put(k, v);
                        keyPositions.put(k, m.keyPosition(k));
                    }
                });
            }
        }
        return new YamlNode.Mapping(entries, keyPositions, at);
    }

    private static boolean isMergeable(YamlNode value) {
        if (value instanceof YamlNode.Mapping) {
            return true;
        }
        return value instanceof YamlNode.Sequence s && !s.items().isEmpty()
                && s.items().stream().allMatch(i -> i instanceof YamlNode.Mapping);
    }

    private YamlNode readSequence(JsonParser parser, SourcePosition at, int depth, Expansion expansion)
            throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(readNode(parser, token, depth + 1, expansion));
        }
        return new YamlNode.Sequence(items, at);
    }

    private static String anchorOf(JsonParser parser, JsonToken token) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return null;
        }
        return parser instanceof AnchorAwareYamlFactory.Parser anchored ? anchored.anchor() : null;
    }

    /** Anchors seen so far and what expanding their aliases has cost. */
    private static final class Expansion {
        private final String sourceName;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private int collectionAliases;
        private long expandedNodes;
        private long expandedText;

        Expansion(String sourceName) {
            this.sourceName = sourceName;
        }

        YamlNode expand(String anchor, SourcePosition at) {
            YamlNode target = anchors.get(anchor);
            if (target == null) {
                throw fileError(sourceName, Optional.of(at), "unknown YAML alias '*" + anchor + "'");
            }
            if (!(target instanceof YamlNode.Scalar)) {
                collectionAliases++;
            }
            expandedNodes += target.weight();
            if (collectionAliases > MAX_COLLECTION_ALIASES || expandedNodes > MAX_ALIAS_EXPANSION) {
                throw fileError(sourceName, Optional.of(at), "too many YAML aliases (at most "
                        + MAX_COLLECTION_ALIASES + " aliases and " + MAX_ALIAS_EXPANSION + " expanded values)");
            }
            expandedText += target.textLength();
            if (expandedText > MAX_ALIAS_TEXT) {
                throw fileError(sourceName, Optional.of(at), "YAML aliases expand to more than "
                        + MAX_ALIAS_TEXT / (1024 * 1024) + " MiB of text (at most twice what a spec file may hold)");
            }
            return target.copyAt(at);
        }
    }

    private static String decode(String sourceName, byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                throw fileError(sourceName, Optional.of(positionAtByte(content, i)),
                        "binary content (NUL byte at offset " + i + "); a spec file is UTF-8 text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw fileError(sourceName, Optional.of(positionAtByte(content, offset)),
                    "not valid UTF-8 text (malformed byte at offset " + offset + ")");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static SourcePosition positionAtByte(byte[] content, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, offset - lineStart + 1);
    }

    private static SourcePosition positionOf(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return START;
        }
        return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private static Optional<SourcePosition> locationOf(StreamReadException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? Optional.empty() : Optional.of(positionOf(location));
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unreadable YAML";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    static InvalidSpecException fileError(String sourceName, Optional<SourcePosition> at, String message) {
        return new InvalidSpecException(new SpecIssue(SpecIssue.Severity.ERROR, sourceName, at, "", message));
    }
}
