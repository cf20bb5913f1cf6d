package org.radtox.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * A starting node's port: alive, not ready with the reason, and 503 + Retry-After for every other request, so that
 * a load balancer without health checks and a client both take it as "try again", never as a final answer.
 */
class StartupHealthTest {

    @Test
    void aStartingNodeIsAliveNotReadyAndAnswersEverythingElseWith503() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        try (StartupHealth health = StartupHealth.serve("127.0.0.1", port)) {
            health.doing("waiting for the database before starting: FATAL: password authentication failed");
            String base = "http://127.0.0.1:" + port;
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("password authentication failed"), ready.body());
            var post = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir")).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, post.statusCode(), post.body());
            assertEquals("5", post.headers().firstValue("Retry-After").orElse(""));
            assertEquals(503, http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/Observation?subject=Patient/x")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
