package org.radtox.cds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An EHR's FHIR server, real HTTP on a free port: answers DocumentReference and Observation searches and Binary
 * reads with what the test put there, and can be made slow or failing. Remembers every request it got.
 */
final class FakeEhr implements AutoCloseable {

    /** One request as the EHR saw it. */
    record Seen(String method, String pathAndQuery, String authorization) {
    }

    final String base;
    final List<Seen> requests = new CopyOnWriteArrayList<>();
    volatile String notes = Charts.searchset();
    volatile String observations = Charts.searchset();
    final Map<String, String> binaries = new ConcurrentHashMap<>();
    volatile Duration delay = Duration.ZERO;
    volatile Duration observationsDelay = Duration.ZERO;
    volatile int failWith;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    FakeEhr() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/", this::handle);
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String uri = x.getRequestURI().toString();
            requests.add(new Seen(x.getRequestMethod(), uri, x.getRequestHeaders().getFirst("Authorization")));
            Duration wait = x.getRequestURI().getPath().equals("/fhir/Observation") ? delay.plus(observationsDelay) : delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failWith != 0) {
                reply(x, failWith, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\","
                        + "\"diagnostics\":\"the EHR is down\"}]}");
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.equals("/fhir/DocumentReference")) {
                reply(x, 200, notes);
            } else if (path.equals("/fhir/Observation")) {
                reply(x, 200, observations);
            } else if (path.startsWith("/fhir/Binary/") && binaries.containsKey(path.substring("/fhir/".length()))) {
                reply(x, 200, binaries.get(path.substring("/fhir/".length())));
            } else {
                reply(x, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}");
            }
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/fhir+json;charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
