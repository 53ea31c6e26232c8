package dev.idem.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that each rule of {@link IdemRules} fails when broken, by running the very same rule factories
 * over the deliberately broken classes of {@code dev.idem.architecture.bad} (each one breaks some rules on
 * purpose, or obeys them when named Clean or Service). Each test also checks that the
 * failure names the offending class and spares the well-behaved ones, so a rule that flags everything
 * passes no better than one that flags nothing.
 */
class RulesCatchViolationsTest {

    private static final String BAD = "dev.idem.architecture.bad";

    private static JavaClasses badClasses;

    @BeforeAll
    static void importTheBrokenClasses() {
        badClasses = new ClassFileImporter().importPackages(BAD);
    }

    @Test
    void should_import_the_broken_classes() {
        // then the demonstration below runs on real classes, not on an empty import
        assertThat(badClasses.contain(BAD + ".domain.LeakyRetryPolicy")).isTrue();
        assertThat(badClasses.contain(BAD + ".cli.Main")).isTrue();
    }

    @Test
    void should_reject_a_domain_class_that_depends_on_a_framework() {
        // given
        ArchRule rule = IdemRules.domainIsPure(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageContaining("picocli.CommandLine")
                .hasMessageContaining("dev.langchain4j.model.chat.ChatModel")
                .hasMessageNotContaining("CleanValue");
    }

    @Test
    void should_reject_standard_stream_access_outside_the_cli() {
        // given
        ArchRule rule = IdemRules.onlyCliTouchesStandardStreams(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageContaining("System.out")
                .hasMessageNotContaining("cli.Main");
    }

    @Test
    void should_reject_picocli_outside_the_cli() {
        // given
        ArchRule rule = IdemRules.picocliOnlyInCli(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageNotContaining("cli.Main");
    }

    @Test
    void should_reject_langchain4j_outside_the_adapters() {
        // given
        ArchRule rule = IdemRules.langchain4jOnlyInAdapters(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageContaining("LlmClient")
                .hasMessageNotContaining("OpenAiGateway");
    }

    @Test
    void should_reject_reading_environment_variables_outside_the_composition_root_and_the_cli() {
        // given
        ArchRule rule = IdemRules.onlyCompositionRootReadsEnvironment(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageContaining("System.getenv")
                .hasMessageNotContaining("cli.Main")
                .hasMessageNotContaining("api.Embedded");
    }

    @Test
    void should_reject_a_public_api_member_that_names_an_application_type() {
        // given
        ArchRule rule = IdemRules.apiExposesNoApplicationTypes(BAD);

        // when
        List<String> violations = rule.evaluate(badClasses).getFailureReport().getDetails();

        // then the public method is reported, the package-private one and the field are not
        assertThat(violations).hasSize(1).first().asString().contains("Leaky.service()")
                .contains("DoStuffService");
    }

    @Test
    void should_reject_an_in_port_interface_not_named_use_case() {
        // given
        ArchRule rule = IdemRules.inPortsAreUseCases(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StuffRunner")
                .hasMessageNotContaining("DoStuffUseCase");
    }

    @Test
    void should_reject_a_use_case_implementation_that_is_not_a_final_service() {
        // given
        ArchRule rule = IdemRules.useCasesAreImplementedByServices(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DoStuffHandler")
                .hasMessageNotContaining("DoStuffService");
    }

    @Test
    void should_reject_an_out_port_not_named_by_role() {
        // given
        ArchRule rule = IdemRules.outPortsAreNamedByRole(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LlmClient")
                .hasMessageNotContaining("CleanGateway");
    }

    @Test
    void should_reject_a_public_exception_without_a_failure_category() {
        // given
        ArchRule rule = IdemRules.exceptionsCarryAFailureCategory(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UncategorisedFailure")
                .hasMessageNotContaining("CleanFailure");
    }

    @Test
    void should_reject_a_util_package() {
        // given
        ArchRule rule = IdemRules.noGrabBagPackages(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("util.Strings")
                .hasMessageNotContaining("CleanValue");
    }

    @Test
    void should_reject_a_provider_type_in_a_port_signature() {
        // given
        ArchRule rule = IdemRules.portsSpeakDomainAndJdk(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LlmClient")
                .hasMessageNotContaining("CleanGateway")
                .hasMessageNotContaining("DoStuffUseCase");
    }

    @Test
    void should_reject_a_cli_class_that_reaches_an_out_port_or_a_service() {
        // given
        ArchRule rule = IdemRules.cliTalksOnlyToUseCases(BAD);

        // when
        List<String> violations = rule.evaluate(badClasses).getFailureReport().getDetails();

        // then the shortcut to the out-port and to the service is reported, the use case and the api are not
        assertThat(violations)
                .anyMatch(v -> isFrom(v, BAD + ".cli.ShortcutCommand") && v.contains("CleanGateway"))
                .anyMatch(v -> isFrom(v, BAD + ".cli.ShortcutCommand") && v.contains("DoStuffService"))
                .noneMatch(v -> v.contains("CleanCommand"))
                .noneMatch(v -> v.contains("Embedded"));
        assertThatThrownBy(() -> rule.check(badClasses)).isInstanceOf(AssertionError.class);
    }

    @Test
    void should_reject_a_cycle_between_layers() {
        // given
        ArchRule rule = IdemRules.topLevelPackagesAreFreeOfCycles(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRetryPolicy")
                .hasMessageContaining("DoStuffHandler");
    }

    @Test
    void should_reject_a_cycle_between_domain_subpackages() {
        // given
        ArchRule rule = IdemRules.domainSubpackagesAreFreeOfCycles(BAD);

        // when / then the spec <-> evaluation cycle is reported, the spec -> template dependency is not
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LoopingSpec")
                .hasMessageContaining("LoopingJudge")
                .hasMessageNotContaining("domain template");
    }

    @Test
    void should_reject_a_cycle_between_adapters() {
        // given
        ArchRule rule = IdemRules.adaptersAreFreeOfCycles(BAD);

        // when / then
        assertThatThrownBy(() -> rule.check(badClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("YamlLoader")
                .hasMessageContaining("OpenAiGateway");
    }

    @Test
    void should_reject_adapters_that_depend_on_each_other_but_allow_the_composition_root_exceptions() {
        // given the onion over three adapters plus api and cli
        ArchRule rule = IdemRules.dependenciesPointInward(BAD, List.of("yaml", "json", "openai"));

        // when
        List<String> violations = rule.evaluate(badClasses).getFailureReport().getDetails();

        // then adapter-to-adapter, api-to-openai, cli-to-yaml and domain-to-application are reported ...
        assertThat(violations)
                .anyMatch(v -> v.contains("OpenAiGateway") && v.contains("YamlLoader"))
                .anyMatch(v -> v.contains("Embedded") && v.contains("OpenAiGateway"))
                .anyMatch(v -> v.contains("cli.Main") && v.contains("YamlLoader"))
                .anyMatch(v -> v.contains("LeakyRetryPolicy") && v.contains("DoStuffHandler"))
                .anyMatch(v -> v.contains("util.Strings"));
        // ... while api -> yaml, api -> json and cli -> api are the documented exceptions
        assertThat(violations)
                .noneMatch(v -> isFrom(v, BAD + ".api.Embedded") && !v.contains("OpenAiGateway"))
                .noneMatch(v -> isFrom(v, BAD + ".cli.Main") && v.contains("Embedded"));
        assertThatThrownBy(() -> rule.check(badClasses)).isInstanceOf(AssertionError.class);
    }

    @Test
    void should_reject_an_adapter_other_than_openai_and_ollama_that_uses_the_shared_http_plumbing() {
        // given the onion over yaml, openai and the shared http plumbing
        ArchRule rule = IdemRules.dependenciesPointInward(BAD, List.of("yaml", "openai", "langchain4j"));

        // when
        List<String> violations = rule.evaluate(badClasses).getFailureReport().getDetails();

        // then yaml -> langchain4j is reported, while openai -> langchain4j is the documented exception
        assertThat(violations)
                .anyMatch(v -> isFrom(v, BAD + ".adapter.yaml.HeaderSniffer") && v.contains("KeptHeaders"))
                .noneMatch(v -> isFrom(v, BAD + ".adapter.openai.RetryAwareTransport"));
    }

    /** ArchUnit starts each dependency violation with the origin: {@code Field <a.B.f> has type <c.D> ...}. */
    private static boolean isFrom(String violation, String className) {
        int start = violation.indexOf('<');
        return start >= 0 && violation.startsWith(className, start + 1);
    }
}
