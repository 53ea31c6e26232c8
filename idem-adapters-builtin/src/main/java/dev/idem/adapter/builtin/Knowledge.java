package dev.idem.adapter.builtin;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the built-in architect knows: per-technology facts, the mitigation of each failure mode, how to speak of
 * the store that holds the records, and the design's fixed text. It is data, read from {@code knowledge.yaml}
 * by {@link KnowledgeReader}; the rules that pick from it are the rest of this package.
 *
 * @param facts       per technology and topic, the lines in order; a topic mapped to no lines was declared empty
 * @param mitigations per failure mode
 * @param stores      per store that can hold the records ({@link Recognition#systemsOfRecord()})
 * @param design      the design's fixed text
 * @param safety      the safeguards and anti-patterns that decide a refusal
 */
record Knowledge(Map<Technology, Map<Topic, List<String>>> facts, Map<FailureMode, Mitigation> mitigations,
                 Map<Technology, StoreText> stores, DesignText design, Safety safety) {

    private static volatile Knowledge bundled;

    Knowledge {
        Map<Technology, Map<Topic, List<String>>> copy = new EnumMap<>(Technology.class);
        facts.forEach((technology, byTopic) -> {
            Map<Topic, List<String>> lines = new EnumMap<>(Topic.class);
            byTopic.forEach((topic, topicLines) -> lines.put(topic, List.copyOf(topicLines)));
            copy.put(technology, Collections.unmodifiableMap(lines));
        });
        facts = Collections.unmodifiableMap(copy);
        mitigations = Map.copyOf(mitigations);
        stores = Map.copyOf(stores);
    }

    /**
     * The knowledge shipped in this module, read on first use (so that the other providers never pay for it)
     * and then shared.
     *
     * @throws IllegalStateException if the resource is missing or invalid (a packaging fault)
     */
    static Knowledge bundled() {
        Knowledge loaded = bundled;
        if (loaded == null) {
            synchronized (Knowledge.class) {
                loaded = bundled;
                if (loaded == null) {
                    loaded = KnowledgeReader.readBundled();
                    bundled = loaded;
                }
            }
        }
        return loaded;
    }

    /** The facts about a technology for one topic, in order; empty when there are none. */
    List<String> facts(Technology technology, Topic topic) {
        return facts.getOrDefault(technology, Map.of()).getOrDefault(topic, List.of());
    }

    Mitigation mitigation(FailureMode mode) {
        return mitigations.get(mode);
    }

    StoreText store(Technology store) {
        return stores.get(store);
    }

    /**
     * How the design speaks of one store that holds the records.
     *
     * @param name          its name ({@code {sqlFlavour}} is the relational database the context names)
     * @param nameWithRedis its name when the context also names Redis, if that differs
     * @param expiry        how an expired record disappears
     * @param lock          the lock primitive, a whole bullet
     */
    record StoreText(String name, Optional<String> nameWithRedis, String expiry, String lock) {

        String nameFor(Recognition r) {
            String chosen = r.has(Technology.REDIS) ? nameWithRedis.orElse(name) : name;
            return chosen.replace("{sqlFlavour}", r.sqlFlavour());
        }
    }
}
