package dev.idem.cli;

import dev.idem.application.ProviderNotConfiguredException;
import dev.idem.application.UnknownProviderException;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.port.out.StoreUnavailableException;
import java.io.PrintWriter;
import java.util.Arrays;
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
        IdemFactory factory = new IdemFactory(environment, interrupts);
        CommandLine cl = new CommandLine(new IdemCommand(), new CommandFactory(factory));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Diagnostics quote what users, specs and servers supplied: they reach the terminal escaped, always.
        PrintWriter diagnostics = TerminalText.escaping(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String where = c.getCommandSpec().qualifiedName();
            diagnostics.println("idem: error: " + oneLine(ex.getMessage()) + " (see '" + where + " --help')");
            diagnostics.flush();
            return ExitCode.USAGE;
        });
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, diagnostics, stacktrace));
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable e) {
            // picocli hands only Exceptions to the handler above; an Error (out of memory, stack overflow)
            // thrown by a command goes straight through it, and would reach the user as a JVM stack trace.
            out.flush();
            code = report(e, diagnostics, stacktrace);
        }
        out.flush();
        err.flush();
        return code;
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

    /** Prints one line for a failure and returns its exit code. */
    static int report(Throwable ex, PrintWriter err, boolean stacktrace) {
        Throwable e = ex instanceof ExecutionFailedException f ? f.failure() : ex;
        int code;
        String line;
        if (e instanceof InvalidSpecException spec) {
            code = ExitCode.USAGE;
            int more = spec.issues().size() - 1;
            line = spec.getMessage() + (more > 0 ? " (and " + more + " more; run 'idem validate' for all)" : "");
        } else if (e instanceof InvalidInputException || e instanceof UsageException
                || e instanceof UnknownProviderException || e instanceof InvalidStoreUriException) {
            code = ExitCode.USAGE;
            line = e.getMessage();
        } else if (e instanceof ProviderNotConfiguredException p) {
            code = ExitCode.UNAVAILABLE;
            line = p.getMessage() + " (see 'idem providers')";
        } else if (e instanceof AuthenticationFailedException a) {
            code = ExitCode.UNAVAILABLE;
            line = a.provider() + " refused the credentials: " + a.getMessage() + " (check the API key, e.g. "
                    + keyHint(a.provider()) + ")";
        } else if (e instanceof ModelNotFoundException m) {
            code = ExitCode.UNAVAILABLE;
            line = m.getMessage();
        } else if (e instanceof RequestRejectedException r) {
            code = ExitCode.USAGE;
            line = r.provider() + " rejected the request: " + r.getMessage();
        } else if (e instanceof RateLimitedException || e instanceof ContentFilteredException
                || e instanceof ReplyTooLargeException) {
            code = ExitCode.UNAVAILABLE;
            line = ((ModelGatewayException) e).provider() + ": " + e.getMessage();
        } else if (e instanceof ModelGatewayException g) {
            code = ExitCode.UNAVAILABLE;
            line = g.provider() + " is unavailable: " + g.getMessage();
        } else if (e instanceof StoreUnavailableException) {
            code = ExitCode.UNAVAILABLE;
            line = e.getMessage();
        } else if (e instanceof java.io.UncheckedIOException io) {
            code = ExitCode.UNAVAILABLE;
            line = io.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            line = describe(e);
        }
        if (ex instanceof ExecutionFailedException f && f.attempts() > 1) {
            line = line + " (after " + f.attempts() + " attempts)";
        }
        // Adapters show URLs without credentials; this catches any message that quotes one some other way.
        err.println("idem: error: " + oneLine(EndpointUrl.redactIn(line)));
        if (stacktrace) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: " + e.getMessage() + " (give the JVM more heap, e.g. IDEM_JAVA_OPTS=-Xmx2g, "
                    + "or run fewer cases at once with -j)";
        }
        return "internal error: " + e + " (rerun with --stacktrace and report it)";
    }

    private static String keyHint(String provider) {
        return switch (provider) {
            case "azure-openai" -> "AZURE_OPENAI_API_KEY";
            case "ollama" -> "the proxy in front of OLLAMA_BASE_URL";
            default -> "OPENAI_API_KEY";
        };
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
