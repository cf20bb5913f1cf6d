package org.radtox.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/**
 * deploy/monitoring against a real server: every radtox_* series the alert rules, the Grafana dashboard and the
 * prometheus-adapter rules name is in the /metrics of a server that has stored and extracted a note. A renamed
 * metric breaks this test rather than silently an alert.
 */
class MonitoringFilesTest {

    private static final Pattern SERIES = Pattern.compile("\\b(radtox_[a-z0-9_]+)");

    @TempDir
    Path dir;

    @Test
    void everySeriesTheAlertsTheDashboardAndTheAdapterNameIsServedByRadTox() throws Exception {
        Map<String, Object> rules = new Yaml().load(DeployFiles.read("deploy/monitoring/alerts.yaml"));
        Set<String> named = new TreeSet<>();
        int alerts = 0;
        for (Object g : (List<?>) rules.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                assertTrue(rule.get("alert") instanceof String && rule.get("expr") instanceof String, "alert and expr: " + rule);
                assertTrue(((Map<?, ?>) rule.get("labels")).get("severity") != null, "severity: " + rule.get("alert"));
                assertTrue(((Map<?, ?>) rule.get("annotations")).get("summary") != null, "summary: " + rule.get("alert"));
                named.addAll(DeployFiles.matches((String) rule.get("expr"), SERIES));
                alerts++;
            }
        }
        assertTrue(alerts >= 5, "alerts on queue depth, failure rate, latency, model-server errors, nodes: " + alerts);
        JsonNode dashboard = new ObjectMapper().readTree(DeployFiles.read("deploy/monitoring/grafana-dashboard.json"));
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                named.addAll(DeployFiles.matches(t.path("expr").asText(), SERIES));
            }
        }
        Map<String, Object> adapter = new Yaml().load(DeployFiles.read("deploy/monitoring/prometheus-adapter.yaml"));
        Map<?, ?> external = (Map<?, ?>) ((List<?>) ((Map<?, ?>) adapter.get("rules")).get("external")).get(0);
        named.addAll(DeployFiles.matches((String) external.get("seriesQuery"), SERIES));
        named.addAll(DeployFiles.matches((String) external.get("metricsQuery"), SERIES));
        // The HPA reads the adapter's name for the queue, not a series of its own.
        assertEquals("radtox_extraction_queued", ((Map<?, ?>) external.get("name")).get("as"));
        assertTrue(DeployFiles.read("deploy/k8s/base/hpa.yaml").contains("name: radtox_extraction_queued"));

        String scrape = scrapeAfterOneNote();
        Set<String> served = DeployFiles.matches(scrape, Pattern.compile("(?m)^(radtox_[a-z0-9_]+)[{ ]"));
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(served);
        assertEquals(Set.of(), missing, "series named in deploy/monitoring but not served; served: " + served);
        assertTrue(named.containsAll(Set.of("radtox_extraction_jobs", "radtox_extraction_failures_total",
                "radtox_extraction_latency_seconds", "radtox_extraction_failures_in_a_row")), named.toString());
    }

    private String scrapeAfterOneNote() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, dir.resolve("data"), null, null, null, 2, 120, false, null);
        HttpClient http = HttpClient.newHttpClient();
        try (FhirServer server = FhirServer.start(settings)) {
            String base = "http://127.0.0.1:" + server.port();
            String note = "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/m-1\"},"
                    + "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"VXAgM3ggYXQgbmlnaHQgdG8gdm9pZC4=\"}}]}";
            var posted = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/DocumentReference"))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(note)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, posted.statusCode(), posted.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                String scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (scrape.contains("radtox_notes_extracted_total 1.0") || System.nanoTime() > deadline) {
                    return scrape;
                }
                Thread.sleep(250);
            }
        }
    }
}
