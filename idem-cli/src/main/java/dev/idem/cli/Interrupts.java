package dev.idem.cli;

import dev.idem.port.in.Cancellation;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * SIGINT (Ctrl-C) and SIGTERM (CI cancelling a job), turned into a clean stop with exit code 130 or 143.
 *
 * <p>A command that can stop in good order ({@code eval}) runs {@link #cooperatively}: the first signal cancels
 * its {@link Cancellation}, and the command prints what finished, writes its reports, gives its claims back and
 * returns the signal's exit code. Any other command, or a second signal, gives back the claims of every open
 * {@code Idem} (so other runs need not wait out their leases) and exits at once.
 *
 * <p>Why {@code sun.misc.Signal}: a shutdown hook runs for SIGINT and SIGTERM alike, cannot tell them apart, and
 * cannot keep the process alive to finish its reports. {@code sun.misc.Signal} lives in {@code jdk.unsupported},
 * which JEP 260 keeps exported on purpose until a supported replacement exists; on Java 17 it works on every
 * platform idem runs on. It is reached by reflection only so that javac does not warn about it on every build.
 * Where it is missing (another JVM, {@code -Xrs}), the JVM's own handling stays and a shutdown hook still gives
 * the claims back.
 */
final class Interrupts {

    private final PrintWriter err;
    private final IntConsumer exit;
    private final Cancellation cancellation = new Cancellation();
    private final List<Runnable> beforeExit = new CopyOnWriteArrayList<>();
    private final AtomicReference<Received> received = new AtomicReference<>();
    private volatile boolean cooperative;

    Interrupts(PrintWriter err, IntConsumer exit) {
        this.err = err;
        this.exit = exit;
    }

    /** For in-process runs: signals are the caller's business, and nothing here ever fires. */
    static Interrupts none() {
        return new Interrupts(new PrintWriter(PrintWriter.nullWriter()), code -> {
            throw new IllegalStateException("no signal handling in this process");
        });
    }

    /** Handles SIGINT and SIGTERM of this process from now on. */
    static Interrupts install(PrintWriter err) {
        Interrupts interrupts = new Interrupts(err, System::exit);
        boolean interrupt = interrupts.handle("INT", 130);
        boolean terminate = interrupts.handle("TERM", 143);
        if (!interrupt || !terminate) {
            Runtime.getRuntime().addShutdownHook(new Thread(interrupts::runBeforeExit, "idem-release-claims"));
        }
        return interrupts;
    }

    /** What a cooperative command watches. */
    Cancellation cancellation() {
        return cancellation;
    }

    /** Runs before an exit forced by a signal, e.g. giving back the claims of an open {@code Idem}. */
    void beforeExit(Runnable action) {
        beforeExit.add(action);
    }

    /** Runs work that stops in good order on the first signal instead of being cut short. */
    <T> T cooperatively(Supplier<T> work) {
        cooperative = true;
        try {
            return work.get();
        } finally {
            cooperative = false;
        }
    }

    /** The first signal this process received, if any. */
    Optional<Received> received() {
        return Optional.ofNullable(received.get());
    }

    /** A signal arrived: the handler's side, and the tests'. */
    void signalled(String name, int exitCode) {
        boolean first = received.compareAndSet(null, new Received("SIG" + name, exitCode));
        Received r = received.get();
        if (first && cooperative) {
            cancellation.cancel("interrupted by " + r.name());
            err.println("idem: " + r.name() + ": finishing the cases in flight, then the summary and reports"
                    + " (send it again to quit at once)");
            err.flush();
            return;
        }
        runBeforeExit();
        err.println("idem: interrupted by " + r.name() + " (claims on calls in flight were given back)");
        err.flush();
        exit.accept(r.exitCode());
    }

    private void runBeforeExit() {
        for (Runnable action : beforeExit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // Exiting anyway: a claim that cannot be given back runs out with its lease.
            }
        }
    }

    private boolean handle(String signal, int exitCode) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            signalled(signal, exitCode);
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "idem " + signal + " handler";
                        };
                    });
            Object sig = signalClass.getConstructor(String.class).newInstance(signal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sig, handler);
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * A signal that arrived.
     *
     * @param name     e.g. {@code SIGINT}
     * @param exitCode 128 plus the signal's number: 130 for SIGINT, 143 for SIGTERM
     */
    record Received(String name, int exitCode) {
    }
}
