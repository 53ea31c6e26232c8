package dev.idem.architecture.bad.domain;

import dev.idem.architecture.bad.application.DoStuffHandler;
import dev.langchain4j.model.chat.ChatModel;
import picocli.CommandLine;

/** Breaks domain purity, the stdout, getenv, picocli and langchain4j rules, and closes a cycle with application. */
public final class LeakyRetryPolicy {

    private final CommandLine commandLine;
    private final ChatModel model;
    private final DoStuffHandler handler;

    public LeakyRetryPolicy(CommandLine commandLine, ChatModel model, DoStuffHandler handler) {
        this.commandLine = commandLine;
        this.model = model;
        this.handler = handler;
    }

    public int maxAttempts() {
        System.out.println("reading attempts for " + commandLine + model + handler);
        return Integer.parseInt(System.getenv("IDEM_MAX_ATTEMPTS"));
    }
}
