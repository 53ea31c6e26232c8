package dev.idem.architecture.bad.port.out;

import dev.langchain4j.model.chat.ChatModel;

/** Breaks the out-port naming rule and lets a langchain4j type cross the port. */
public interface LlmClient {

    ChatModel model();
}
