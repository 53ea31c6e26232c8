package dev.idem.architecture.bad.cli;

import dev.idem.architecture.bad.port.in.DoStuffUseCase;
import dev.idem.architecture.bad.port.in.DoStuffUseCase.DoStuffCommand;

/** Obeys the thin-CLI rule: parse, one command, one use case, print. */
public final class CleanCommand {

    private final DoStuffUseCase useCase;

    public CleanCommand(DoStuffUseCase useCase) {
        this.useCase = useCase;
    }

    public String run(String what) {
        return String.valueOf(useCase.doStuff(new DoStuffCommand(what)));
    }
}
