package dev.idem.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an evaluation produced: the header, each case and the summary. Reports are rendered from it.
 *
 * @param specName    the spec's name
 * @param description the spec's description
 * @param specSource  the spec's file, as given
 * @param provider    provider id used
 * @param model       model asked for (the options', else the spec's); empty when neither names one
 * @param answerKind  how the provider's answers are described (e.g. "LLM", "rule-based reference design")
 * @param cases       every case, in row order
 * @param summary     totals
 * @param stopped     why the evaluation ended before every case ran, if it did; those cases are errors
 * @param answeredBy  the models the provider said answered, comma-separated, when that is not simply the model
 *                    asked (a dated version of it, or the built-in architect, which takes no model); else empty
 * @param idemVersion the version of idem that ran the evaluation; empty when unknown
 * @param startedAt   when the evaluation started ({@link Instant#EPOCH} when unknown); it took
 *                    {@link EvaluationSummary#wallTime()}
 */
public record EvaluationResult(String specName, String description, String specSource, String provider,
                               String model, String answerKind, List<CaseResult> cases,
                               EvaluationSummary summary, Optional<Stop> stopped, String answeredBy,
                               String idemVersion, Instant startedAt) {
    public EvaluationResult {
        Objects.requireNonNull(specName, "specName");
        description = description == null ? "" : description;
        specSource = specSource == null ? "" : specSource;
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        answerKind = answerKind == null ? "" : answerKind;
        cases = List.copyOf(cases);
        Objects.requireNonNull(summary, "summary");
        stopped = stopped == null ? Optional.empty() : stopped;
        answeredBy = answeredBy == null || answeredBy.equals(model) ? "" : answeredBy;
        idemVersion = idemVersion == null ? "" : idemVersion;
        startedAt = startedAt == null ? Instant.EPOCH : startedAt;
    }

    /** An evaluation of an unknown version and start. */
    public EvaluationResult(String specName, String description, String specSource, String provider, String model,
                            String answerKind, List<CaseResult> cases, EvaluationSummary summary,
                            Optional<Stop> stopped, String answeredBy) {
        this(specName, description, specSource, provider, model, answerKind, cases, summary, stopped, answeredBy, "",
                Instant.EPOCH);
    }

    /** An evaluation whose provider answered with the model asked, or did not say. */
    public EvaluationResult(String specName, String description, String specSource, String provider, String model,
                            String answerKind, List<CaseResult> cases, EvaluationSummary summary,
                            Optional<Stop> stopped) {
        this(specName, description, specSource, provider, model, answerKind, cases, summary, stopped, "");
    }

    /** An evaluation that ran to its end. */
    public EvaluationResult(String specName, String description, String specSource, String provider, String model,
                            String answerKind, List<CaseResult> cases, EvaluationSummary summary) {
        this(specName, description, specSource, provider, model, answerKind, cases, summary, Optional.empty());
    }

    /**
     * The model that really answered: what the provider said ({@link #answeredBy()}), else the model asked; empty
     * when no case got a reply, so that nothing is named as the answerer of an evaluation nobody answered.
     */
    public String answeringModel() {
        boolean anyReply = cases.stream().anyMatch(c -> c.status() != CaseStatus.ERROR || !c.output().isEmpty());
        return !anyReply ? "" : answeredBy.isEmpty() ? model : answeredBy;
    }

    /**
     * Why an evaluation stopped early. The cases that finished keep their results; the others are errors.
     *
     * @param cause   what stopped it
     * @param message for the user, one line
     * @param notRun  cases that got no result because of it
     * @param failure the failure that stopped it, when one did (a provider's refusal), for callers that tell
     *                failures in their own words
     */
    public record Stop(Cause cause, String message, int notRun, Optional<RuntimeException> failure) {
        public Stop {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(message, "message");
            failure = failure == null ? Optional.empty() : failure;
        }

        /** A stop that no failure of its own explains (a cancellation, a store gone). */
        public Stop(Cause cause, String message, int notRun) {
            this(cause, message, notRun, Optional.empty());
        }
    }

    /** What can stop an evaluation before its end. */
    public enum Cause {
        /** Someone asked it to stop (a signal, a {@link Cancellation}). */
        CANCELLED,
        /** The execution store failed for good, so no call could be claimed or stored any more. */
        STORE_UNAVAILABLE,
        /**
         * The provider refused the credentials or does not have the model: every case would have failed the same way,
         * so none was sent after the first such failure.
         */
        PROVIDER_MISCONFIGURED
    }
}
