package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.api.IdemBuilder;
import dev.idem.domain.execution.RetryPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Turns options, environment variables and the optional config file {@code .idem/config.properties} into a
 * configured {@link Idem}, which does the wiring (idem-api is the composition root) and takes from the environment
 * exactly the settings its providers declare. The only place that reads the environment.
 * Resolution order for provider, model and store: option, then {@code IDEM_PROVIDER} / {@code IDEM_MODEL} /
 * {@code IDEM_STORE}, then the config file ({@code provider=}, {@code model=}, {@code store=}), then the default.
 */
final class IdemFactory {

    static final String DEFAULT_STORE = "sqlite:.idem/store.db";
    /** The most bytes of one reply a provider may send (default 16 MiB). */
    static final String MAX_RESPONSE_BYTES = "IDEM_MAX_RESPONSE_BYTES";

    private final CliEnvironment environment;
    private final Interrupts interrupts;

    IdemFactory(CliEnvironment environment, Interrupts interrupts) {
        this.environment = environment;
        this.interrupts = interrupts;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** SIGINT and SIGTERM of this process. */
    Interrupts interrupts() {
        return interrupts;
    }

    /** An Idem for commands that call models. */
    Idem open(ProviderOptions provider, StoreOptions store) {
        Properties config = config();
        IdemBuilder b = Idem.builder().store(storeUri(store, config));
        // without a choice, Idem's default provider (the built-in architect) answers
        String providerId = first(provider.provider, environment.get("IDEM_PROVIDER"), config.getProperty("provider"),
                null);
        if (providerId != null) {
            b.provider(providerId);
        }
        String model = first(provider.model, environment.get("IDEM_MODEL"), config.getProperty("model"), null);
        if (model != null) {
            b.model(model);
        }
        b.settingsFrom(environment.env());
        if (provider.timeout != null) {
            b.requestTimeout(Durations.parse("--timeout", provider.timeout, Durations.MAX_TIMEOUT));
        }
        String maxResponse = environment.get(MAX_RESPONSE_BYTES);
        if (maxResponse != null) {
            b.maxResponseBytes(ByteSizes.parse(MAX_RESPONSE_BYTES, maxResponse));
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
        if (store.noCache) {
            b.cache(false);
        }
        if (store.cacheTtl != null) {
            b.cacheTtl(Durations.parse("--cache-ttl", store.cacheTtl, Durations.MAX_CACHE_TTL));
        }
        if (store.failureTtl != null) {
            b.failureTtl(store.failureTtl.trim().equals("0") ? java.time.Duration.ZERO
                    : Durations.parse("--failure-ttl", store.failureTtl, Durations.MAX_CACHE_TTL));
        }
        Idem idem = b.build();
        // A signal that ends the process at once must not leave this run's claims for others to wait out.
        interrupts.beforeExit(idem::releaseHeldClaims);
        return idem;
    }

    /** An Idem for commands that only read specs or the store. */
    Idem openForStore(StoreOptions store) {
        return Idem.builder().store(storeUri(store, config())).build();
    }

    /** An Idem that needs neither provider nor store (validate, render, providers). */
    Idem openOffline() {
        return Idem.builder().settingsFrom(environment.env()).build();
    }

    private String storeUri(StoreOptions store, Properties config) {
        String uri = first(store.store, environment.get("IDEM_STORE"), config.getProperty("store"), DEFAULT_STORE);
        if (uri.startsWith("sqlite:") && !uri.startsWith("sqlite:/")) {
            // relative SQLite paths resolve against the working directory the user ran idem in
            return "sqlite:" + environment.resolve(uri.substring("sqlite:".length())).toAbsolutePath();
        }
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
