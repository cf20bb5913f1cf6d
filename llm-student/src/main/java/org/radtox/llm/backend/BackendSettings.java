package org.radtox.llm.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one model: protocol, base URL, model (and adapter), the environment variable that
 * holds the API key (never the key itself: settings end up in version manifests), timeouts and sizes.
 * Answers are always asked for at temperature 0 and as JSON where the server supports it.
 *
 * @param adapter        a fine-tuned adapter to use instead of the base model: an Ollama model built from a
 *                       Modelfile with {@code ADAPTER}, or a LoRA module name on an OpenAI-compatible server; null for none
 * @param contextTokens  the context window the server gives the model (sent to Ollama as num_ctx); long notes are cut to fit
 * @param answerTokens   the most tokens an answer may take
 * @param declaredOnSite the operator declares a server that is not on a local address to run inside the site
 */
public record BackendSettings(BackendKind kind, String baseUrl, String model, String adapter, String apiKeyEnv,
                              Duration timeout, int contextTokens, int answerTokens, boolean jsonOutput,
                              boolean declaredOnSite) {

    /** The models of the method RadTox follows, as Ollama names them. */
    public static final String ZEPHYR = "zephyr:7b-beta";
    public static final String PHI3 = "phi3:mini-128k";
    public static final String OLLAMA_URL = "http://localhost:11434";
    public static final String OPENAI_URL = "http://localhost:8000/v1";

    public BackendSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model name is needed for the " + kind.code() + " backend");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the model timeout must be positive");
        }
        if (contextTokens < 1024 || answerTokens < 128 || answerTokens >= contextTokens) {
            throw new IllegalArgumentException("context window " + contextTokens + " tokens with answers of " + answerTokens
                    + ": need a window of at least 1024 and answers of at least 128 tokens within it");
        }
        adapter = adapter == null || adapter.isBlank() ? null : adapter;
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv;
    }

    /** The model requests name: the adapter when there is one. */
    public String requestModel() {
        return adapter != null ? adapter : model;
    }

    public static Builder builder(BackendKind kind) {
        return new Builder(kind);
    }

    public Builder toBuilder() {
        return new Builder(kind).baseUrl(baseUrl).model(model).adapter(adapter).apiKeyEnv(apiKeyEnv).timeout(timeout)
                .contextTokens(contextTokens).answerTokens(answerTokens).jsonOutput(jsonOutput).declaredOnSite(declaredOnSite);
    }

    public static final class Builder {
        private final BackendKind kind;
        private String baseUrl;
        private String model;
        private String adapter;
        private String apiKeyEnv;
        private Duration timeout = Duration.ofSeconds(120);
        private int contextTokens = 8192;
        private int answerTokens = 1024;
        private boolean jsonOutput = true;
        private boolean declaredOnSite;

        private Builder(BackendKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.baseUrl = kind == BackendKind.OLLAMA ? OLLAMA_URL : OPENAI_URL;
            this.model = kind == BackendKind.OLLAMA ? ZEPHYR : null;
        }

        public Builder baseUrl(String v) {
            if (v != null) {
                baseUrl = v;
            }
            return this;
        }

        public Builder model(String v) {
            if (v != null) {
                model = v;
            }
            return this;
        }

        public Builder adapter(String v) {
            adapter = v;
            return this;
        }

        public Builder apiKeyEnv(String v) {
            apiKeyEnv = v;
            return this;
        }

        public Builder timeout(Duration v) {
            if (v != null) {
                timeout = v;
            }
            return this;
        }

        public Builder contextTokens(int v) {
            contextTokens = v;
            return this;
        }

        public Builder answerTokens(int v) {
            answerTokens = v;
            return this;
        }

        public Builder jsonOutput(boolean v) {
            jsonOutput = v;
            return this;
        }

        public Builder declaredOnSite(boolean v) {
            declaredOnSite = v;
            return this;
        }

        public BackendSettings build() {
            return new BackendSettings(kind, baseUrl, model, adapter, apiKeyEnv, timeout, contextTokens, answerTokens,
                    jsonOutput, declaredOnSite);
        }
    }
}
