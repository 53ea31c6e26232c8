package dev.idem.testkit;

import dev.idem.domain.evaluation.Verdict;
import dev.idem.port.out.CodeGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A code gateway that runs no code: it records each run and passes when a rule over the reply holds. For services
 * that must hand code, reply and values over as they are, or must not run code at all.
 */
public final class RecordingCodeGateway implements CodeGateway {

    /** One run as the gateway received it. */
    public record Run(String code, String output, Map<String, String> values) {
    }

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final Optional<String> unavailable;
    private final Predicate<String> passes;

    private RecordingCodeGateway(Optional<String> unavailable, Predicate<String> passes) {
        this.unavailable = unavailable;
        this.passes = passes;
    }

    /** A gateway whose code passes when the reply satisfies {@code passes}. */
    public static RecordingCodeGateway passingWhen(Predicate<String> passes) {
        return new RecordingCodeGateway(Optional.empty(), passes);
    }

    /** A gateway that cannot run code here, for this reason. */
    public static RecordingCodeGateway unavailable(String why) {
        return new RecordingCodeGateway(Optional.of(why), output -> false);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    @Override
    public String language() {
        return "python";
    }

    @Override
    public Optional<String> unavailable() {
        return unavailable;
    }

    @Override
    public Verdict run(String code, String output, Map<String, String> values) {
        if (unavailable.isPresent()) {
            throw new IllegalStateException("run on an unavailable gateway: " + unavailable.get());
        }
        runs.add(new Run(code, output, Map.copyOf(values)));
        return passes.test(output) ? Verdict.pass("code returned True") : Verdict.fail("code returned False");
    }
}
