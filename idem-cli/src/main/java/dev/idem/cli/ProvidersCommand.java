package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.application.ModelGateways;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.out.ModelGatewayProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem providers}: each provider, whether it is configured, and what is missing. */
@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the model providers and whether each is configured.")
final class ProvidersCommand implements Callable<Integer> {

    private final IdemFactory factory;

    @Spec
    CommandSpec spec;

    ProvidersCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        PrintWriter out = Console.of(spec, factory.environment()).out();
        Idem idem = factory.openOffline();
        ModelGateways gateways = idem.gateways();
        for (ModelGatewayProvider p : gateways.providers()) {
            List<String> missing = p.missing(gateways.settings());
            out.printf("%-13s %-14s %s%n", p.id(), missing.isEmpty() ? "configured" : "not configured",
                    p.description());
            for (ModelGatewayProvider.Setting s : p.settings()) {
                boolean set = gateways.settings().get(s.name()).isPresent();
                // a URL setting may carry a password or a key of its own (user:pass@, ?key=): shown without it
                String value = !set ? (s.defaultValue().isEmpty() ? "" : "default " + s.defaultValue())
                        : s.secret() ? "set (hidden)" : EndpointUrl.redactIn(gateways.settings().get(s.name())
                                .orElse(""));
                out.printf("    %-26s %-9s %s%n", s.name(), s.required() ? (set ? "ok" : "MISSING") : "optional",
                        value);
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
