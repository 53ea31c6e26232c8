package dev.idem.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command; its commands are added by {@link Subcommands}. */
@Command(name = "idem", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs LLM prompt specs (.prompt.yml) and evaluates them offline; every model call is "
                + "idempotent: fingerprinted, claimed in a store, retried with backoff, never paid for twice."},
        footer = {"", "'idem help COMMAND' (or 'idem COMMAND --help') shows a command's options and examples.",
                "", "Exit codes: 0 ok; 1 evaluations failed; 2 usage or invalid spec/input;",
                "3 provider or store unavailable, misconfigured or unauthorised; 4 internal error."})
final class IdemCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** @param common where the options every command takes are kept, for the commands to read */
    IdemCommand(CommonOptions common) {
        this.common = common;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
