package dev.idem.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code idem completion}: a bash (and zsh) completion script for every command and option, made by picocli. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS,
        description = {"Print a completion script for bash and zsh (commands, options, files).",
                "zsh needs bashcompinit first: autoload -U +X bashcompinit && bashcompinit"},
        footerHeading = HelpText.EXAMPLES, footer = {
                "  source <(idem completion)          # now, or in ~/.bashrc or ~/.zshrc",
                "  idem completion > ~/.local/share/bash-completion/completions/idem"})
final class CompletionCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Spec
    CommandSpec spec;

    CompletionCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        // a script for the shell to read: standard output as it is
        Console console = factory.console();
        console.data().print(AutoComplete.bash("idem", spec.root().commandLine()));
        console.data().flush();
        return ExitCode.OK;
    }
}
