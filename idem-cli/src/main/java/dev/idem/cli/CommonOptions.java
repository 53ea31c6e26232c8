package dev.idem.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after its name ({@code idem --verbose eval ...} or {@code idem eval ...
 * --verbose}): declared once on the root command and inherited by every subcommand, so that they mean the same
 * everywhere. Picocli sets them while it parses; they are read once a command runs.
 */
final class CommonOptions {

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors: no provenance lines, notes, warnings or progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Also print each model request (provider, endpoint, model, outcome, time; never a "
                    + "secret) and the store in use.")
    boolean verbose;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Settings file to read instead of the project's (the config.properties in .idem/ here or "
                    + "in the nearest parent directory that has one).")
    String config;

    // Main and Cli take the flag from the raw arguments, because their handlers (an uncaught exception in any thread,
    // an Error that escapes a command) are set up before picocli has parsed anything; declared so that every command
    // accepts and documents it.
    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean stacktrace;
}
