package dev.idem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.out.ExecutionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A claim race between processes, for stores shared by several machines or runs: child JVMs open the same
 * store, wait at a start gate, claim one fingerprint at once and report what the claim answered. Exactly one
 * must hear {@code ACQUIRED}.
 */
public final class ProcessClaimRace {

    private ProcessClaimRace() {
    }

    /**
     * Starts {@code processes} child JVMs running {@code childMain} with {@code args} plus an owner name
     * ({@code process-N}) as last argument, opens the gate for all of them at once, and returns their answers.
     * The child's {@code main} must end in {@link #claimAtGate}.
     */
    public static List<String> run(int processes, Class<?> childMain, String... args) throws Exception {
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC", "-cp", testClassPath(), childMain.getName()));
                command.addAll(List.of(args));
                command.add("process-" + i);
                // A quick-starting JVM: a child only opens a store and makes one claim.
                children.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process child : children) {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("READY");
                outputs.add(out);
            }
            for (Process child : children) {
                OutputStream in = child.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                answers.add(outputs.get(i).readLine());
                assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(children.get(i).exitValue()).isZero();
            }
            return answers;
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    /**
     * The child's side: says {@code READY}, waits for the gate (a line on stdin), claims, and prints the
     * claim's kind ({@code ACQUIRED}, {@code BUSY}, ...).
     */
    public static void claimAtGate(ExecutionStore store, Fingerprint fingerprint, String owner) throws IOException {
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Claim claim = store.claim(fingerprint, owner, Duration.ofMinutes(5));
        System.out.println(claim.getClass().getSimpleName().toUpperCase(Locale.ROOT));
        System.out.flush();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String testClassPath() {
        // Surefire may hand the forked JVM a manifest-only jar; its own property holds the real class path.
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
