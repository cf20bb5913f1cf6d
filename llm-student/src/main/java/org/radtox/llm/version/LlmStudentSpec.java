package org.radtox.llm.version;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.student.version.StudentVersion;

/**
 * What an LLM student version is made of, as the parts of its {@link StudentVersion}: backend and base URL
 * (never a secret: the API key's variable name only), model and adapter, prompt version, retrieval index
 * version and k, the fallback student (whose version names the embedded lexicon), the window and timeout.
 */
public record LlmStudentSpec(BackendSettings backend, String symptomSet, String prompt, String ragIndex, int ragK,
                             String fallback) {

    public static final String NONE = "none";

    public LlmStudentSpec {
        if (!prompt.matches("prompt@[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a prompt version: " + prompt);
        }
        ragIndex = ragIndex == null ? NONE : ragIndex;
        fallback = fallback == null ? NONE : fallback;
        if (!ragIndex.equals(NONE) && !ragIndex.matches("rag@[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a retrieval index version: " + ragIndex);
        }
        if (!ragIndex.equals(NONE) && ragK < 1) {
            throw new IllegalArgumentException("retrieval needs k >= 1");
        }
    }

    public boolean retrieves() {
        return !ragIndex.equals(NONE);
    }

    public StudentVersion toVersion() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", backend.kind().code());
        p.put("base-url", backend.baseUrl());
        p.put("model", backend.model());
        p.put("adapter", backend.adapter() == null ? NONE : backend.adapter());
        p.put("api-key-env", backend.apiKeyEnv() == null ? NONE : backend.apiKeyEnv());
        p.put("on-site", backend.declaredOnSite() ? "declared" : "local-address");
        p.put("json-output", Boolean.toString(backend.jsonOutput()));
        p.put("timeout-ms", Long.toString(backend.timeout().toMillis()));
        p.put("context-tokens", Integer.toString(backend.contextTokens()));
        p.put("answer-tokens", Integer.toString(backend.answerTokens()));
        p.put("symptom-set", symptomSet);
        p.put("prompt", prompt);
        p.put("rag-index", ragIndex);
        p.put("rag-k", retrieves() ? Integer.toString(ragK) : "0");
        p.put("fallback", fallback);
        return StudentVersion.contentAddressed(backend.kind().code(), p);
    }

    public static boolean isLlmKind(String kind) {
        return kind.equals(BackendKind.OLLAMA.code()) || kind.equals(BackendKind.OPENAI.code());
    }

    public static LlmStudentSpec of(StudentVersion v) {
        if (!isLlmKind(v.kind())) {
            throw new IllegalArgumentException(v.id() + " is not an LLM student (kind " + v.kind() + ")");
        }
        Map<String, String> p = v.parts();
        BackendSettings backend = BackendSettings.builder(BackendKind.ofCode(part(v, "backend")))
                .baseUrl(part(v, "base-url")).model(part(v, "model")).adapter(orNull(p.get("adapter")))
                .apiKeyEnv(orNull(p.get("api-key-env"))).declaredOnSite("declared".equals(p.get("on-site")))
                .jsonOutput(!"false".equals(p.get("json-output")))
                .timeout(Duration.ofMillis(Long.parseLong(part(v, "timeout-ms"))))
                .contextTokens(Integer.parseInt(part(v, "context-tokens")))
                .answerTokens(Integer.parseInt(part(v, "answer-tokens"))).build();
        return new LlmStudentSpec(backend, part(v, "symptom-set"), part(v, "prompt"), part(v, "rag-index"),
                Integer.parseInt(p.getOrDefault("rag-k", "0")), part(v, "fallback"));
    }

    private static String part(StudentVersion v, String name) {
        String value = v.parts().get(name);
        if (value == null) {
            throw new IllegalArgumentException("student version " + v.id() + " lacks part '" + name + "'");
        }
        return value;
    }

    private static String orNull(String v) {
        return v == null || v.equals(NONE) ? null : v;
    }
}
