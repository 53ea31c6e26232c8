package dev.idem.cli;

import dev.idem.domain.spec.SpecIssue;
import dev.idem.port.in.ValidateSpecUseCase.FileIssues;
import dev.idem.port.in.ValidateSpecUseCase.ValidateSpecCommand;
import dev.idem.port.in.ValidateSpecUseCase.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem validate SPEC...}: exit 0 when every spec is valid, 2 otherwise; warnings never fail. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
        description = "Check spec files; list errors and warnings with file:line:column.",
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem validate prompts/*.prompt.yml",
                "  idem validate my.prompt.yml && idem eval my.prompt.yml"})
final class ValidateCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Parameters(paramLabel = "SPEC", arity = "1..*", description = "Spec files (.prompt.yml).")
    List<String> specs;

    @Spec
    CommandSpec spec;

    ValidateCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        List<Path> files = specs.stream().map(s -> factory.environment().resolve(s)).toList();
        ValidationResult result = factory.openOffline().validator().validate(new ValidateSpecCommand(files));
        Console console = factory.console();
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        for (int i = 0; i < result.files().size(); i++) {
            FileIssues f = result.files().get(i);
            String shown = specs.get(i);
            long errors = f.issues().stream().filter(SpecIssue::isError).count();
            long warnings = f.issues().size() - errors;
            for (SpecIssue issue : f.issues()) {
                (issue.isError() ? err : console.notes()).println(render(shown, issue));
            }
            out.println((errors == 0 ? "ok      " : "invalid ") + shown
                    + (f.specName().isEmpty() ? "" : " (" + f.specName() + ")")
                    + (errors + warnings == 0 ? "" : ": " + plural(errors, "error") + ", " + plural(warnings, "warning")));
        }
        out.flush();
        err.flush();
        return result.hasErrors() ? ExitCode.USAGE : ExitCode.OK;
    }

    private static String render(String shown, SpecIssue issue) {
        StringBuilder sb = new StringBuilder(shown);
        issue.position().ifPresent(p -> sb.append(':').append(p.line()).append(':').append(p.column()));
        sb.append(": ").append(issue.isError() ? "error" : "warning").append(": ");
        if (!issue.field().isEmpty()) {
            sb.append(issue.field()).append(": ");
        }
        return sb.append(Cli.oneLine(issue.message())).toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
