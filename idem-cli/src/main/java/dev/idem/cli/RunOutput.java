package dev.idem.cli;

import dev.idem.port.in.RunResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a run's reply on stdout and how it was had on stderr (or everything as JSON on stdout). The reply goes
 * out as the model wrote it only into a pipe or a file, or with {@code --raw}; on a terminal its control
 * characters are escaped ({@link TerminalText}), so a reply cannot write to the clipboard, retitle the window or
 * clear the screen.
 */
final class RunOutput {

    private RunOutput() {
    }

    static void print(RunResult r, OutputFormat format, boolean raw, Console console) {
        PrintWriter out = console.out();
        PrintWriter err = console.notes();
        for (String notice : r.notices()) {
            err.println("idem: note: " + Cli.oneLine(notice));
        }
        err.println("idem: " + describe(r));
        if (format == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("output", r.output());
            doc.put("provider", r.provider());
            doc.put("model", r.model());
            doc.put("answeredBy", r.completion().model());
            doc.put("answerKind", r.answerKind());
            doc.put("replayed", r.replayed());
            doc.put("attempts", r.attempts());
            doc.put("fingerprint", r.fingerprint().hex());
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("inputTokens", r.completion().usage().inputTokens());
            usage.put("outputTokens", r.completion().usage().outputTokens());
            doc.put("usage", usage);
            doc.put("latencyMs", r.completion().latency().toMillis());
            doc.put("finishReason", r.completion().finishReason());
            doc.put("note", r.completion().note());
            doc.put("notices", r.notices());
            out.println(Json.write(doc));
        } else {
            PrintWriter reply = raw || !console.stdoutTerminal() ? console.data() : out;
            reply.print(r.output());
            if (!r.output().endsWith("\n")) {
                reply.println();
            }
            reply.flush();
        }
        console.flush();
    }

    static String describe(RunResult r) {
        StringBuilder sb = new StringBuilder("provider ").append(r.provider());
        String answeredBy = r.completion().model();
        if (r.model().isEmpty()) {
            // a provider that takes no model (the built-in architect) is shown by who answered, not a model asked
            sb.append(answeredBy.isEmpty() ? "" : ", answered by " + answeredBy);
        } else {
            sb.append(", model ").append(r.model());
            if (!answeredBy.isEmpty() && !answeredBy.equals(r.model())) {
                sb.append(" (answered by ").append(answeredBy).append(')');
            }
        }
        sb.append(", ").append(r.answerKind());
        if (r.replayed()) {
            sb.append(", replayed from the store (no model call)");
        } else {
            sb.append(", ").append(r.attempts()).append(r.attempts() == 1 ? " attempt" : " attempts");
            sb.append(", ").append(r.completion().latency().toMillis()).append(" ms");
            sb.append(", ").append(r.completion().usage().total()).append(" tokens");
        }
        // "stop" is the normal end; anything else (length, above all) explains a short or empty reply
        String finish = r.completion().finishReason();
        if (!finish.isEmpty() && !finish.equals("stop")) {
            sb.append(", finish reason ").append(finish);
        }
        if (r.output().isEmpty()) {
            sb.append(", empty reply");
        }
        // The provider's own account of its answer (a rule-based refusal's reason), so that a user who disagrees
        // knows what to rephrase; stdout keeps the bare answer.
        if (!r.completion().note().isEmpty()) {
            sb.append("; ").append(Cli.oneLine(r.completion().note()));
        }
        return sb.toString();
    }
}
