package dev.idem.architecture.bad.api;

import dev.idem.architecture.bad.application.DoStuffService;

/** Hands an application service to embedders, which the API must not do; keeping one inside is fine. */
public final class Leaky {

    private final DoStuffService kept = new DoStuffService();

    public DoStuffService service() {
        return kept;
    }

    DoStuffService internal() {
        return kept;
    }
}
