package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.api.IdemBuilder;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.RetryPolicy;
import dev.idem.port.in.Vocabulary;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Turns options, the CLI's environment and the optional config file {@code .idem/config.properties} into a
 * configured {@link Idem}, which does the wiring (idem-api is the composition root) and reads from the environment it
 * is handed what the Java API reads ({@code IDEM_PROVIDER}, {@code IDEM_MODEL}, {@code IDEM_MAX_RESPONSE_BYTES} and
 * the providers' settings). Resolution order for provider and model: option, then the environment, then the config
 * file ({@code provider=}, {@code model=}), then Idem's default; the store is resolved here (option,
 * {@code IDEM_STORE}, {@code store=}, SQLite under {@code .idem/}), since a relative SQLite path resolves against the
 * directory idem runs in.
 */
final class IdemFactory {

    static final String DEFAULT_STORE = "sqlite:.idem/store.db";

    private final CliEnvironment environment;
    private final Interrupts interrupts;
    private final Console console;

    /** @param console where commands print, and how much (--quiet, --verbose) */
    IdemFactory(CliEnvironment environment, Interrupts interrupts, Console console) {
        this.environment = environment;
        this.interrupts = interrupts;
        this.console = console;
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
        Properties config = config();
        IdemBuilder b = builder().store(storeUri(store, config)).defaults(configDefaults(config));
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
        return builder().store(storeUri(store, config())).build();
    }

    /** An Idem that needs neither provider nor store (validate, render, providers). */
    Idem openOffline() {
        return builder().build();
    }

    /** A builder that reads this CLI's environment (never the process's: tests hand in their own) in its words. */
    private IdemBuilder builder() {
        return Idem.builder().environment(environment.env()).vocabulary(Vocabulary.commandLine());
    }

    /** The config file's choices, under the names the environment gives them, so that the environment wins. */
    private static Map<String, String> configDefaults(Properties config) {
        Map<String, String> defaults = new HashMap<>();
        putIfSet(defaults, IdemBuilder.PROVIDER, config.getProperty("provider"));
        putIfSet(defaults, IdemBuilder.MODEL, config.getProperty("model"));
        return defaults;
    }

    private static void putIfSet(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, value.trim());
        }
    }

    private String storeUri(StoreOptions store, Properties config) {
        String uri = first(store.store, environment.get(IdemBuilder.STORE), config.getProperty("store"), DEFAULT_STORE);
        if (uri.startsWith("sqlite:") && !uri.startsWith("sqlite:/")) {
            // relative SQLite paths resolve against the working directory the user ran idem in
            uri = "sqlite:" + environment.resolve(uri.substring("sqlite:".length())).toAbsolutePath();
        }
        console.trace().println("idem: store " + EndpointUrl.redactIn(uri));
        return uri;
    }

    private Properties config() {
        Properties p = new Properties();
        Path file = environment.resolve(".idem/config.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
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
