package dev.idem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules applied to every production class of every module.
 *
 * <p>Classes are imported by package, never with {@code DoNotIncludeJars}: once the modules are packaged
 * they reach this module as jars, and such an import would check nothing. The non-trivial-import test below
 * makes an empty or partial import fail instead of passing silently.
 */
@AnalyzeClasses(packages = IdemRules.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestkit.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule should_point_dependencies_inward =
            IdemRules.dependenciesPointInward(IdemRules.ROOT, IdemRules.ADAPTERS);

    @ArchTest
    static final ArchRule should_keep_the_domain_free_of_anything_but_java =
            IdemRules.domainIsPure(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_use_langchain4j_only_in_adapters =
            IdemRules.langchain4jOnlyInAdapters(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_use_picocli_only_in_the_cli =
            IdemRules.picocliOnlyInCli(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_touch_stdout_and_stderr_only_in_the_cli =
            IdemRules.onlyCliTouchesStandardStreams(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_read_environment_variables_only_in_the_composition_root_and_the_cli =
            IdemRules.onlyCompositionRootReadsEnvironment(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_let_the_cli_talk_only_to_use_cases =
            IdemRules.cliTalksOnlyToUseCases(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_expose_no_application_type_in_the_java_api =
            IdemRules.apiExposesNoApplicationTypes(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_have_no_cycles_between_top_level_packages =
            IdemRules.topLevelPackagesAreFreeOfCycles(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_have_no_cycles_between_domain_subpackages =
            IdemRules.domainSubpackagesAreFreeOfCycles(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_have_no_cycles_between_adapters =
            IdemRules.adaptersAreFreeOfCycles(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_name_in_ports_as_use_cases =
            IdemRules.inPortsAreUseCases(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_implement_each_use_case_by_a_public_final_service =
            IdemRules.useCasesAreImplementedByServices(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_name_out_ports_by_role =
            IdemRules.outPortsAreNamedByRole(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_have_no_util_or_common_package =
            IdemRules.noGrabBagPackages(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_carry_only_domain_and_jdk_types_in_port_signatures =
            IdemRules.portsSpeakDomainAndJdk(IdemRules.ROOT);

    @ArchTest
    static final ArchRule should_give_every_public_exception_a_failure_category =
            IdemRules.exceptionsCarryAFailureCategory(IdemRules.ROOT);

    @ArchTest
    static void should_import_every_module_so_that_the_rules_check_something(JavaClasses classes) {
        // given the production import
        // then it holds the core contracts, one package per known adapter, the composition root and the CLI
        assertThat(classes.contain("dev.idem.domain.spec.PromptSpec")).as("domain imported").isTrue();
        assertThat(classes.contain("dev.idem.port.out.ModelGateway")).as("ports imported").isTrue();
        assertThat(classes.contain("dev.idem.port.in.RunPromptUseCase")).as("use cases imported").isTrue();
        assertThat(classesIn(classes, IdemRules.ROOT + ".application")).as("application imported").isPositive();
        assertThat(classesIn(classes, IdemRules.ROOT + ".api")).as("api imported").isPositive();
        assertThat(classesIn(classes, IdemRules.ROOT + ".cli")).as("cli imported").isPositive();
        for (String adapter : IdemRules.ADAPTERS) {
            assertThat(classesIn(classes, IdemRules.ROOT + ".adapter." + adapter))
                    .as("classes of adapter '%s' imported", adapter).isPositive();
        }
        assertThat(classes.size()).as("classes imported").isGreaterThan(50);
    }

    @ArchTest
    static void should_name_every_adapter_package_in_the_rules(JavaClasses classes) {
        // given the adapter packages that really exist
        // then each one has its isolation rule, and no listed adapter has vanished
        assertThat(IdemRules.adapterModulesIn(classes, IdemRules.ROOT))
                .as("adapter packages found vs IdemRules.ADAPTERS")
                .containsExactlyInAnyOrderElementsOf(IdemRules.ADAPTERS);
    }

    private static long classesIn(JavaClasses classes, String packageName) {
        return classes.stream()
                .map(JavaClass::getPackageName)
                .filter(pkg -> pkg.equals(packageName) || pkg.startsWith(packageName + "."))
                .count();
    }
}
