package dev.idem.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.OnionArchitecture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The architecture of idem as executable rules.
 *
 * <p>Every rule is a factory parameterised by the root package, so the rule that guards the real code
 * ({@code "dev.idem"}) is the very same code that {@code RulesCatchViolationsTest} proves able to fail on a
 * deliberately broken set of classes ({@code "dev.idem.architecture.bad"}).
 */
public final class IdemRules {

    /** The production root package. */
    public static final String ROOT = "dev.idem";

    /**
     * Adapter modules, one package {@code <root>.adapter.<name>} each. A new adapter module must be added
     * here: {@code ArchitectureTest} fails while an adapter package exists that this list does not name.
     */
    public static final List<String> ADAPTERS =
            List.of("yaml", "json", "builtin", "langchain4j", "openai", "ollama", "memory", "sqlite", "redis",
                    "report", "python");

    private IdemRules() {
    }

    /**
     * Onion: domain at the centre, then ports and application, then adapters that never see each other, but
     * for one documented exception: the openai and ollama adapters share the HTTP plumbing of the
     * langchain4j-based adapters ({@code langchain4j}). The composition root ({@code api}: {@code Idem} wires every
     * module) and the thin CLI over it are outer layers too, with exactly three documented exceptions.
     */
    public static ArchRule dependenciesPointInward(String root, Collection<String> adapters) {
        OnionArchitecture onion = onionArchitecture()
                .domainModels(root + ".domain..")
                .domainServices(root + ".domain..")
                .applicationServices(root + ".application..", root + ".port..");
        for (String adapter : adapters) {
            onion = onion.adapter(adapter, root + ".adapter." + adapter + "..");
        }
        return onion
                .adapter("api", root + ".api..")
                .adapter("cli", root + ".cli..")
                // idem-api, the composition root, builds two adapters itself: the YAML spec loader (a library
                // user hands it a .prompt.yml path and expects it parsed) and the JSON adapter behind the
                // evaluators (the rubric and the JSON Schema checks). Gateways, stores and report writers are
                // found at runtime through ServiceLoader, so api never names them.
                .ignoreDependency(resideInAPackage(root + ".api.."), resideInAPackage(root + ".adapter.yaml.."))
                .ignoreDependency(resideInAPackage(root + ".api.."), resideInAPackage(root + ".adapter.json.."))
                // the command line is a thin shell over the embedding entry point; never the other way round.
                .ignoreDependency(resideInAPackage(root + ".cli.."), resideInAPackage(root + ".api.."))
                // shared HTTP plumbing of the langchain4j-based adapters: the client that keeps the headers of a
                // failed reply and the Retry-After reader, written once for the two adapters that need them.
                // Only openai and ollama may use it; to every other adapter and layer it is an adapter like any.
                .ignoreDependency(resideInAPackage(root + ".adapter.openai.."),
                        resideInAPackage(root + ".adapter.langchain4j.."))
                .ignoreDependency(resideInAPackage(root + ".adapter.ollama.."),
                        resideInAPackage(root + ".adapter.langchain4j.."))
                .ensureAllClassesAreContainedInArchitecture()
                .because("dependencies point inward (STYLE.md rule 1): adapters meet only through ports (save "
                        + "openai and ollama on langchain4j, the HTTP plumbing they share), "
                        + "and a class outside the known layers is a package that landed without its rule");
    }

    public static ArchRule domainIsPure(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
                .because("the domain speaks only Java (STYLE.md rule 2): no framework, library or outer layer");
    }

    public static ArchRule langchain4jOnlyInAdapters(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.langchain4j..")
                .because("langchain4j types and exceptions are translated at the border and never cross a port "
                        + "(STYLE.md rule 5)");
    }

    public static ArchRule picocliOnlyInCli(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command line is one adapter among others; nothing else may know it exists");
    }

    public static ArchRule onlyCliTouchesStandardStreams(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("stdout carries results and stderr one-line diagnostics, both owned by the CLI; a "
                        + "library that prints corrupts its embedder's output");
    }

