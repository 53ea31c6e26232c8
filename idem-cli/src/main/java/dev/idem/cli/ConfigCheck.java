package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.api.IdemBuilder;
import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import dev.idem.port.in.ListProvidersUseCase.ProviderStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What deserves a warning in a project's config file: a key idem does not know (a misspelt one would otherwise be
 * ignored without a word), with the one most likely meant, and a secret in a file other users can read.
 */
final class ConfigCheck {

    /** Keys of idem's own, besides the settings the providers declare. */
    private static final List<String> OWN_KEYS = List.of(ProjectConfig.PROVIDER, ProjectConfig.MODEL,
            ProjectConfig.STORE, IdemBuilder.MAX_RESPONSE_BYTES);

    private final ProjectConfig config;
    private final Supplier<Idem> bare;

    /** @param bare an Idem without settings, to learn which settings the providers declare */
    ConfigCheck(ProjectConfig config, Supplier<Idem> bare) {
        this.config = config;
        this.bare = bare;
    }

    List<String> warnings() {
        if (config.file().isEmpty() || config.values().isEmpty()) {
            return List.of();
        }
        Path file = config.file().get();
        List<ProviderStatus> providers;
        try (Idem idem = bare.get()) {
            providers = idem.providerLister().list(new ListProvidersCommand());
        }
        Set<String> known = new LinkedHashSet<>(OWN_KEYS);
        Set<String> secrets = new LinkedHashSet<>();
        for (ProviderStatus p : providers) {
            p.settings().forEach(s -> known.add(s.name()));
            secrets.addAll(p.secretSettings());
        }
        List<String> warnings = new ArrayList<>();
        for (String key : config.values().keySet()) {
            if (!known.contains(key)) {
                warnings.add(file + ": unknown key '" + key + "', ignored (" + DidYouMean.closest(key, known)
                        .map(k -> "did you mean '" + k + "'?").orElse("idem knows " + String.join(", ", OWN_KEYS)
                                + " and the settings 'idem providers' lists") + ")");
            }
        }
        List<String> held = secrets.stream().filter(s -> config.get(s).isPresent()).toList();
        if (!held.isEmpty() && readableByOthers(file)) {
            warnings.add(file + " holds " + String.join(", ", held) + " and other users can read it (chmod 600 "
                    + file + ", and keep it out of version control)");
        }
        return warnings;
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
