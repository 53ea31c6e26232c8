package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.api.IdemBuilder;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.RetryPolicy;
import dev.idem.port.in.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns options, the CLI's environment and the project's config file ({@link ProjectConfig}) into a configured
 * {@link Idem}, which does the wiring (idem-api is the composition root) and reads from the environment it is handed
 * what the Java API reads ({@code IDEM_PROVIDER}, {@code IDEM_MODEL}, {@code IDEM_MAX_RESPONSE_BYTES} and the
 * providers' settings). Options win over the environment, and the environment over the config file, whose values go
 * in as the builder's defaults ({@code provider=} and {@code model=} as {@code IDEM_PROVIDER} and {@code IDEM_MODEL},
 * a provider setting such as {@code OLLAMA_BASE_URL} by its name). The store is resolved here (option,
 * {@code IDEM_STORE}, {@code store=}, the project's {@code .idem/store.db}), since a relative SQLite path resolves
 * against the directory it was given in.
 */
final class IdemFactory {

    private final CliEnvironment environment;
    private final Interrupts interrupts;
    private final CommonOptions common;
    private final Console console;
    private final List<Path> newStores = new ArrayList<>();
    private ProjectConfig project;

    /**
     * @param common the options every command takes (--quiet, --verbose, --config), read once a command runs
     * @param out    standard output
     * @param err    standard error
     */
    IdemFactory(CliEnvironment environment, Interrupts interrupts, CommonOptions common, PrintWriter out,
                PrintWriter err) {
        this.environment = environment;
        this.interrupts = interrupts;
        this.common = common;
        this.console = new Console(out, err, environment.stdoutTerminal(), common);
    }

    /** Where commands print, and how much (--quiet, --verbose). */
    Console console() {
        return console;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** SIGINT and SIGTERM of this process. */
    Interrupts interrupts() {
        return interrupts;
    }

    /** An Idem for commands that call models. */
    Idem open(ProviderOptions provider, CacheOptions cache, StoreOptions store) {
        ProjectConfig config = config();
        IdemBuilder b = builder(config).store(storeUri(store, config));
        // without a choice, Idem's default provider (the built-in architect) answers
        String providerId = first(provider.provider);
        if (providerId != null) {
            b.provider(providerId);
        }
        String model = first(provider.model);
        if (model != null) {
            b.model(model);
        }
        if (provider.timeout != null) {
            b.requestTimeout(Durations.parse("--timeout", provider.timeout, Durations.MAX_TIMEOUT));
        }
        RetryPolicy policy = RetryPolicy.defaults();
        if (provider.maxAttempts != null) {
            if (provider.maxAttempts < 1 || provider.maxAttempts > ProviderOptions.MAX_ATTEMPTS) {
                throw new UsageException("--max-attempts must be within 1.." + ProviderOptions.MAX_ATTEMPTS);
            }
            policy = policy.withMaxAttempts(provider.maxAttempts);
        }
        if (provider.retryDeadline != null) {
            policy = policy.withDeadline(Durations.parse("--retry-deadline", provider.retryDeadline,
                    Durations.MAX_RETRY_DEADLINE));
        }
        b.retryPolicy(policy);
        if (console.verbose()) {
            b.requestLog(attempt -> console.trace().println(RequestLine.of(attempt)));
        }
        if (cache.noCache) {
            b.cache(false);
        }
        if (cache.cacheTtl != null) {
            b.cacheTtl(Durations.parse("--cache-ttl", cache.cacheTtl, Durations.MAX_CACHE_TTL));
        }
        if (cache.failureTtl != null) {
            b.failureTtl(cache.failureTtl.trim().equals("0") ? java.time.Duration.ZERO
                    : Durations.parse("--failure-ttl", cache.failureTtl, Durations.MAX_CACHE_TTL));
        }
        Idem idem = b.build();
        // A signal that ends the process at once must not leave this run's claims for others to wait out.
        interrupts.beforeExit(idem::releaseHeldClaims);
        return idem;
    }

    /** An Idem for commands that only read specs or the store. */
    Idem openForStore(StoreOptions store) {
        ProjectConfig config = config();
        return builder(config).store(storeUri(store, config)).build();
    }

    /** An Idem that needs neither provider nor store (validate, render, providers). */
    Idem openOffline() {
        return builder(config()).build();
    }

    /**
     * A builder that reads this CLI's environment (never the process's: tests hand in their own), in the command
     * line's words, with the config file's values as defaults.
     */
    private IdemBuilder builder(ProjectConfig config) {
        return Idem.builder().environment(environment.env()).vocabulary(Vocabulary.commandLine())
                .defaults(configDefaults(config));
    }

    /**
     * The config file's values under the names the environment gives them, so that the environment wins: a provider
     * setting by its own name, {@code provider=} and {@code model=} as {@code IDEM_PROVIDER} and {@code IDEM_MODEL}.
     * The store is not among them: a relative {@code store=} is the project's, which only this class knows.
     */
    private static Map<String, String> configDefaults(ProjectConfig config) {
        Map<String, String> defaults = new HashMap<>(config.values());
        defaults.remove(ProjectConfig.STORE);
        defaults.remove(ProjectConfig.PROVIDER);
        defaults.remove(ProjectConfig.MODEL);
        config.get(ProjectConfig.PROVIDER).ifPresent(v -> defaults.put(IdemBuilder.PROVIDER, v));
        config.get(ProjectConfig.MODEL).ifPresent(v -> defaults.put(IdemBuilder.MODEL, v));
        return defaults;
    }

    /**
     * Says where each SQLite store this run created is, once the command has done its work (a store that already
     * existed, or that the command never opened, is not mentioned), so that a new store does not appear unnoticed.
     */
    void reportNewStores() {
        for (Path store : newStores) {
            if (Files.exists(store)) {
                console.notes().println("idem: created the store " + store + (store.equals(config().defaultStore())
                        ? projectNote(config()) : ""));
            }
        }
        console.notes().flush();
    }

    private static String projectNote(ProjectConfig config) {
        if (config.file().isPresent()) {
            return " (the project's: idem uses it in " + config.project() + " and below)";
        }
        return config.storeAbove().map(above -> " (" + above + " is another; an empty "
                + above.resolveSibling(ProjectConfig.FILE) + " makes idem use that one here too)").orElse("");
    }

    /**
     * The store's URI. A relative SQLite path resolves against the directory it was given in: the working directory
     * for an option or {@code IDEM_STORE}, the project for the config file; the default is the project's store.
     */
    private String storeUri(StoreOptions store, ProjectConfig config) {
        String given = first(store.store, environment.get(IdemBuilder.STORE));
        String uri = given != null ? sqliteAgainst(environment.workingDir(), given)
                : config.get(ProjectConfig.STORE).map(s -> sqliteAgainst(config.project(), s))
                .orElse("sqlite:" + config.defaultStore());
        console.trace().println("idem: store " + EndpointUrl.redactIn(uri));
        if (uri.startsWith("sqlite:") && !Files.exists(Path.of(uri.substring("sqlite:".length())))) {
            newStores.add(Path.of(uri.substring("sqlite:".length())));
        }
        return uri;
    }

    private static String sqliteAgainst(Path dir, String uri) {
        if (uri.startsWith("sqlite:") && !uri.startsWith("sqlite:/")) {
            return "sqlite:" + dir.resolve(uri.substring("sqlite:".length())).toAbsolutePath().normalize();
        }
        return uri;
    }

    /** The project's config, found and checked once per run; its warnings go out then. */
    private ProjectConfig config() {
        if (project == null) {
            project = ProjectConfig.find(environment, common.config);
            project.file().ifPresent(f -> console.trace().println("idem: config " + f));
            new ConfigCheck(project, this::openBare).warnings()
                    .forEach(w -> console.notes().println("idem: warning: " + w));
        }
        return project;
    }

    /** An Idem with no settings at all: to learn which settings providers declare. */
    private Idem openBare() {
        return Idem.builder().ignoreEnvironment().build();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
