package dev.idem.port.in;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The words for what a message asks its reader to change, in the language of whoever drives idem: the command line's
 * options ({@code --model}) or the Java API's builder methods ({@code .model("…")}). The composition root picks one and
 * hands it to whatever words such a message (services, gateways, stores), so that a Java caller is never told to pass
 * a flag it does not have, and a person at a terminal never reads Java.
 */
public final class Vocabulary {

    private static final Vocabulary COMMAND_LINE = new Vocabulary(true, false);

    private final boolean commandLine;
    private final boolean environment;

    private Vocabulary(boolean commandLine, boolean environment) {
        this.commandLine = commandLine;
        this.environment = environment;
    }

    /** The idem command line's words: options and environment variables. */
    public static Vocabulary commandLine() {
        return COMMAND_LINE;
    }

    /**
     * The Java API's words: the builder's methods.
     *
     * @param readsEnvironment whether the environment variables are read too, so that setting one is a remedy
     */
    public static Vocabulary java(boolean readsEnvironment) {
        return new Vocabulary(false, readsEnvironment);
    }

    /** Choosing a model: {@code --model}, {@code .model("…")}. */
    public String model() {
        return commandLine ? "--model" : ".model(\"…\")";
    }

    /**
     * Choosing one of some providers: {@code --provider openai|ollama}, {@code .provider("openai") or
     * .provider("ollama")}.
     */
    public String provider(List<String> ids) {
        if (commandLine) {
            return "--provider " + String.join("|", ids);
        }
        List<String> calls = ids.stream().map(id -> ".provider(\"" + id + "\")").toList();
        return calls.size() == 1 ? calls.get(0)
                : String.join(", ", calls.subList(0, calls.size() - 1)) + " or " + calls.get(calls.size() - 1);
    }

    /** Choosing the execution store: {@code --store}, {@code .store("…")}. */
    public String store() {
        return commandLine ? "--store" : ".store(\"…\")";
    }

    /** Choosing a given execution store: {@code --store memory:}, {@code .store("memory:")}. */
    public String store(String uri) {
        return commandLine ? "--store " + uri : ".store(\"" + uri + "\")";
    }

    /** Deleting the store's expired records: {@code 'idem store purge'}, {@code storePurger()}. */
    public String purgeStore() {
        return commandLine ? "'idem store purge'" : "storePurger()";
    }

    /** Making a call whatever is stored: {@code --no-cache}, {@code .cache(false)}. */
    public String noCache() {
        return commandLine ? "--no-cache" : ".cache(false)";
    }

    /** Choosing the judge of an evaluation's judged evaluators, with the providers that can judge. */
    public String judge() {
        return commandLine ? "--judge-provider (openai, azure-openai or ollama) and --judge-model"
                : ".judge(provider, model) to the evaluation (provider openai, azure-openai or ollama)";
    }

    /** The option that names an evaluation's judge, in a word: {@code --judge-provider}, {@code .judge(…)}. */
    public String judgeOption() {
        return commandLine ? "--judge-provider" : ".judge(…)";
    }

    /** What runs an evaluation: {@code eval}, {@code an evaluation}. */
    public String evaluation() {
        return commandLine ? "eval" : "an evaluation";
    }

    /** Letting an evaluation run its python evaluators: {@code --allow-code}, {@code .allowCode(true)}. */
    public String allowCode() {
        return commandLine ? "--allow-code" : ".allowCode(true)";
    }

    /**
     * Reporting the evaluators that cannot run as skipped: {@code --skip-unavailable-evaluators},
     * {@code .skipUnavailableEvaluators(true)}.
     */
    public String skipUnavailableEvaluators() {
        return commandLine ? "--skip-unavailable-evaluators" : ".skipUnavailableEvaluators(true)";
    }

    /**
     * Giving provider settings, by their names: {@code set OPENAI_API_KEY}; in Java
     * {@code .setting("OPENAI_API_KEY", …)}, and the environment variable when the environment is read.
     */
    public String set(List<String> names) {
        String variables = String.join(", ", names);
        if (commandLine) {
            return "set " + variables;
        }
        String calls = names.stream().map(n -> ".setting(\"" + n + "\", …)").collect(Collectors.joining(", "));
        return environment ? "set " + variables + " in the environment, or call " + calls : "call " + calls;
    }

    @Override
    public String toString() {
        return commandLine ? "command-line words" : "Java words" + (environment ? " (environment read)" : "");
    }
}
