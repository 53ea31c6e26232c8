package dev.idem.adapter.yaml;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecValidator;
import dev.idem.port.out.PromptSpecRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code .prompt.yml} specs in every dialect idem reads (the seed's, GitHub Models' and the common
 * variants), with the line and column of every field, and refuses hostile files (oversized, binary, invalid
 * UTF-8, alias bombs) with one {@link InvalidSpecException} instead of a stack trace.
 */
public final class YamlPromptSpecRepository implements PromptSpecRepository {

    private final YamlTreeReader reader = new YamlTreeReader();

    @Override
    public LoadedSpec load(Path file) {
        String sourceName = file.toString();
        byte[] content = readBounded(file, sourceName);
        return parse(sourceName, content);
    }

    @Override
    public LoadedSpec parse(String sourceName, byte[] content) {
        YamlNode.Mapping root = reader.read(sourceName, content);
        SpecAssembler assembler = new SpecAssembler(sourceName, defaultName(sourceName), root);
        PromptSpec spec = assembler.assemble();
        if (spec == null) {
            throw new InvalidSpecException(assembler.errors());
        }
        List<SpecIssue> issues = validateDomainRules(spec);
        List<SpecIssue> errors = issues.stream().filter(SpecIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        List<SpecIssue> warnings = new ArrayList<>(issues);
        Set<String> warnedFields = new HashSet<>();
        warnings.forEach(w -> warnedFields.add(w.field()));
        for (String key : spec.unknownKeys()) {
            if (!warnedFields.contains(key)) {
                warnings.add(SpecIssue.warning(spec.source(), key, "unknown key '" + lastSegment(key)
                        + "' (kept, ignored)"));
            }
        }
        return new LoadedSpec(spec, warnings);
    }

    /** The domain's own rules (placeholders, required values, duplicates), after the YAML made sense. */
    private static List<SpecIssue> validateDomainRules(PromptSpec spec) {
        return SpecValidator.validate(spec);
    }

    private static byte[] readBounded(Path file, String sourceName) {
        try {
            if (Files.isDirectory(file)) {
                throw YamlTreeReader.fileError(sourceName, Optional.empty(), "cannot read file: it is a directory");
            }
            long size = Files.size(file);
            if (size > YamlTreeReader.MAX_BYTES) {
                throw YamlTreeReader.fileError(sourceName, Optional.empty(), YamlTreeReader.tooLarge(size));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // the file may grow between the size check and the read; never take more than the limit allows
                byte[] content = in.readNBytes(YamlTreeReader.MAX_BYTES + 1);
                if (content.length > YamlTreeReader.MAX_BYTES) {
                    throw YamlTreeReader.fileError(sourceName, Optional.empty(),
                            YamlTreeReader.tooLarge(content.length));
                }
                return content;
            }
        } catch (NoSuchFileException e) {
            throw YamlTreeReader.fileError(sourceName, Optional.empty(), "cannot read file: no such file");
        } catch (AccessDeniedException e) {
            throw YamlTreeReader.fileError(sourceName, Optional.empty(), "cannot read file: permission denied");
        } catch (IOException e) {
            throw YamlTreeReader.fileError(sourceName, Optional.empty(), "cannot read file: " + e.getMessage());
        }
    }

    /** A spec without a name is named after its file: {@code prompts/x.prompt.yml} becomes {@code x}. */
    private static String defaultName(String sourceName) {
        String file = sourceName.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        for (String suffix : List.of(".prompt.yml", ".prompt.yaml", ".yml", ".yaml")) {
            if (file.endsWith(suffix) && file.length() > suffix.length()) {
                return file.substring(0, file.length() - suffix.length());
            }
        }
        return file.isEmpty() ? sourceName : file;
    }

    private static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf(']'));
        return cut < 0 || cut == path.length() - 1 ? path : path.substring(cut + 1);
    }
}
