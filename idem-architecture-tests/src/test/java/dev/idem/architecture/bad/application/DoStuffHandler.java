package dev.idem.architecture.bad.application;

import dev.idem.architecture.bad.domain.CleanValue;
import dev.idem.architecture.bad.port.in.DoStuffUseCase;

/** Breaks the service naming rule: not named *Service and not final. */
public class DoStuffHandler implements DoStuffUseCase {

    @Override
    public CleanValue doStuff(DoStuffCommand command) {
        return new CleanValue(command.what());
    }
}
