package dev.idem.architecture.bad.port.in;

import dev.idem.architecture.bad.domain.CleanValue;

/** A well-named use case. */
public interface DoStuffUseCase {

    CleanValue doStuff(DoStuffCommand command);

    /** Records beside a use case are allowed. */
    record DoStuffCommand(String what) {
    }
}
