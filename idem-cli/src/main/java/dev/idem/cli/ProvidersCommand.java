package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import dev.idem.port.in.ListProvidersUseCase.ProviderStatus;
import dev.idem.port.in.ListProvidersUseCase.SettingStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem providers}: each provider, whether it is configured, and what is missing. */
@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
        description = "List the model providers and whether each is configured.",
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem providers",
                "  OLLAMA_BASE_URL=http://gpu-box:11434 idem providers"})
final class ProvidersCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Spec
    CommandSpec spec;

    ProvidersCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        PrintWriter out = factory.console().out();
        try (Idem idem = factory.openOffline()) {
            for (ProviderStatus p : idem.providerLister().list(new ListProvidersCommand())) {
                out.printf("%-13s %-14s %s%n", p.id(), p.configured() ? "configured" : "not configured",
                        p.description());
                for (SettingStatus s : p.settings()) {
                    out.printf("    %-26s %-9s %s%n", s.name(), s.required() ? (s.set() ? "ok" : "MISSING")
                            : "optional", shown(s));
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String shown(SettingStatus s) {
        if (!s.set()) {
            return s.defaultValue().isEmpty() ? "" : "default " + s.defaultValue();
        }
        return s.shownValue().orElse("set (hidden)");
    }
}
