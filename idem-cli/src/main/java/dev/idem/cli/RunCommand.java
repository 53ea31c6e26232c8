package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.in.RunPromptUseCase.RunPromptCommand;
import dev.idem.port.in.RunResult;
import dev.idem.port.in.SpecInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem run SPEC --var k=v ...}: one idempotent model call; the reply on stdout. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
        description = "Run a spec once and print the model's reply.",
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem run my.prompt.yml --var input=\"hello\" --provider openai \\",
                "           --model gpt-4o-mini",
                "  git diff | idem run review.prompt.yml --var diff=@-",
                "  idem run my.prompt.yml --var input=@notes.txt --format json"})
final class RunCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Parameters(paramLabel = "SPEC", description = "Spec file.")
    String specFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A value; NAME=@FILE reads a file, NAME=@- standard input.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Option(names = "--raw", description = "Print the reply exactly as the model wrote it, even on a terminal "
            + "(by default control characters are escaped there; into a pipe or a file it is always raw).")
    boolean raw;

    @ArgGroup(validate = false, heading = HelpText.PROVIDER, order = 1)
    ProviderOptions provider = new ProviderOptions();

    @ArgGroup(validate = false, heading = HelpText.CACHE, order = 2)
    CacheOptions cache = new CacheOptions();

    @ArgGroup(validate = false, heading = HelpText.STORE, order = 3)
    StoreOptions store = new StoreOptions();

    @Spec
    CommandSpec spec;

    RunCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        var values = Vars.parse(vars, factory.environment());
        try (Idem idem = factory.open(provider, cache, store)) {
            RunResult result = idem.runner().run(new RunPromptCommand(
                    SpecInput.file(factory.environment().resolve(specFile)), values, idem.choice(), idem.options()));
            RunOutput.print(result, format, raw, factory.console());
        }
        return ExitCode.OK;
    }
}
