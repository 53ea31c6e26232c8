package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.FailureCategory;
import dev.idem.port.in.DuplicateProviderException;
import dev.idem.port.in.UnknownProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    /** A provider of the simplest kind: a name for each of its ids. */
    private record Named(List<String> ids) {
    }

    private static final class Other {
    }

    @Test
    void should_find_a_provider_by_each_of_the_ids_it_declares() {
        // given one provider with two ids and one with one
        Named redis = new Named(List.of("redis", "rediss"));
        Named sqlite = new Named(List.of("sqlite"));

        // when
        Providers<Named> providers = Providers.of("store", List.of(redis, sqlite), Named::ids);

        // then
        assertThat(providers.get("rediss")).isSameAs(redis);
        assertThat(providers.get("redis")).isSameAs(redis);
        assertThat(providers.ids()).containsExactly("redis", "rediss", "sqlite");
        assertThat(providers.all()).containsExactly(redis, sqlite);
    }

    @Test
    void should_list_the_ids_there_are_when_the_id_is_unknown() {
        // given
        Providers<Named> providers = Providers.of("report format",
                List.of(new Named(List.of("json")), new Named(List.of("md"))), Named::ids);

        // when / then
        assertThatThrownBy(() -> providers.get("pdf"))
                .isInstanceOfSatisfying(UnknownProviderException.class,
                        e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
                .hasMessage("unknown report format 'pdf' (available: json, md)");
        assertThat(providers.find("pdf")).isEmpty();
    }

    @Test
    void should_refuse_two_providers_that_claim_one_id_naming_both_classes() {
        // given a second provider that also claims "redis"
        List<Object> clashing = List.of(new Named(List.of("redis", "rediss")), new Other());

        // when / then
        assertThatThrownBy(() -> Providers.of("store", clashing,
                p -> p instanceof Named n ? n.ids() : List.of("rediss")))
                .isInstanceOf(DuplicateProviderException.class)
                .hasMessageContaining("store id 'rediss'")
                .hasMessageContaining(Named.class.getName())
                .hasMessageContaining(Other.class.getName());
    }
}
