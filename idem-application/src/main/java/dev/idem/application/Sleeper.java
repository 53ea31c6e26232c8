package dev.idem.application;

import java.time.Duration;

/** Waits; tests pass one that moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps. */
    static Sleeper system() {
        return d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            }
        };
    }
}
