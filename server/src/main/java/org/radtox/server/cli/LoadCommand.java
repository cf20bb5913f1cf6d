package org.radtox.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.server.interchange.NoteLineReader;

/**
 * {@code radtox load}: a load generator, run as its own process against a running server: sends notes in
 * transaction Bundles, then measures how long after its Bundle was acknowledged each note's Observations
 * became searchable. Figures, not a test.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Sends notes to a running RadTox server in transaction Bundles and reports the ingest rate and, for "
                + "sampled notes, the time from 'stored' to 'Observations searchable' (p50 / p95). Run it as a separate "
                + "process from the server, and report the machine with the figures."},
        footer = {"", "Example:", "  radtox load --base http://localhost:8080/fhir --notes 2000 --bundle 100"})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--base", required = true, paramLabel = "URL", description = "FHIR base of the server, e.g. http://localhost:8080/fhir.")
    String base;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = "data/gold/prostate-rt/train.jsonl",
            description = "Notes JSONL whose texts are sent, cycling (default: ${DEFAULT-VALUE}).")
    Path input;

    @Option(names = "--notes", defaultValue = "1000", description = "Notes to send (default: ${DEFAULT-VALUE}).")
    int notes;

    @Option(names = "--bundle", defaultValue = "100", description = "Notes per transaction Bundle (default: ${DEFAULT-VALUE}).")
    int bundleSize;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token, when the server requires one.")
    String token;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        List<String> texts = NoteLineReader.texts(input);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no readable notes in " + input);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<long[]> samples = new ArrayList<>(); // {acknowledgedAtNanos, bundleIndex}
        List<String> sampledPatients = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int sent = 0, b = 0; sent < notes; b++) {
            int n = Math.min(bundleSize, notes - sent);
            StringBuilder body = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
            String sampled = "load-" + run + "-" + b;
            for (int i = 0; i < n; i++) {
                String patient = i == 0 ? sampled : "load-" + run + "-p" + ((sent + i) % 500);
                String data = Base64.getEncoder().encodeToString(texts.get((sent + i) % texts.size()).getBytes(StandardCharsets.UTF_8));
                body.append(i > 0 ? "," : "").append("{\"resource\":{\"resourceType\":\"DocumentReference\",\"status\":\"current\",")
                        .append("\"subject\":{\"reference\":\"Patient/").append(patient).append("\"},\"content\":[{\"attachment\":")
                        .append("{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"").append(data).append("\"}}]},")
                        .append("\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"}}");
            }
            body.append("]}");
            HttpResponse<String> r = http.send(request("").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("radtox load: Bundle " + b + " refused: HTTP " + r.statusCode() + " " + r.body());
                return 1;
            }
            samples.add(new long[] {System.nanoTime(), b});
            sampledPatients.add(sampled);
            sent += n;
        }
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        // Time to searchable: poll each sampled note's patient until its Observations appear.
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode b = json.readTree(http.send(request("/Observation?subject=Patient/" + sampledPatients.get(i) + "&_summary=count")
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                if (b.path("total").asInt() > 0) {
                    latencies.add((System.nanoTime() - samples.get(i)[0]) / 1e9);
                    break;
                }
                Thread.sleep(50);
            }
        }
        latencies.sort(null);
        System.out.printf(Locale.ROOT, "notes            %d in %d Bundles of %d%n", notes, samples.size(), bundleSize);
        System.out.printf(Locale.ROOT, "ingest           %.1f s, %.0f notes/s%n", ingestSeconds, notes / ingestSeconds);
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "to searchable    p50 %.1f s, p95 %.1f s, max %.1f s (first note of each Bundle, from its ack)%n",
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                    latencies.get(latencies.size() - 1));
        }
        return 0;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
