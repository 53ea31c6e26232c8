package dev.idem.adapter.yaml;

import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Placeholders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test row being read.
 *
 * @param number its 1-based number
 * @param names  the names its values may have
 */
record TestRow(YamlNode.Mapping node, String path, int number, ValueNames names) {

    /** The keys a row nests its values under, read in this order. */
    static final List<String> VALUE_BLOCKS = List.of("inputs", "vars", "variables");

    /** The keys that hold a block of values: a key of {@link #VALUE_BLOCKS} that is not itself a value's name. */
    List<String> blockKeys() {
        return VALUE_BLOCKS.stream()
                .filter(k -> node.entries().containsKey(k) && !names.has(k))
                .filter(k -> !FieldReader.isNull(node.entries().get(k)))
                .toList();
    }

    /**
     * The names a row may give values for: the placeholders of the messages, in order of first use, and the
     * declared variables.
     *
     * @param placeholders the placeholders, in order of first use
     * @param declared     the declared variables by name
     */
    record ValueNames(List<String> placeholders, Map<String, Variable> declared) {

        static ValueNames of(List<MessageTemplate> messages, List<Variable> variables) {
            Set<String> used = new LinkedHashSet<>();
            messages.forEach(m -> used.addAll(Placeholders.names(m.content())));
            Map<String, Variable> declared = new LinkedHashMap<>();
            variables.forEach(v -> declared.putIfAbsent(v.name(), v));
            return new ValueNames(List.copyOf(used), declared);
        }

        boolean has(String name) {
            return placeholders.contains(name) || declared.containsKey(name);
        }

        /**
         * The names a row needs a value for, in order: the placeholders, then the required variables no message
         * uses (validation asks a row for those too).
         */
        List<String> needed() {
            List<String> needed = new ArrayList<>(placeholders);
            declared.values().stream().filter(Variable::required).map(Variable::name)
                    .filter(n -> !needed.contains(n)).forEach(needed::add);
            return needed;
        }

        boolean hasDefault(String name) {
            Variable v = declared.get(name);
            return v != null && v.defaultValue().isPresent();
        }
    }
}
