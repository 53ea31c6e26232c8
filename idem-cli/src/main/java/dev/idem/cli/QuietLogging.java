package dev.idem.cli;

/**
 * The configuration of {@code java.util.logging} in the CLI: none, so that the root logger has no handler and
 * whatever logs through it prints nothing. Netty (under Lettuce) logs there when SLF4J has no real binding; its
 * reconnection warnings would interleave with idem's own one-line diagnostics, which already say what went wrong.
 * Named by {@code java.util.logging.config.class} ({@link Main}), it takes effect when something first logs, so a run
 * that never logs (a design, a validation) never starts the logging framework.
 */
public final class QuietLogging {

    /** Called by the {@code LogManager} instead of reading {@code logging.properties}: configures nothing. */
    public QuietLogging() {
        // no handlers, no levels: the LogManager's defaults without the console handler the JDK's file would add
    }
}
