package dev.idem.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command. */
@Command(name = "idem", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs LLM prompt specs (.prompt.yml) and evaluates them offline; every model call is "
                + "idempotent: fingerprinted, claimed in a store, retried with backoff, never paid for twice."},
        subcommands = {ValidateCommand.class, RenderCommand.class, RunCommand.class, DesignCommand.class,
                EvalCommand.class, ProvidersCommand.class, StoreCommand.class, CompletionCommand.class,
                HelpCommand.class},
        footer = {"", "'idem help COMMAND' (or 'idem COMMAND --help') shows a command's options and examples.",
                "", "Exit codes: 0 ok; 1 evaluations failed; 2 usage or invalid spec/input;",
                "3 provider or store unavailable, misconfigured or unauthorised; 4 internal error."})
final class IdemCommand implements java.util.concurrent.Callable<Integer> {

    // Declared so that every subcommand accepts and documents the option; the field itself is never read: Main and
    // Cli take the flag from the raw arguments, because their handlers (an uncaught exception in any thread, an
    // Error that escapes a command) are set up before picocli has parsed anything.
    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean stacktrace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
