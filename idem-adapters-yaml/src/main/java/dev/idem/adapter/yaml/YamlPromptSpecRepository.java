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
 *
 * <p>A file with a top-level {@code spec: <path>} is an evaluation suite of that spec (the path is relative
 * to the suite's directory): it inherits the spec and overrides its name, description, model, parameters,
 * test rows and evaluators. Every file of a reference chain gets the same protections; a cycle or a chain of
 * more than {@value #MAX_SPEC_REFERENCES} references is refused.
 */
public final class YamlPromptSpecRepository implements PromptSpecRepository {

    /** How many {@code spec:} references a chain may follow: a suite of a suite of a suite of a spec. */
    static final int MAX_SPEC_REFERENCES = 3;
    static final String SPEC_KEY = "spec";

    private final YamlTreeReader reader = new YamlTreeReader();

    @Override
    public LoadedSpec load(Path file) {
        return load(file, List.of());
    }

    @Override
    public LoadedSpec parse(String sourceName, byte[] content) {
        YamlNode.Mapping root = reader.read(sourceName, content);
        if (root.has(SPEC_KEY)) {
            throw referenceError(sourceName, root, "a suite's 'spec' reference is resolved against the suite's "
                    + "file; load the suite from a file instead of from bytes");
        }
        return assemble(sourceName, root, Optional.empty());
    }

    /** @param chain the absolute paths of the suites that led here, outermost first */
    private LoadedSpec load(Path file, List<Path> chain) {
        String sourceName = file.toString();
        byte[] content = readBounded(file, sourceName);
        YamlNode.Mapping root = reader.read(sourceName, content);
        if (!root.has(SPEC_KEY)) {
            return assemble(sourceName, root, Optional.empty());
        }
        LoadedSpec base = loadReferenced(file, sourceName, root, chain);
        LoadedSpec suite = assemble(sourceName, root, Optional.of(base.spec()));
        List<SpecIssue> warnings = new ArrayList<>(base.warnings());
        warnings.addAll(suite.warnings());
        // the suite's rows are its own or the base's, checked again as the suite's
        return new LoadedSpec(suite.spec(), warnings, suite.rowErrors());
    }

    private LoadedSpec loadReferenced(Path file, String sourceName, YamlNode.Mapping root, List<Path> chain) {
        YamlNode reference = root.entries().get(SPEC_KEY);
        if (!(reference instanceof YamlNode.Scalar s) || s.type() != YamlNode.Scalar.Type.STRING
                || s.text().isBlank()) {
            throw referenceError(sourceName, root, "expected the path of the spec this suite evaluates (relative "
                    + "to this file), got " + reference.describe());
        }
        Path self = file.toAbsolutePath().normalize();
        Path directory = file.getParent() == null ? Path.of("") : file.getParent();
        Path target = directory.resolve(s.text()).normalize();
        Path absoluteTarget = target.toAbsolutePath().normalize();
        List<Path> followed = new ArrayList<>(chain);
        followed.add(self);
        if (followed.contains(absoluteTarget)) {
            List<String> cycle = new ArrayList<>();
            followed.subList(followed.indexOf(absoluteTarget), followed.size())
                    .forEach(p -> cycle.add(String.valueOf(p.getFileName())));
            cycle.add(String.valueOf(absoluteTarget.getFileName()));
            throw referenceError(sourceName, root, "reference cycle: " + String.join(" -> ", cycle));
        }
        if (followed.size() > MAX_SPEC_REFERENCES) {
            throw referenceError(sourceName, root, "spec references nested too deeply (a chain may follow at most "
                    + MAX_SPEC_REFERENCES + " references)");
        }
        if (!Files.exists(target)) {
            throw referenceError(sourceName, root, "the referenced spec does not exist: " + target
                    + " (resolved from '" + s.text() + "' relative to this file)");
        }
        if (!Files.isRegularFile(target)) {
            throw referenceError(sourceName, root, "the referenced spec is not a regular file (a directory, FIFO, "
                    + "device or socket): " + target);
        }
        return load(target, followed);
    }

    private LoadedSpec assemble(String sourceName, YamlNode.Mapping root, Optional<PromptSpec> base) {
        SpecAssembler assembler = new SpecAssembler(sourceName, defaultName(sourceName), root, base);
        PromptSpec spec = assembler.assemble();
        List<SpecIssue> issues = new ArrayList<>(assembler.issues());
        if (issues.stream().anyMatch(YamlPromptSpecRepository::failsTheSpec)) {
            // the spec lacks what those errors are about, so of the domain's rules only the unknown keys are told:
            // a key read as unknown may be why the file is rejected
            issues.addAll(SpecValidator.unknownKeys(spec));
            throw new InvalidSpecException(issues);
        }
        issues.addAll(domainIssues(spec, issues));
        if (issues.stream().anyMatch(YamlPromptSpecRepository::failsTheSpec)) {
            throw new InvalidSpecException(issues);
        }
        return new LoadedSpec(spec, issues.stream().filter(i -> !i.isError()).toList(),
                issues.stream().filter(SpecIssue::isError).toList());
    }

    private static boolean failsTheSpec(SpecIssue issue) {
        return issue.isError() && !issue.isRowError();
    }

    /**
     * The domain's own rules (placeholders, required values, duplicates), after the YAML made sense; a row the
     * reader already found an error in is not told again that it lacks a value (that error says why).
     */
    private static List<SpecIssue> domainIssues(PromptSpec spec, List<SpecIssue> read) {
        Set<Integer> rowsInError = new HashSet<>();
        read.stream().filter(SpecIssue::isRowError).forEach(i -> rowsInError.add(i.testCase().orElseThrow()));
        return SpecValidator.validate(spec).stream()
                .filter(i -> !i.isRowError() || !rowsInError.contains(i.testCase().orElseThrow()))
                .toList();
    }

    private static InvalidSpecException referenceError(String sourceName, YamlNode.Mapping root, String message) {
        return new InvalidSpecException(new SpecIssue(SpecIssue.Severity.ERROR, sourceName,
                Optional.of(root.entries().get(SPEC_KEY).position()), SPEC_KEY, message));
    }

    private static byte[] readBounded(Path file, String sourceName) {
        try {
            if (Files.isDirectory(file)) {
                throw YamlTreeReader.fileError(sourceName, Optional.empty(), "cannot read file: it is a directory");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // opening a FIFO blocks until a writer comes, and a device may never end: neither is a spec file
                throw YamlTreeReader.fileError(sourceName, Optional.empty(),
                        "cannot read file: not a regular file (a FIFO, device or socket)");
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
}
