import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.adapter.sqlite.SqliteExecutionStore;
import dev.idem.api.Idem;
import dev.idem.application.IdempotentExecutor;
import dev.idem.application.Sleeper;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ModelGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The idempotent executor's own cost per call (fingerprint, claim, complete; or fingerprint and replay),
 * measured against a gateway that answers at once. Run by {@code bench/run.sh overhead} as a single-file
 * source program: {@code java -cp idem.jar:lib/* bench/ExecutorOverhead.java WORKDIR}.
 */
public final class ExecutorOverhead {

    public static void main(String[] args) throws Exception {
        String system = flagshipSystemPrompt();
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : ".").resolve("overhead"));
        ModelGateway gateway = new ModelGateway() {
            @Override
            public String providerId() {
                return "zero-latency";
            }

            @Override
            public Completion complete(ModelRequest request) {
                return new Completion("- **Decision:** use an Idempotency key with a TTL.", request.model(),
                        new TokenUsage(200, 120), Duration.ZERO, "stop");
            }
        };
        ExecutionOptions options = ExecutionOptions.defaults();
        System.out.println("| store | what | calls | µs per call |");
        System.out.println("|---|---|---|---|");

        try (ExecutionStore memory = new InMemoryExecutionStore(Clock.systemUTC())) {
            measure("memory", memory, gateway, options, system, 20_000, 20_000);
        }
        try (ExecutionStore sqlite = new SqliteExecutionStore(dir.resolve("store.db"), Clock.systemUTC())) {
            measure("sqlite", sqlite, gateway, options, system, 5_000, 20_000);
        }
    }

    /** The flagship spec's system prompt, from the spec bundled in the jar: each request carries it. */
    private static String flagshipSystemPrompt() {
        try (Idem idem = Idem.builder().build()) {
            return idem.flagship().messages().stream().filter(m -> m.role() == Role.SYSTEM).findFirst()
                    .orElseThrow().content();
        }
    }

    private static void measure(String name, ExecutionStore store, ModelGateway gateway, ExecutionOptions options,
                                String system, int distinct, int replays) {
        try (IdempotentExecutor executor = new IdempotentExecutor(store, Clock.systemUTC(), RandomSource.seeded(1),
                Sleeper.system(), "bench", IdempotentExecutor.DEFAULT_LEASE)) {
            // Warm-up on keys of their own so that the timed calls are all first calls.
            run(executor, gateway, options, system, "warm-" + name, 2_000);
            run(executor, gateway, options, system, "warm-" + name, 2_000);

            long start = System.nanoTime();
            run(executor, gateway, options, system, "cold-" + name, distinct);
            long called = System.nanoTime() - start;

            start = System.nanoTime();
            int rounds = replays / distinct;
            for (int r = 0; r < rounds; r++) {
                run(executor, gateway, options, system, "cold-" + name, distinct);
            }
            long replayed = System.nanoTime() - start;

            print(name, "new call (fingerprint + claim + complete)", distinct, called);
            print(name, "replayed call (fingerprint + stored reply)", rounds * distinct, replayed);
        }
    }

    private static void run(IdempotentExecutor executor, ModelGateway gateway, ExecutionOptions options,
                            String system, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            ModelRequest request = ModelRequest.of("gpt-4o", List.of(new Message(Role.SYSTEM, system),
                    new Message(Role.USER, "Design an idempotency strategy for case " + prefix + "-" + i)));
            executor.execute(gateway, request, 0, options);
        }
    }

    private static void print(String store, String what, int calls, long nanos) {
        System.out.printf("| %s | %s | %d | %.1f |%n", store, what, calls, nanos / 1_000.0 / calls);
    }
}
