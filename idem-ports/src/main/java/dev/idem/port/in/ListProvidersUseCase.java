package dev.idem.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists the model providers idem has, whether each is configured, and what each setting holds or lacks. */
public interface ListProvidersUseCase {

    /** Every provider, sorted by id. */
    List<ProviderStatus> list(ListProvidersCommand command);

    /** List every provider on the class path (and the embedder's own gateways); there is nothing more to choose. */
    record ListProvidersCommand() {
    }

    /**
     * One provider.
     *
     * @param id          its id, e.g. {@code openai}
     * @param description one line about it
     * @param configured  whether every setting it requires is there
     * @param settings    the settings it reads, in its order
     */
    record ProviderStatus(String id, String description, boolean configured, List<SettingStatus> settings) {
        public ProviderStatus {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
            settings = List.copyOf(settings);
        }

        /** The names of the settings that hold credentials (an API key). */
        public List<String> secretSettings() {
            return settings.stream().filter(SettingStatus::secret).map(SettingStatus::name).toList();
        }
    }

    /**
     * One setting of a provider. A secret's value never leaves the use case, and a URL is shown without the
     * credentials it may carry ({@code user:password@}, query values).
     *
     * @param name         its environment-variable name, e.g. {@code OPENAI_BASE_URL}
     * @param required     whether the provider cannot work without it
     * @param secret       whether its value is never shown
     * @param set          whether it has a value
     * @param shownValue   its value as it may be shown: empty when it is unset or secret
     * @param defaultValue what applies when it is unset; may be empty
     */
    record SettingStatus(String name, boolean required, boolean secret, boolean set, Optional<String> shownValue,
                         String defaultValue) {
        public SettingStatus {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shownValue, "shownValue");
            defaultValue = defaultValue == null ? "" : defaultValue;
            if (secret && shownValue.isPresent()) {
                throw new IllegalArgumentException("the value of secret setting " + name + " is never shown");
            }
        }
    }
}
