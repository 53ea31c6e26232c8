package dev.idem.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The commands under {@code idem}, in the order help lists them. Picocli builds a command's model by reflection over
 * its options and groups when the command is added, a good part of a short run's start-up; so a command line that
 * names its command ({@code idem design ...}) gets that one only, {@code idem --version} none, and any other
 * ({@code idem}, {@code idem --help}, {@code idem help eval}, {@code idem completion}, a misspelt name that needs
 * suggestions) gets them all.
 */
final class Subcommands {

    /** By name, each class behind a supplier so that naming one loads none of the others. */
    static final Map<String, Supplier<Class<?>>> BY_NAME = byName();

    /** Root options whose value is the next argument ({@code --config FILE}): that argument names no command. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--config");

    /** Root options that print something of their own and stop: the version needs no command, help lists them all. */
    private static final Set<String> VERSION = Set.of("-V", "--version");
    private static final Set<String> HELP = Set.of("-h", "--help");

    /** Commands that need every other command: help lists them, completion describes them. */
    private static final Set<String> NEED_ALL = Set.of("help", "completion");

    private Subcommands() {
    }

    private static Map<String, Supplier<Class<?>>> byName() {
        Map<String, Supplier<Class<?>>> commands = new LinkedHashMap<>();
        commands.put("validate", () -> ValidateCommand.class);
        commands.put("render", () -> RenderCommand.class);
        commands.put("run", () -> RunCommand.class);
        commands.put("design", () -> DesignCommand.class);
        commands.put("eval", () -> EvalCommand.class);
        commands.put("providers", () -> ProvidersCommand.class);
        commands.put("store", () -> StoreCommand.class);
        commands.put("completion", () -> CompletionCommand.class);
        commands.put("help", () -> HelpCommand.class);
        return commands;
    }

    /** Adds to the root command the commands this command line needs: the one it names, none or all of them. */
    static void register(CommandLine root, String[] args) {
        String named = named(args);
        if (named == null && versionOnly(args)) {
            return;
        }
        BY_NAME.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                root.addSubcommand(command.get());
            }
        });
    }

    /** Whether the command line asks for the version, and for no help, before any command. */
    static boolean versionOnly(String[] args) {
        boolean version = false;
        for (String arg : args) {
            if (!arg.startsWith("-") || arg.equals("--") || HELP.contains(arg)) {
                return false;
            }
            version |= VERSION.contains(arg);
        }
        return version;
    }

    /** The command the first argument that is no root option names, if it names one that needs no other. */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            return BY_NAME.containsKey(arg) && !NEED_ALL.contains(arg) ? arg : null;
        }
        return null;
    }
}
