package dev.idem.cli;

import dev.idem.domain.template.Message;
import dev.idem.port.in.RenderPromptUseCase.RenderPromptCommand;
import dev.idem.port.in.RenderPromptUseCase.RenderResult;
import dev.idem.port.in.SpecInput;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem render SPEC [--var k=v] [--case N] [--format text|json]}: the messages a spec would send. */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
        description = "Show the messages a spec sends, filled with --var values or a test row's.",
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem render prompts/idempotency-architect.prompt.yml --case 1",
                "  idem render my.prompt.yml --var input=hello --var notes=@notes.txt \\",
                "              --format json"})
final class RenderCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Parameters(paramLabel = "SPEC", description = "Spec file.")
    String specFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A value; NAME=@FILE reads a file, NAME=@- standard input.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--case", paramLabel = "N", description = "Use test row N (1-based); --var overrides its values.")
    Integer testCase;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    RenderCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        Map<String, String> values = Vars.parse(vars, factory.environment());
        RenderResult result = factory.openOffline().renderer().render(new RenderPromptCommand(
                SpecInput.file(factory.environment().resolve(specFile)), values, Optional.ofNullable(testCase)));
        Console console = factory.console();
        PrintWriter out = console.out();
        PrintWriter err = console.notes();
        for (String notice : result.prompt().notices()) {
            err.println("idem: note: " + Cli.oneLine(notice));
        }
        if (format == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("spec", result.spec().name());
            doc.put("case", testCase);
            List<Object> messages = new ArrayList<>();
            for (Message m : result.prompt().messages()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("role", m.role().wireName());
                mm.put("content", m.content());
                messages.add(mm);
            }
            doc.put("messages", messages);
            doc.put("notices", result.prompt().notices());
            out.println(Json.write(doc));
        } else {
            boolean first = true;
            for (Message m : result.prompt().messages()) {
                if (!first) {
                    out.println();
                }
                first = false;
                out.println("--- " + m.role().wireName() + " ---");
                out.print(m.content());
                if (!m.content().endsWith("\n")) {
                    out.println();
                }
            }
        }
        out.flush();
        err.flush();
        return ExitCode.OK;
    }
}
