package dev.idem.architecture.bad.port.out;

import dev.idem.architecture.bad.domain.CleanValue;

/** Obeys every rule: named by role, speaks domain and JDK types. */
public interface CleanGateway {

    CleanValue fetch(String name);
}
