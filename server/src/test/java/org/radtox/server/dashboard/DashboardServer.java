package org.radtox.server.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/**
 * A real RadTox server on a free port for the dashboard's tests: the embedded database, or PostgreSQL when
 * {@code RADTOX_TEST_JDBC_URL} names one. Notes go in through the FHIR API, as an EHR interface sends them.
 */
final class DashboardServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final FhirServer server;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DashboardServer(FhirServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** @param jdbcUrl {@code null} for a fresh embedded database */
    static DashboardServer start(String jdbcUrl) throws Exception {
        Path dir = Files.createTempDirectory("radtox-dashboard-test");
        return new DashboardServer(FhirServer.start(new ServerSettings("127.0.0.1", 0, dir, jdbcUrl, null, null, 2, 120, false, null)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GETs a dashboard API path that must answer 200, as JSON. */
    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    HttpResponse<String> send(String method, String path, String fhirJson) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(fhirJson)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Stores a note; returns its id. */
    String storeNote(String patient, String date, String noteType, String rtStart, String technique, String text) throws Exception {
        HttpResponse<String> r = send("POST", "/fhir/DocumentReference", note(null, patient, date, noteType, rtStart, technique, "current", text));
        if (r.statusCode() != 201) {
            throw new AssertionError("storing a note: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    static String note(String id, String patient, String date, String noteType, String rtStart, String technique, String status,
            String text) {
        StringBuilder ext = new StringBuilder();
        if (rtStart != null) {
            ext.append("{\"url\":\"http://radtox.org/fhir/StructureDefinition/rt-course-start\",\"valueDate\":\"").append(rtStart).append("\"}");
        }
        if (technique != null) {
            ext.append(ext.length() > 0 ? "," : "").append("{\"url\":\"http://radtox.org/fhir/StructureDefinition/rt-technique\","
                    + "\"valueString\":\"").append(technique).append("\"}");
        }
        String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return "{\"resourceType\":\"DocumentReference\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + (ext.length() > 0 ? "\"extension\":[" + ext + "]," : "") + "\"status\":\"" + status + "\","
                + "\"type\":{\"text\":\"" + noteType + "\"},\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"date\":\"" + date + "T10:00:00Z\",\"content\":[{\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\","
                + "\"data\":\"" + data + "\"}}]}";
    }

    /** Waits for background extraction, up to two minutes (a shared machine is slow). */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    /** Findings of the note type, as the API counts them, or -1 if the API fails. */
    long findings(String noteType) {
        try {
            return json("/api/dashboard/overview?noteType=" + noteType).at("/totals/findings").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
