package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.DesignText.BulletText;
import dev.idem.adapter.builtin.DesignText.FailureModesText;
import dev.idem.adapter.builtin.DesignText.GroupText;
import dev.idem.adapter.builtin.DesignText.SectionText;
import dev.idem.adapter.builtin.Knowledge.StoreText;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the flagship spec's answer without a model: a reference idempotency design assembled from the
 * {@link Knowledge} for the technologies and failure modes recognised in the input, or the refusal object when
 * the input asks for something unsafe. Pure function of its input: same input, same bytes.
 */
final class ReferenceArchitect {

    /** Failure modes every design covers, whether or not the input names them. */
    private static final List<FailureMode> ALWAYS_COVERED = List.of(FailureMode.UNKNOWN_OUTCOME,
            FailureMode.PAYLOAD_MISMATCH, FailureMode.STORE_FAILOVER, FailureMode.CLOCK_SKEW);
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]+`");

    /**
     * The answer and how it was reached.
     *
     * @param text the design, or exactly the refusal object
     * @param note why the request was refused; empty for a design
     */
    record Answer(String text, String note) {
    }

    Answer answer(String systemContext, String failureScenarios) {
        Optional<UnsafeFinding> unsafe = UnsafeIntentClassifier.bundled().classify(systemContext, failureScenarios);
        if (unsafe.isPresent()) {
            return new Answer(RefusalEvaluatorSpec.REFUSAL, unsafe.get().explanation());
        }
        return new Answer(design(systemContext, failureScenarios), "");
    }

    private String design(String systemContext, String failureScenarios) {
        Recognition r = Recognition.of(systemContext, failureScenarios);
        Draft draft = new Draft(Knowledge.bundled(), r);
        DesignText text = draft.knowledge().design();
        List<Section> sections = List.of(draft.section(text.keys(), Topic.KEY), draft.section(text.stateMachine()),
                draft.section(text.storage(), Topic.STORAGE), draft.section(text.concurrency(), Topic.CONCURRENCY),
                draft.section(text.ttl(), Topic.TTL), draft.section(text.retry(), Topic.RETRY),
                draft.failureModes(text.failureModes()));
        StringBuilder out = new StringBuilder();
        for (Section s : sections) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append("## ").append(s.heading()).append('\n');
            for (Bullet b : s.bullets()) {
                out.append("\n- ").append(b.text());
                for (String child : b.children()) {
                    out.append("\n  - ").append(child);
                }
            }
        }
        return out.toString();
    }

    /** One design being written: the knowledge applied to what was recognised. */
    private record Draft(Knowledge knowledge, Recognition r) {

        /** A section's own bullets, then each recognised technology's facts of the topic {@code factsOf}, if any. */
        Section section(SectionText text, Topic... factsOf) {
            Section s = new Section(text.heading());
            for (String bullet : applicable(text.bullets())) {
                s.add(fillStore(bullet));
            }
            for (Topic t : factsOf) {
                for (Technology technology : r.technologies()) {
                    knowledge.facts(technology, t).forEach(s::add);
                }
            }
            return s;
        }

        Section failureModes(FailureModesText text) {
            Section s = new Section(text.heading());
            Set<FailureMode> listed = new LinkedHashSet<>(r.failureModes());
            for (FailureMode m : ALWAYS_COVERED) {
                // a client timeout's mitigation already covers its unknown outcome
                if (!(m == FailureMode.UNKNOWN_OUTCOME && listed.contains(FailureMode.CLIENT_TIMEOUT_RETRY))) {
                    listed.add(m);
                }
            }
            for (FailureMode m : listed) {
                s.add(bold(m.title()), knowledge.mitigation(m).linesFor(r));
            }
            GroupText stated = text.statedScenario();
            for (String quote : r.unmatchedScenarios()) {
                s.add(bold(stated.title().replace("{scenario}", quote)), applicable(stated.bullets()));
            }
            for (Technology t : r.technologies()) {
                List<String> pitfalls = knowledge.facts(t, Topic.PITFALLS).stream()
                        .filter(p -> !s.alreadyCovers(p)).toList();
                if (!pitfalls.isEmpty()) {
                    s.add(bold(text.specifics().replace("{technology}", t.displayName())), pitfalls);
                }
            }
            s.add(bold(text.observability().title()), applicable(text.observability().bullets()));
            return s;
        }

        private List<String> applicable(List<BulletText> bullets) {
            return bullets.stream().map(b -> b.textFor(r)).flatMap(Optional::stream).toList();
        }

        private String fillStore(String bullet) {
            if (bullet.indexOf('{') < 0) {
                return bullet;
            }
            StoreText store = knowledge.store(r.primaryStore());
            return bullet.replace("{store.name}", store.nameFor(r)).replace("{store.expiry}", store.expiry())
                    .replace("{store.lock}", store.lock());
        }

        private static String bold(String title) {
            return "**" + title + "**";
        }
    }

    private record Bullet(String text, List<String> children) {
    }

    private record Section(String heading, List<Bullet> bullets, Set<String> seen) {
        Section(String heading) {
            this(heading, new ArrayList<>(), new LinkedHashSet<>());
        }

        void add(String text) {
            add(text, List.of());
        }

        /**
         * Whether a scenario's mitigation already gave this fact: its first code span (the measure it names)
         * appears in the section. Keeps the per-technology list from repeating the scenario list.
         */
        boolean alreadyCovers(String fact) {
            Matcher code = CODE_SPAN.matcher(fact);
            if (!code.find()) {
                return false;
            }
            String measure = code.group();
            return bullets.stream().anyMatch(b -> b.text().contains(measure)
                    || b.children().stream().anyMatch(c -> c.contains(measure)));
        }

        void add(String text, List<String> children) {
            if (seen.add(text)) {
                bullets.add(new Bullet(text, List.copyOf(children)));
            }
        }
    }
}