    /**
     * The environment is read where idem is put together: the composition root ({@code api}, whose builder reads what
     * the CLI reads, for embedders) and the CLI (which hands its own environment in); everything below gets values.
     */
    public static ArchRule onlyCompositionRootReadsEnvironment(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".api..", root + ".cli..")
                .should(callMethod(System.class, "getenv", String.class))
                .orShould(callMethod(System.class, "getenv"))
                .because("settings come in as values (STYLE.md rule 5): only the composition root and the CLI read "
                        + "environment variables, so adapters and services stay testable and embedders can turn the "
                        + "environment off");
    }

    /**
     * The command line talks to idem only through its use cases ({@code port.in}) and the embedding API that hands
     * them out: it never reaches an out-port (a store, a gateway, a report writer) or an application service, so
     * every flow is "parse, one command, one use case, print".
     */
    public static ArchRule cliTalksOnlyToUseCases(String root) {
        return noClasses().that().resideInAPackage(root + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".port.out..", root + ".application..")
                .because("the CLI stays thin (STYLE.md rule 7): parse -> one Command -> one use case -> print; what "
                        + "it needs of a store, a provider or a report is a use case of port.in");
    }

    /**
     * What an embedder sees of {@code api} (the public members of its public classes) names no {@code application}
     * type: the services, the executor and the provider loader are how idem is wired, not what it offers.
     */
    public static ArchRule apiExposesNoApplicationTypes(String root) {
        return codeUnits().that().areDeclaredInClassesThat().resideInAPackage(root + ".api..")
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .should(new ArchCondition<JavaCodeUnit>("name no type of " + root + ".application") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        List<JavaClass> named = new ArrayList<>(unit.getRawParameterTypes());
                        named.add(unit.getRawReturnType());
                        named.addAll(unit.getExceptionTypes());
                        for (JavaClass type : named) {
                            if (type.getPackageName().startsWith(root + ".application")) {
                                events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names "
                                        + type.getName()));
                            }
                        }
                    }
                })
                .because("the Java API offers use cases and its own builders; how they are wired may change without "
                        + "breaking an embedder (issue 12)");
    }

    public static ArchRule topLevelPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a cycle between layers means dependencies no longer point inward");
    }

    /**
     * The domain's subpackages are layered without cycles: {@code template} (placeholders, delimiters, messages)
     * at the bottom, {@code spec} (the parsed spec and its evaluator settings) on it, {@code evaluation} (the
     * evaluators) on both; {@code execution} uses {@code spec} and {@code template}.
     */
    public static ArchRule domainSubpackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".domain.(*)..").namingSlices("domain $1")
                .should().beFreeOfCycles()
                .because("a cycle between domain subpackages makes them one package in disguise: template <- spec "
                        + "<- evaluation, with execution on spec and template");
    }

    public static ArchRule adaptersAreFreeOfCycles(String root) {
        return slices().matching(root + ".adapter.(*)..").namingSlices("adapter $1")
                .should().beFreeOfCycles()
                .because("adapters are independent modules; a cycle between them could not even be built");
    }

    public static ArchRule inPortsAreUseCases(String root) {
        return classes().that().resideInAPackage(root + ".port.in..")
                .and().areInterfaces().and().areNotAnnotations().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase")
                .because("an in-port is a use case named <Verb><Noun>UseCase; its Command and Result are records "
                        + "(STYLE.md, from buckpal)");
    }

    public static ArchRule useCasesAreImplementedByServices(String root) {
        return classes().that().areNotInterfaces()
                .and().implement(simpleNameEndingWith("UseCase").and(resideInAPackage(root + ".port.in..")))
                .should().haveSimpleNameEndingWith("Service")
                .andShould().resideInAPackage(root + ".application..")
                .andShould().bePublic()
                .andShould().haveModifier(JavaModifier.FINAL)
                .because("one use case, one service: public final <Verb><Noun>Service in the application package "
                        + "(STYLE.md rule 4)");
    }

    public static ArchRule outPortsAreNamedByRole(String root) {
        return classes().that().resideInAPackage(root + ".port.out..")
                .and().areInterfaces().and().areNotAnnotations().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Gateway")
                .orShould().haveSimpleNameEndingWith("Repository")
                .orShould().haveSimpleNameEndingWith("Store")
                .orShould().haveSimpleNameEndingWith("Provider")
                // a check done in-process by a library (JsonValidator) is not an external system: no Gateway
                .orShould().haveSimpleNameEndingWith("Validator")
                // DESIGN.md names the report port ReportWriter; it is kept rather than renamed.
                .orShould().haveSimpleNameEndingWith("Writer")
                .because("out-ports are named by role in our words, never after a provider's type "
                        + "(STYLE.md rule 3)");
    }

    public static ArchRule noGrabBagPackages(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage("..util..", "..utils..", "..common..")
                .because("a util or common package is a grab bag with no owner (STYLE.md rule 1)");
    }

    public static ArchRule portsSpeakDomainAndJdk(String root) {
        return classes().that().resideInAPackage(root + ".port..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", root + ".port..")
                .because("port signatures carry only domain and JDK types, so no adapter type or exception "
                        + "crosses a port (STYLE.md rules 3 and 5)");
    }

    /**
     * Every public exception of the core (domain, ports, application) and of the composition root says what kind of
     * failure it is, by implementing {@code <root>.domain.IdemFailure}: callers (the CLI's exit codes above all)
     * look the category up instead of listing types, so a new exception cannot fall through to "internal error".
     */
    public static ArchRule exceptionsCarryAFailureCategory(String root) {
        return classes().that().resideInAnyPackage(root + ".domain..", root + ".port..", root + ".application..",
                        root + ".api..")
                .and().areAssignableTo(RuntimeException.class).and().arePublic()
                .should().implement(root + ".domain.IdemFailure")
                .because("one error model (issue 9): an exception callers see carries its category (usage, "
                        + "unavailable, evaluation, internal), and the CLI maps categories, not types");
    }

    /** The adapter module names found in {@code classes}: the {@code <name>} of every {@code <root>.adapter.<name>}. */
    public static SortedSet<String> adapterModulesIn(JavaClasses classes, String root) {
        String prefix = root + ".adapter.";
        SortedSet<String> names = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            String pkg = javaClass.getPackageName();
            if (pkg.startsWith(prefix)) {
                String rest = pkg.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return names;
    }
}
