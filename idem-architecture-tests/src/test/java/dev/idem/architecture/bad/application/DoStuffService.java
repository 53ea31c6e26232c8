package dev.idem.architecture.bad.application;

import dev.idem.architecture.bad.domain.CleanValue;
import dev.idem.architecture.bad.port.in.DoStuffUseCase;

/** Obeys every rule: the use case's public final service. */
public final class DoStuffService implements DoStuffUseCase {

    @Override
    public CleanValue doStuff(DoStuffCommand command) {
        return new CleanValue(command.what());
    }
}
