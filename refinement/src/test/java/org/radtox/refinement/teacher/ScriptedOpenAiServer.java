package org.radtox.refinement.teacher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat-completions endpoint on a real local port, answering from a script: each call
 * takes the next scripted assistant message and token counts, and every request body is kept for the test.
 */
final class ScriptedOpenAiServer implements AutoCloseable {

    record Answer(String content, int promptTokens, int completionTokens) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer a;
            synchronized (this) {
                requests.add(body);
                a = script.poll();
            }
            byte[] out;
            int status = 200;
            if (a == null) {
                status = 500;
                out = "{\"error\":{\"message\":\"no scripted answer left\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                        .put("created", 1_790_000_000L).put("model", "gpt-4o-2024-08-06");
                ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", a.content());
                r.putObject("usage").put("prompt_tokens", a.promptTokens()).put("completion_tokens", a.completionTokens())
                        .put("total_tokens", a.promptTokens() + a.completionTokens());
                out = JSON.writeValueAsBytes(r);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized void answer(String content, int promptTokens, int completionTokens) {
        script.add(new Answer(content, promptTokens, completionTokens));
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
