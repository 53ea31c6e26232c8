package dev.idem.architecture.bad.cli;

import dev.idem.architecture.bad.application.DoStuffService;
import dev.idem.architecture.bad.port.out.CleanGateway;

/** Breaks the thin-CLI rule: it builds a service itself and reaches an out-port around the use case. */
public final class ShortcutCommand {

    private final CleanGateway gateway;

    public ShortcutCommand(CleanGateway gateway) {
        this.gateway = gateway;
    }

    public String run() {
        return new DoStuffService().doStuff(null) + " " + gateway.fetch("x");
    }
}
