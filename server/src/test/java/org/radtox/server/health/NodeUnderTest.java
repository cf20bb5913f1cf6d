package org.radtox.server.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP as a load balancer and an operator see a node: readiness, notes posted, Observations searched. */
final class NodeUnderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    NodeUnderTest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Readiness as the load balancer reads it: the status code, and the body naming each check. */
    record Ready(int code, JsonNode body) {
        String check(String name) {
            for (JsonNode c : body.path("checks")) {
                if (name.equals(c.path("name").asText())) {
                    return c.path("status").asText() + ": " + c.path("message").asText();
                }
            }
            return "(no check " + name + " in " + body + ")";
        }
    }

    Ready ready() {
        try {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Ready(r.statusCode(), JSON.readTree(r.body()));
        } catch (Exception e) {
            return new Ready(-1, JSON.createObjectNode().put("error", e.toString()));
        }
    }

    /** POSTs a note for this patient; returns the HTTP status (or -1 when the node did not answer). */
    int postNote(String patient, String text) {
        String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        String note = "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"content\":[{\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"" + data + "\"}}]}";
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/fhir/DocumentReference")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(note)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    int count(String search) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/fhir/" + search + (search.contains("?") ? "&" : "?")
                + "_summary=count")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(search + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("total").asInt();
    }

    /** The value of one series in the node's Prometheus scrape, e.g. {@code radtox_extraction_jobs{state="failed"}}. */
    double metric(String series) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /metrics:\n" + r.body());
    }

    static void eventually(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(250);
        }
    }
}
