package dev.idem.domain.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortableRegexTest {

    private static boolean finds(String pattern, String text) {
        return RegexTemplate.compile(pattern, Map.of()).matcher(text).find();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "V_{eff}                       | V_\\{eff}",
        "{\"error\": \"unsafe\"}       | \\{\"error\": \"unsafe\"}",
        "(?s)^{.*}$                    | (?s)^\\{.*}$",
        "a{,3}                         | a\\{,3}",
        "x{ 2}                         | x\\{ 2}",
        "\\frac{a}{b}                  | \\frac\\{a}\\{b}"})
    void should_escape_a_brace_that_starts_no_quantifier(String written, String java) {
        // when / then
        assertThat(PortableRegex.toJava(written)).isEqualTo(java);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a{2}", "a{2,}", "a{2,5}", "\\d{3}-\\d{2,4}", "[{}]+", "\\p{L}+", "\\P{Lu}",
        "\\x{1F600}", "\\N{LATIN SMALL LETTER A}", "\\Q{x}\\E", "\\{already\\}", "{{topic}}", "{{ expected }}"})
    void should_leave_quantifiers_escapes_classes_quoted_blocks_and_placeholders_alone(String written) {
        // when / then
        assertThat(PortableRegex.toJava(written)).isEqualTo(written);
    }

    @Test
    void should_find_what_python_javascript_and_go_find_with_a_literal_brace() {
        // given patterns from three families of the corpus, each rejected by Java as written
        assertThatThrownBy(() -> Pattern.compile("(?i)V_{eff}")).isInstanceOf(PatternSyntaxException.class);

        // when / then
        assertThat(finds("(?i)V_{eff}", "the potential v_{EFF} is")).isTrue();
        assertThat(finds("{\"error\": \"unsafe\"}", "{\"error\": \"unsafe\"}")).isTrue();
        assertThat(finds("(?s)^\\{.*\\}$", "{\n}")).isTrue();
        assertThat(finds("\\d{3}-{x}", "123-{x}")).isTrue();
        assertThat(finds("\\d{3}-{x}", "12-{x}")).isFalse();
    }

    @Test
    void should_read_python_named_groups_and_back_references() {
        // when
        String java = PortableRegex.toJava("(?P<word>\\w+) (?P=word)");

        // then
        assertThat(java).isEqualTo("(?<word>\\w+) \\k<word>");
        assertThat(finds("(?P<word>\\w+) (?P=word)", "say hello hello")).isTrue();
        assertThat(finds("(?P<word>\\w+) (?P=word)", "say hello world")).isFalse();
    }

    @Test
    void should_rename_a_python_group_name_java_does_not_allow_everywhere_it_appears() {
        // given a name with '_', which Java refuses, and a name Java already has taken
        String written = "(?P<first_name>\\w+) (?P<firstname>x)? (?P=first_name)";

        // when
        String java = PortableRegex.toJava(written);

        // then
        assertThat(java).isEqualTo("(?<firstname2>\\w+) (?<firstname>x)? \\k<firstname2>");
        assertThat(finds(written, "ann  ann")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\$|\\\\[", "(unclosed", "\\l", "a)b", "(?P<1x>a)", "{2}", "x|{2,}", "({1}a)",
        "(?i){2}", "^{3}", "\\b{2}"})
    void should_still_reject_patterns_no_engine_accepts(String written) {
        // (Java alone reads a quantifier with nothing before it as repeating the empty string, matching anything)
        // when / then
        assertThatThrownBy(() -> RegexTemplate.compile(written, Map.of()))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void should_fill_placeholders_after_the_translation_with_values_as_literal_text() {
        // when
        Pattern pattern = RegexTemplate.compile("{\"id\": \"{{id}}\"}", Map.of("id", "a{b}.*"));

        // then
        assertThat(pattern.matcher("{\"id\": \"a{b}.*\"}").find()).isTrue();
        assertThat(pattern.matcher("{\"id\": \"a{b}xx\"}").find()).isFalse();
    }
}
