package dev.idem.testkit;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.port.out.PromptSpecRepository;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A spec repository over a map, so service tests need no YAML: a file either loads or is invalid. */
public final class InMemorySpecRepository implements PromptSpecRepository {

    private final Map<Path, LoadedSpec> specs = new HashMap<>();
    private final Map<Path, InvalidSpecException> invalid = new HashMap<>();

    public InMemorySpecRepository with(Path file, LoadedSpec spec) {
        specs.put(file, spec);
        return this;
    }

    public InMemorySpecRepository invalid(Path file, InvalidSpecException failure) {
        invalid.put(file, failure);
        return this;
    }

    @Override
    public LoadedSpec load(Path file) {
        InvalidSpecException failure = invalid.get(file);
        if (failure != null) {
            throw failure;
        }
        LoadedSpec spec = specs.get(file);
        if (spec == null) {
            throw new IllegalStateException("test repository has no spec at " + file);
        }
        return spec;
    }

    @Override
    public LoadedSpec parse(String sourceName, byte[] content) {
        throw new UnsupportedOperationException("service tests load specs by path only");
    }

    public static InMemorySpecRepository empty() {
        return new InMemorySpecRepository();
    }
}
