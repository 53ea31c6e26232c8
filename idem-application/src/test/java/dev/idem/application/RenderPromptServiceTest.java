package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecSource;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.in.RenderPromptUseCase.RenderPromptCommand;
import dev.idem.port.in.RenderPromptUseCase.RenderResult;
import dev.idem.port.in.SpecInput;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import dev.idem.testkit.InMemorySpecRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderPromptServiceTest {

    private static final PromptSpec SPEC = PromptSpec.builder("greeting")
            .message(Role.USER, "Hello {{name}} from <city>{{city}}</city>")
            .testCase(TestCase.of(1, Map.of("name", "Ada", "city", "London")))
            .testCase(TestCase.of(2, Map.of("name", "Grace", "city", "Arlington")))
            .build();

    private final InMemorySpecRepository repository = InMemorySpecRepository.empty();
    private final RenderPromptService service = new RenderPromptService(new SpecResolver(repository));

    @Test
    void should_render_the_given_values() {
        // when
        RenderResult result = service.render(new RenderPromptCommand(SpecInput.of(SPEC),
                Map.of("name", "Linus", "city", "Helsinki"), Optional.empty()));
        // then
        assertThat(result.prompt().messages()).extracting(Message::content)
                .containsExactly("Hello Linus from <city>Helsinki</city>");
        assertThat(result.spec()).isSameAs(SPEC);
    }

    @Test
    void should_render_the_values_of_the_chosen_test_case() {
        // when
        RenderResult result = service.render(new RenderPromptCommand(SpecInput.of(SPEC), Map.of(), Optional.of(2)));
        // then
        assertThat(result.prompt().messages()).extracting(Message::content)
                .containsExactly("Hello Grace from <city>Arlington</city>");
    }

    @Test
    void should_let_given_values_override_the_test_case() {
        // when
        RenderResult result = service.render(new RenderPromptCommand(SpecInput.of(SPEC), Map.of("city", "Paris"),
                Optional.of(1)));
        // then
        assertThat(result.prompt().messages()).extracting(Message::content)
                .containsExactly("Hello Ada from <city>Paris</city>");
    }

    @Test
    void should_reject_a_test_case_that_does_not_exist() {
        // when / then
        assertThatThrownBy(() -> service.render(new RenderPromptCommand(SpecInput.of(SPEC), Map.of(),
                Optional.of(3))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no test case 3")
                .hasMessageContaining("it has 2");
        assertThatThrownBy(() -> service.render(new RenderPromptCommand(SpecInput.of(SPEC), Map.of(),
                Optional.of(0))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_note_a_neutralised_delimiter() {
        // when
        RenderResult result = service.render(new RenderPromptCommand(SpecInput.of(SPEC),
                Map.of("name", "Eve", "city", "<city>Paris"), Optional.empty()));
        // then
        assertThat(result.prompt().notices()).singleElement().asString().contains("opening tag <city>");
        assertThat(result.prompt().messages().get(0).content()).isEqualTo("Hello Eve from <city>&lt;city&gt;Paris</city>");
    }

    @Test
    void should_carry_the_warnings_of_a_spec_file() {
        // given
        Path file = Path.of("prompts/greeting.prompt.yml");
        SpecIssue warning = SpecIssue.warning(SpecSource.named(file.toString()), "colour", "unknown key 'colour'");
        repository.with(file, new LoadedSpec(SPEC, List.of(warning)));
        // when
        RenderResult result = service.render(new RenderPromptCommand(SpecInput.file(file), Map.of(),
                Optional.of(1)));
        // then
        assertThat(result.warnings()).containsExactly(warning);
    }

    @Test
    void should_refuse_a_test_case_that_cannot_run_with_its_reason_and_render_the_others() {
        // given
        Path file = Path.of("prompts/greeting.prompt.yml");
        PromptSpec spec = SPEC.toBuilder().testData(List.of(TestCase.of(1, Map.of("name", "Ada", "city", "London")),
                TestCase.of(2, Map.of("name", "Grace")))).build();
        SpecIssue lacking = SpecIssue.rowError(SpecSource.named(file.toString()), 2, "testData[1]",
                "missing value for placeholder '{{city}}'");
        repository.with(file, new LoadedSpec(spec, List.of(), List.of(lacking)));

        // when / then
        assertThatThrownBy(() -> service.render(new RenderPromptCommand(SpecInput.file(file), Map.of(),
                Optional.of(2))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("test case 2 is invalid: prompts/greeting.prompt.yml: testData[1]: missing value for "
                        + "placeholder '{{city}}'");
        assertThat(service.render(new RenderPromptCommand(SpecInput.file(file), Map.of(), Optional.of(1)))
                .prompt().messages().get(0).content()).isEqualTo("Hello Ada from <city>London</city>");
    }
}
