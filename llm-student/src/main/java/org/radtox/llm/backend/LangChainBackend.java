package org.radtox.llm.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A model server reached through langchain4j's own clients ({@code langchain4j-ollama},
 * {@code langchain4j-open-ai}), without their retries: retrying and the circuit breaker are
 * {@link ResilientBackend}'s, so every attempt is seen and counted once.
 */
public final class LangChainBackend implements ChatBackend {

    private final BackendSettings settings;
    private final ChatModel model;

    private LangChainBackend(BackendSettings settings, ChatModel model) {
        this.settings = settings;
        this.model = model;
    }

    /**
     * @param environment where the API key is read from ({@code System.getenv()} in production)
     * @throws IllegalArgumentException for a server that is not on site, or an API key variable that is not set
     */
    public static LangChainBackend connect(BackendSettings s, Map<String, String> environment) {
        SitePolicy.requireOnSite(s.baseUrl(), s.declaredOnSite());
        String apiKey = null;
        if (s.apiKeyEnv() != null) {
            apiKey = environment.get(s.apiKeyEnv());
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("the API key variable " + s.apiKeyEnv() + " is not set");
            }
        }
        ChatModel model = switch (s.kind()) {
            case OLLAMA -> {
                var b = OllamaChatModel.builder().baseUrl(s.baseUrl()).modelName(s.requestModel()).temperature(0.0)
                        .timeout(s.timeout()).numCtx(s.contextTokens()).numPredict(s.answerTokens());
                if (s.jsonOutput()) {
                    b.responseFormat(ResponseFormat.JSON);
                }
                if (apiKey != null) { // Ollama behind a proxy that checks a bearer token
                    b.customHeaders(Map.of("Authorization", "Bearer " + apiKey));
                }
                yield b.maxRetries(0).build();
            }
            case OPENAI -> {
                var b = OpenAiChatModel.builder().baseUrl(s.baseUrl()).modelName(s.requestModel()).temperature(0.0)
                        .timeout(s.timeout()).maxTokens(s.answerTokens()).maxRetries(0)
                        // Local servers (vLLM, llama.cpp, LM Studio) accept any key; the client insists on one.
                        .apiKey(apiKey != null ? apiKey : "no-key");
                if (s.jsonOutput()) {
                    b.responseFormat(ResponseFormat.JSON);
                }
                yield b.build();
            }
        };
        return new LangChainBackend(s, model);
    }

    @Override
    public String describe() {
        return settings.kind().code() + " " + settings.requestModel() + " at " + settings.baseUrl();
    }

    @Override
    public String model() {
        return settings.requestModel();
    }

    @Override
    public ModelReply chat(List<ChatMessage> messages) {
        long t0 = System.nanoTime();
        ChatResponse r;
        try {
            r = model.chat(ChatRequest.builder().messages(messages).build());
        } catch (RuntimeException e) {
            throw failure(e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        TokenUsage usage = r.tokenUsage();
        String text = r.aiMessage() == null || r.aiMessage().text() == null ? "" : r.aiMessage().text();
        return new ModelReply(text, usage == null ? null : usage.inputTokenCount(),
                usage == null ? null : usage.outputTokenCount(), r.modelName() == null ? model() : r.modelName(), millis);
    }

    private BackendFailure failure(RuntimeException e) {
        String where = describe();
        if (e instanceof RateLimitException) {
            return new BackendFailure(BackendFailure.Kind.RATE_LIMITED, where + " is rate limiting (429)", e);
        }
        if (e instanceof AuthenticationException) {
            return new BackendFailure(BackendFailure.Kind.AUTHENTICATION, where + " refused the API key"
                    + (settings.apiKeyEnv() == null ? " (none is configured)" : " in " + settings.apiKeyEnv())
                    + " (missing, wrong or expired): " + brief(e), e);
        }
        if (e instanceof ModelNotFoundException) {
            return new BackendFailure(BackendFailure.Kind.MODEL_NOT_FOUND, where + ": no model '" + model()
                    + "' (a wrong name, or not pulled / registered): " + brief(e), e);
        }
        if (e instanceof InternalServerException) {
            return new BackendFailure(BackendFailure.Kind.SERVER_ERROR, where + " failed: " + brief(e), e);
        }
        if (e instanceof TimeoutException) {
            return new BackendFailure(BackendFailure.Kind.TIMEOUT, where + " did not answer within " + settings.timeout(), e);
        }
        if (e instanceof InvalidRequestException) {
            return new BackendFailure(BackendFailure.Kind.REJECTED, where + " rejected the request: " + brief(e), e);
        }
        if (e instanceof HttpException h) {
            int status = h.statusCode();
            BackendFailure.Kind kind = status == 429 ? BackendFailure.Kind.RATE_LIMITED
                    : status >= 500 ? BackendFailure.Kind.SERVER_ERROR
                    : status == 401 || status == 403 ? BackendFailure.Kind.AUTHENTICATION
                    : status == 404 ? BackendFailure.Kind.MODEL_NOT_FOUND : BackendFailure.Kind.REJECTED;
            return new BackendFailure(kind, where + " answered HTTP " + status + ": " + brief(e), e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof ClosedChannelException) {
                return new BackendFailure(BackendFailure.Kind.UNREACHABLE, where + " is unreachable: " + c, e);
            }
            if (c instanceof HttpTimeoutException) {
                return new BackendFailure(BackendFailure.Kind.TIMEOUT, where + " did not answer within " + settings.timeout(), e);
            }
            if (c instanceof IOException) {
                return new BackendFailure(BackendFailure.Kind.UNREACHABLE, where + " broke the connection: " + c, e);
            }
        }
        return new BackendFailure(BackendFailure.Kind.SERVER_ERROR, where + " failed: " + brief(e), e);
    }

    private static String brief(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        m = m.replaceAll("\\s+", " ");
        return m.length() <= 200 ? m : m.substring(0, 197) + "...";
    }
}
