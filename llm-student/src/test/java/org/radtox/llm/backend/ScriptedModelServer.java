package org.radtox.llm.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model server for tests, on a real port of 127.0.0.1, that speaks Ollama's {@code /api/chat} (and
 * {@code /api/tags}) and OpenAI's {@code /v1/chat/completions} with scripted answers: no model, no weights.
 * Each request takes the next scripted {@link Reply}; when the script is used up, the responder decides.
 * Every request is kept for the test to inspect.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does with one request. */
    public sealed interface Reply permits Answer, Status, Slow {
    }

    /** A 200 with this assistant text, and token counts. */
    public record Answer(String content, int promptTokens, int completionTokens) implements Reply {
    }

    /** An error status with a body in the protocol's error shape. */
    public record Status(int code, String message) implements Reply {
    }

    /** Waits, then replies. */
    public record Slow(Duration delay, Reply then) implements Reply {
    }

    /** One request as received. */
    public record Request(String path, String authorization, JsonNode body) {

        /** The text of the last message with this role. */
        public String lastMessage(String role) {
            String text = null;
            for (JsonNode m : body.path("messages")) {
                if (role.equals(m.path("role").asText())) {
                    text = m.path("content").asText();
                }
            }
            return text;
        }
    }

    public static Answer answer(String content) {
        return new Answer(content, 900, 60);
    }

    public static Status status(int code, String message) {
        return new Status(code, message);
    }

    public static Slow slow(Duration delay, Reply then) {
        return new Slow(delay, then);
    }

    private final HttpServer http;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, Reply> otherwise = r -> status(500, "script used up");

    private ScriptedModelServer(HttpServer http) {
        this.http = http;
    }

    public static ScriptedModelServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ScriptedModelServer s = new ScriptedModelServer(http);
        http.createContext("/", s::handle);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-model-server");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return s;
    }

    public String ollamaUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public String openAiUrl() {
        return ollamaUrl() + "/v1";
    }

    /** Replies to the next requests, in order. */
    public synchronized ScriptedModelServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** What every request gets once the script is used up. */
    public ScriptedModelServer otherwise(Function<Request, Reply> responder) {
        this.otherwise = responder;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Chat requests only (not model listings). */
    public synchronized List<Request> chats() {
        return requests.stream().filter(r -> r.path().endsWith("/chat") || r.path().endsWith("/completions")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] in = ex.getRequestBody().readAllBytes();
            if (path.equals("/api/tags")) {
                send(ex, 200, "{\"models\":[{\"name\":\"zephyr:7b-beta\",\"model\":\"zephyr:7b-beta\"}]}");
                return;
            }
            boolean ollama = path.equals("/api/chat");
            boolean openAi = path.equals("/v1/chat/completions");
            if (!ollama && !openAi) {
                send(ex, 404, "{\"error\":\"no such endpoint " + path + "\"}");
                return;
            }
            Request request = new Request(path, ex.getRequestHeaders().getFirst("Authorization"),
                    JSON.readTree(new String(in, StandardCharsets.UTF_8)));
            Reply reply;
            synchronized (this) {
                requests.add(request);
                reply = script.isEmpty() ? null : script.poll();
            }
            if (reply == null) {
                reply = otherwise.apply(request);
            }
            respond(ex, request, reply, ollama);
        }
    }

    private void respond(HttpExchange ex, Request request, Reply reply, boolean ollama) throws IOException {
        if (reply instanceof Slow s) {
            try {
                Thread.sleep(s.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            respond(ex, request, s.then(), ollama);
        } else if (reply instanceof Status s) {
            String body = ollama ? "{\"error\":" + JSON.writeValueAsString(s.message()) + "}"
                    : "{\"error\":{\"message\":" + JSON.writeValueAsString(s.message())
                            + ",\"type\":\"scripted\",\"code\":null}}";
            send(ex, s.code(), body);
        } else if (reply instanceof Answer a) {
            String model = request.body().path("model").asText();
            ObjectNode out = JSON.createObjectNode();
            if (ollama) {
                out.put("model", model);
                out.put("created_at", "2026-11-28T00:00:00Z");
                ObjectNode message = out.putObject("message");
                message.put("role", "assistant");
                message.put("content", a.content());
                out.put("done", true);
                out.put("done_reason", "stop");
                out.put("prompt_eval_count", a.promptTokens());
                out.put("eval_count", a.completionTokens());
            } else {
                out.put("id", "chatcmpl-scripted");
                out.put("object", "chat.completion");
                out.put("created", 1_800_000_000L);
                out.put("model", model);
                ObjectNode choice = out.putArray("choices").addObject();
                choice.put("index", 0);
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                message.put("content", a.content());
                choice.put("finish_reason", "stop");
                ObjectNode usage = out.putObject("usage");
                usage.put("prompt_tokens", a.promptTokens());
                usage.put("completion_tokens", a.completionTokens());
                usage.put("total_tokens", a.promptTokens() + a.completionTokens());
            }
            send(ex, 200, out.toString());
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
