package dev.idem.domain.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void should_list_names_in_order_of_first_appearance_without_duplicates() {
        // given
        String template = "{{b}} then {{a}} then {{b}} again";

        // when / then
        assertThat(Placeholders.names(template)).containsExactly("b", "a");
    }

    @Test
    void should_accept_spaces_inside_the_braces() {
        assertThat(Placeholders.names("{{ system_context }} and {{failure_scenarios}} and {{  x  }}"))
                .containsExactly("system_context", "failure_scenarios", "x");
    }

    @Test
    void should_accept_letters_digits_underscore_dash_and_dot_in_names() {
        assertThat(Placeholders.names("{{a_1}} {{b-2}} {{c.d}}")).containsExactly("a_1", "b-2", "c.d");
    }

    @Test
    void should_ignore_text_that_is_not_a_placeholder() {
        assertThat(Placeholders.names("{single} {{}} {{ two words }} {{a b}} \\{\\{x\\}\\} {{x!}}")).isEmpty();
    }

    @Test
    void should_return_no_names_for_null_or_empty_text() {
        assertThat(Placeholders.names(null)).isEmpty();
        assertThat(Placeholders.names("")).isEmpty();
    }
}
