package dev.idem.architecture.bad.port.in;

/** Breaks the in-port naming rule: an interface in port.in that is not a use case. */
public interface StuffRunner {

    void run();
}
