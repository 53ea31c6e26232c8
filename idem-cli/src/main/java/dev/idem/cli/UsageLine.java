package dev.idem.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line a command line picocli could not parse is told in: what is wrong, picocli's suggestions for a typo
 * ("did you mean"), and which help to read.
 */
final class UsageLine {

    /** Suggestions beyond these would be guesses, not help. */
    private static final int MAX_SUGGESTIONS = 3;

    private UsageLine() {
    }

    static String of(ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        String help = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
        if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return Cli.oneLine(ex.getMessage()) + " (" + help + ")";
        }
        String first = unmatched.getUnmatched().get(0);
        List<String> suggestions = unmatched.getSuggestions().stream().limit(MAX_SUGGESTIONS).toList();
        String what;
        if (unmatched.isUnknownOption()) {
            what = "unknown option '" + firstOption(unmatched) + "'";
        } else if (!command.getSubcommands().isEmpty() && !first.startsWith("-")) {
            what = "unknown command '" + first + "'";
            String parent = command.getCommandSpec().qualifiedName();
            suggestions = suggestions.stream().map(s -> parent + " " + s).toList();
        } else {
            what = unmatched.getUnmatched().size() == 1 ? "unexpected argument '" + first + "'"
                    : "unexpected arguments " + quoted(unmatched.getUnmatched());
        }
        // an argument may hold a line break: the error stays one line
        return Cli.oneLine(what + " (" + (suggestions.isEmpty() ? "" : "did you mean " + alternatives(suggestions)
                + "? ") + help + ")");
    }

    private static String firstOption(UnmatchedArgumentException unmatched) {
        return unmatched.getUnmatched().stream().filter(a -> a.startsWith("-")).findFirst()
                .orElse(unmatched.getUnmatched().get(0));
    }

    private static String alternatives(List<String> suggestions) {
        List<String> quoted = suggestions.stream().map(s -> "'" + s + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    private static String quoted(List<String> args) {
        return args.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
    }
}
