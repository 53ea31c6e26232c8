package dev.idem.cli;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import dev.idem.api.Idem;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * The one place the command line is set up: commands, exit codes, and the one-line error format
 * {@code idem: error: <what failed> (<what to do>)}, with a stack trace only under {@code --stacktrace}.
 */
final class Cli {

    private Cli() {
    }

    static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        return run(args, environment, out, err, Interrupts.none());
    }

    static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err,
                   Interrupts interrupts) {
        CommonOptions common = new CommonOptions();
        IdemFactory factory = new IdemFactory(environment, interrupts, common, out, err);
        Console console = factory.console();
        CommandLine cl = new CommandLine(new IdemCommand(common), new CommandFactory(factory));
        // first: the settings below apply to the commands there are when they are made
        Subcommands.register(cl, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Diagnostics quote what users, specs and servers supplied: they reach the terminal escaped, always.
        PrintWriter diagnostics = console.err();
        cl.setParameterExceptionHandler((ex, a) -> {
            diagnostics.println("idem: error: " + UsageLine.of(ex));
            diagnostics.flush();
            return ExitCode.USAGE;
        });
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        UnaryOperator<String> keyHint = provider -> keyHint(factory, provider);
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, diagnostics, stacktrace, keyHint));
        cl.setExecutionStrategy(parsed -> {
            if (common.quiet && common.verbose) {
                throw new CommandLine.ParameterException(last(parsed).commandSpec().commandLine(),
                        "--quiet and --verbose exclude each other");
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        int code;
        try {
            code = cl.execute(args);
            if (code == ExitCode.OK || code == ExitCode.EVALUATIONS_FAILED) {
                // after a failure, its one line is all there is to read
                factory.reportNewStores();
            }
        } catch (Throwable e) {
            // picocli hands only Exceptions to the handler above; an Error (out of memory, stack overflow)
            // thrown by a command goes straight through it, and would reach the user as a JVM stack trace.
            out.flush();
            code = report(e, diagnostics, stacktrace, keyHint);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }

    /**
     * Prints one line for an exception or error that escaped a thread other than the command's (the JVM would
     * print its whole stack trace), e.g. an {@code OutOfMemoryError} in an HTTP client's thread.
     */
    static void reportUncaught(Thread thread, Throwable e, PrintWriter err, boolean stacktrace) {
        PrintWriter diagnostics = TerminalText.escaping(err);
        diagnostics.println("idem: error: " + oneLine("in thread '" + thread.getName() + "': " + describe(e)));
        if (stacktrace) {
            e.printStackTrace(diagnostics);
        }
        diagnostics.flush();
    }

    /**
     * Prints one line for a failure and returns its exit code: the code of its {@link FailureCategory} for one of
     * idem's own failures ({@link IdemFailure}), whatever its type; an internal error for anything else.
     *
     * @param keyHint the setting that holds a provider's credentials, by provider id
     */
    static int report(Throwable ex, PrintWriter err, boolean stacktrace, UnaryOperator<String> keyHint) {
        FailureCategory category = ex instanceof IdemFailure f ? f.category() : FailureCategory.INTERNAL;
        String line = ex instanceof IdemFailure ? ErrorLine.of(ex, keyHint) : describe(ex);
        // Adapters show URLs without credentials; this catches any message that quotes one some other way.
        err.println("idem: error: " + oneLine(EndpointUrl.redactIn(line)));
        if (stacktrace) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.of(category);
    }

    private static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: " + e.getMessage() + " (give the JVM more heap, e.g. IDEM_JAVA_OPTS=-Xmx2g, "
                    + "or run fewer cases at once with -j)";
        }
        return "internal error: " + e + " (rerun with --stacktrace and report it)";
    }

    /**
     * Where a provider's credentials are set, for a refusal of them: its secret settings (an API key), or, for a
     * provider that has none (a local server), the proxy in front of the URL it is set up with.
     */
    static String keyHint(IdemFactory factory, String provider) {
        try (Idem idem = factory.openOffline()) {
            return idem.providerLister().list(new ListProvidersCommand()).stream()
                    .filter(p -> p.id().equals(provider)).findFirst()
                    .map(p -> !p.secretSettings().isEmpty() ? String.join(" or ", p.secretSettings())
                            : p.settings().isEmpty() ? "the credentials of " + provider
                            : "the proxy in front of " + p.settings().get(0).name())
                    .orElse("the credentials of " + provider);
        } catch (RuntimeException e) {
            // the failure being reported matters more than the hint (the configuration may be what is broken)
            return "the credentials of " + provider;
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Commands get the factory through their constructor: no statics, no globals. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final IdemFactory factory;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        CommandFactory(IdemFactory factory) {
            this.factory = factory;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(IdemFactory.class).newInstance(factory);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }
}
