package dev.idem.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code --var name=value} / {@code --var name=@file} / {@code --var name=@-} options. */
final class Vars {

    private Vars() {
    }

    static Map<String, String> parse(List<String> vars, CliEnvironment environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--var expects name=value, name=@file or name=@-, got '" + v + "'");
            }
            String name = v.substring(0, eq).trim();
            values.put(name, environment.valueOrFile("--var " + name, v.substring(eq + 1)));
        }
        return values;
    }
}
