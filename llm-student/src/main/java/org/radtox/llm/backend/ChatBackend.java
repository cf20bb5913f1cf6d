package org.radtox.llm.backend;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;

/** One model behind one server. Implementations are thread-safe. */
public interface ChatBackend {

    /** e.g. {@code ollama zephyr:7b-beta at http://localhost:11434}, for messages and the call ledger. */
    String describe();

    /** The model requests are sent to (the adapter's name when one is set). */
    String model();

    /** @throws BackendFailure when no answer came */
    ModelReply chat(List<ChatMessage> messages);
}
