package org.radtox.llm.backend;

import java.util.Locale;

/** The wire protocols RadTox speaks to model servers, each through its langchain4j client. */
public enum BackendKind {
    /** Ollama's {@code /api/chat}. */
    OLLAMA,
    /** OpenAI's {@code /v1/chat/completions}: vLLM, llama.cpp server, LM Studio, Azure OpenAI, ... */
    OPENAI;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendKind ofCode(String code) {
        for (BackendKind k : values()) {
            if (k.code().equalsIgnoreCase(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + code + "'; use ollama or openai");
    }
}
