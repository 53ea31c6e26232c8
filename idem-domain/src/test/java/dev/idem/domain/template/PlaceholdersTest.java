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

    @Test
    void should_take_only_identifiers_as_names() {
        assertThat(Placeholders.names("{{ ... }} {{1st}} {{-x}} {{_private}} {{x.y-z}}"))
                .containsExactly("_private", "x.y-z");
    }

    @Test
    void should_read_the_go_template_form_as_the_placeholder_it_names_and_report_it() {
        // given
        String template = "Answer {{.input}} about {{ .topic }}.";

        // when / then
        assertThat(Placeholders.names(template)).containsExactly("input", "topic");
        assertThat(Placeholders.replace(template, (name, at) -> name.toUpperCase())).isEqualTo("Answer INPUT about TOPIC.");
        assertThat(Placeholders.lookalikes(template)).containsExactly(
                new Placeholders.Lookalike(Placeholders.Lookalike.Kind.GO_TEMPLATE, "{{.input}}"),
                new Placeholders.Lookalike(Placeholders.Lookalike.Kind.GO_TEMPLATE, "{{ .topic }}"));
    }

    @Test
    void should_leave_handlebars_logic_as_written_and_report_it() {
        // given
        String template = "{{#if module}}Module: {{module}}{{else}}none{{/if}} {{#each items}}{{this.title}}{{/each}}";

        // when / then
        assertThat(Placeholders.names(template)).containsExactly("module");
        assertThat(Placeholders.lookalikes(template)).extracting(Placeholders.Lookalike::text).containsExactly(
                "{{#if module}}", "{{else}}", "{{/if}}", "{{#each items}}", "{{this.title}}", "{{/each}}");
        assertThat(Placeholders.lookalikes(template)).extracting(Placeholders.Lookalike::kind)
                .containsOnly(Placeholders.Lookalike.Kind.TEMPLATE_LOGIC);
    }

    @Test
    void should_leave_a_github_actions_expression_as_written_and_report_it() {
        // given
        String template = "Title: ${{ pr_title }} by {{author}}";

        // when / then
        assertThat(Placeholders.names(template)).containsExactly("author");
        assertThat(Placeholders.replace(template, (name, at) -> "X")).isEqualTo("Title: ${{ pr_title }} by X");
        assertThat(Placeholders.lookalikes(template)).containsExactly(
                new Placeholders.Lookalike(Placeholders.Lookalike.Kind.ACTIONS_EXPRESSION, "${{ pr_title }}"));
    }
}
