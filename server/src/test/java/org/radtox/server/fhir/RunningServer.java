package org.radtox.server.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

import org.radtox.server.config.ServerSettings;

/**
 * A real RadTox server on a free port of this machine, for tests that talk to it over HTTP as FHIR
 * clients do. The store is the embedded database, or PostgreSQL when {@code RADTOX_TEST_JDBC_URL} names
 * one (scripts/test starts a throwaway cluster and sets it).
 */
final class RunningServer implements AutoCloseable {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    final FhirServer server;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RunningServer(FhirServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    static RunningServer start(String jdbcUrl) throws Exception {
        return start(jdbcUrl, null);
    }

    static RunningServer start(String jdbcUrl, ServerSettings.Auth auth) throws Exception {
        return start(jdbcUrl, auth, org.radtox.cds.CdsSettings.builder().build());
    }

    static RunningServer start(String jdbcUrl, ServerSettings.Auth auth, org.radtox.cds.CdsSettings cds) throws Exception {
        Path dir = Files.createTempDirectory("radtox-server-test");
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, dir, jdbcUrl, null, null, 2, 120, false, auth, cds);
        return start(settings);
    }

    static RunningServer start(ServerSettings settings) throws Exception {
        return new RunningServer(FhirServer.start(settings));
    }


    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, null);
    }

    /** @param bearer a token for the Authorization header, or {@code null} for none */
    HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    <T extends Resource> T parse(Class<T> type, String json) {
        return FHIR.newJsonParser().parseResource(type, json);
    }

    List<Observation> observations(String query) throws Exception {
        var r = send("GET", "/fhir/Observation?" + query + "&_count=200", null);
        Bundle b = parse(Bundle.class, r.body());
        return b.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    static String note(String patient, String text) {
        String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"date\":\"2031-04-02T10:00:00Z\",\"content\":[{\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\","
                + "\"data\":\"" + data + "\"}}]}";
    }

    /** Waits for extraction, which runs in the background, up to a minute. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        eventually(condition, what, Duration.ofSeconds(60));
    }

    /** Waits for background work up to {@code limit} (a backfill re-extracts every note). */
    static void eventually(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
