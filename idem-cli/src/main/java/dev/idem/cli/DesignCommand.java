package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.in.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem design --system-context ... --failure-scenarios ...}: the flagship architect. */
@Command(name = "design", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS,
        customSynopsis = {"idem design --system-context=TEXT|@FILE --failure-scenarios=TEXT|@FILE",
                "                   [OPTIONS]"},
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem design --system-context \"REST APIs behind a gateway, Kafka consumers\" \\",
                "              --failure-scenarios \"gateway timeouts, consumer rebalances\"",
                "  idem design --system-context @context.md --failure-scenarios @failures.md \\",
                "              --provider ollama --model llama3.1"},
        description = {"Design an idempotency and retry strategy (the bundled flagship spec).",
        "Offline by default (the built-in, rule-based architect); --provider for an LLM."})
final class DesignCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Option(names = "--system-context", required = true, paramLabel = "TEXT|@FILE",
            description = "The systems, protocols and brokers involved (@FILE reads a file, @- standard input).")
    String systemContext;

    @Option(names = "--failure-scenarios", required = true, paramLabel = "TEXT|@FILE",
            description = "Edge cases, partitions and retry behaviours to handle (@FILE, @- as above).")
    String failureScenarios;

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

    DesignCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        String context = factory.environment().valueOrFile("--system-context", systemContext);
        String failures = factory.environment().valueOrFile("--failure-scenarios", failureScenarios);
        try (Idem idem = factory.open(provider, cache, store)) {
            RunResult result = idem.architect().designWithDetails(context, failures);
            RunOutput.print(result, format, raw, factory.console());
        }
        return ExitCode.OK;
    }
}
