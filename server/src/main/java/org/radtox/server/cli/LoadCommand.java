package org.radtox.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
        footer = {"", "Examples:", "  radtox load --base http://localhost:8080/fhir --notes 2000 --bundle 100",
                "  radtox load --base http://localhost:8080/fhir --notes 3000 --bundle 100 --rate 50   # the issue's sustained load",
                "  radtox load --base http://localhost:8080/fhir --notes 0 --queries 1000             # search latency only"})
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

    @Option(names = "--rate", paramLabel = "NOTES_PER_S", defaultValue = "0",
            description = "Pace the load at this many notes per second; 0 sends as fast as the server takes them (default).")
    double rate;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "1",
            description = "Bundles sent at once (default: ${DEFAULT-VALUE}, one after the other). One client waiting for each "
                    + "answer cannot keep several nodes busy; several interfaces sending at once can.")
    int inFlight;

    @Option(names = "--queries", defaultValue = "0",
            description = "After the notes, time this many searches Observation?patient=&code= (random stored patient, random "
                    + "symptom), one at a time, and report p50 / p95 (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token, when the server requires one.")
    String token;

    @Option(names = "--retry-for", paramLabel = "SECONDS", defaultValue = "0",
            description = "Send a refused or unanswered Bundle again for up to this long (a node killed behind a load balancer, "
                    + "a database restarting). Each note then carries an identifier (system " + LOAD_IDENTIFIER + ") and is a "
                    + "conditional create, so a Bundle stored before its answer was lost is not stored twice. "
                    + "0 stops at the first refusal (default).")
    int retryFor;

    /** Identifies the notes of --retry-for runs: value RUN-N, RUN printed at the start, N from 0. */
    static final String LOAD_IDENTIFIER = "urn:radtox:load";
    /** How often waiting notes are looked for: the resolution of "to searchable", a twentieth of the 2 s target. */
    static final long POLL_MILLIS = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        // Checked before anything is read or sent: a bad option must not leave half a load on the server.
        if (inFlight < 1) {
            throw new IllegalArgumentException("--in-flight must be 1 or more, not " + inFlight);
        }
        int status = notes > 0 ? sendNotes() : 0;
        if (queries > 0) {
            timeSearches();
        }
        return status;
    }

    /**
     * The query a clinician's app or the dashboard makes most: one patient's findings of one symptom. Patients
     * come from the server itself, so the figure holds for whatever the database contains.
     */
    private void timeSearches() throws IOException, InterruptedException {
        JsonNode page = json.readTree(http.send(request("/Patient?_count=500&_elements=id").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> patients = new ArrayList<>();
        page.path("entry").forEach(e -> patients.add(e.path("resource").path("id").asText()));
        if (patients.isEmpty()) {
            System.out.println("searches         none: the server has no patients yet");
            return;
        }
        JsonNode total = json.readTree(http.send(request("/Observation?_summary=count").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> codes = org.radtox.student.symptoms.SymptomSet.prostateRt().symptoms().stream()
                .map(s -> org.radtox.fhir.RadToxFhir.SYMPTOM_SYSTEM + "%7C" + s.key()).toList();
        java.util.Random random = new java.util.Random(42);
        List<Double> millis = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < queries; i++) {
            String q = "/Observation?patient=" + patients.get(random.nextInt(patients.size())) + "&code="
                    + codes.get(random.nextInt(codes.size())) + "&_count=50";
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request(q).GET().build(), HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - t) / 1e6);
            if (r.statusCode() != 200) {
                throw new IOException("search " + q + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            found += json.readTree(r.body()).path("entry").size();
        }
        millis.sort(null);
        System.out.printf(Locale.ROOT, "searches         %d of Observation?patient=&code= over %d Observations, %d patients sampled: "
                        + "p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d Observations returned in all)%n", queries,
                total.path("total").asLong(), patients.size(), millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1), found);
    }

    private int sendNotes() throws Exception {
        List<String> texts = NoteLineReader.texts(input);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no readable notes in " + input);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (retryFor > 0) {
            System.out.println("run              " + run + " (notes identified " + LOAD_IDENTIFIER + "|" + run + "-N)");
        }
        SearchablePoller poller = new SearchablePoller();
        Thread polling = new Thread(poller, "radtox-load-poller");
        polling.setDaemon(true);
        polling.start();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<String> refused = new AtomicReference<>();
        long t0 = System.nanoTime();
        int bundles = 0;
        for (int sent = 0; sent < notes && refused.get() == null; bundles++) {
            if (rate > 0) {
                // Paced: the next Bundle leaves when the notes already sent are due at the requested rate.
                long due = t0 + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            int n = Math.min(bundleSize, notes - sent);
            StringBuilder body = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
            // The last note of a Bundle is the last its worker reaches: sampling it measures the slow end.
            String sampled = "load-" + run + "-" + bundles;
            for (int i = 0; i < n; i++) {
                String patient = i == n - 1 ? sampled : "load-" + run + "-p" + ((sent + i) % 500);
                String data = Base64.getEncoder().encodeToString(texts.get((sent + i) % texts.size()).getBytes(StandardCharsets.UTF_8));
                body.append(i > 0 ? "," : "").append("{\"resource\":{\"resourceType\":\"DocumentReference\",\"status\":\"current\",")
                        .append("\"subject\":{\"reference\":\"Patient/").append(patient).append("\"},\"content\":[{\"attachment\":")
                        .append("{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"").append(data).append("\"}}]");
                String id = run + "-" + (sent + i);
                if (retryFor > 0) {
                    body.append(",\"identifier\":[{\"system\":\"").append(LOAD_IDENTIFIER).append("\",\"value\":\"").append(id).append("\"}]");
                }
                body.append("},\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"");
                if (retryFor > 0) {
                    body.append(",\"ifNoneExist\":\"identifier=").append(LOAD_IDENTIFIER).append("|").append(id).append("\"");
                }
                body.append("}}");
            }
            body.append("]}");
            int number = bundles;
            slots.acquire();
            senders.execute(() -> {
                try {
                    HttpResponse<String> r = send(body.toString());
                    if (r == null) {
                        refused.compareAndSet(null, "radtox load: Bundle " + number + " got no answer within --retry-for " + retryFor + " s");
                    } else if (r.statusCode() != 200) {
                        refused.compareAndSet(null, "radtox load: Bundle " + number + " refused: HTTP " + r.statusCode() + " " + r.body());
                    } else {
                        poller.watch(sampled, System.nanoTime());
                    }
                } catch (IOException e) {
                    refused.compareAndSet(null, "radtox load: Bundle " + number + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slots.release();
                }
            });
            sent += n;
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.DAYS);
        if (refused.get() != null) {
            System.err.println(refused.get());
            return 1;
        }
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        List<Double> latencies = poller.awaitAll(Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "notes            %d in %d Bundles of %d%s%n", notes, bundles, bundleSize,
                (rate > 0 ? String.format(Locale.ROOT, ", paced at %.0f notes/s", rate) : ", as fast as the server takes them")
                        + (inFlight > 1 ? ", " + inFlight + " at once" : ""));
        System.out.printf(Locale.ROOT, "ingest           %.1f s, %.0f notes/s%n", ingestSeconds, notes / ingestSeconds);
        if (latencies.size() < bundles) {
            System.out.printf(Locale.ROOT, "to searchable    %d of %d sampled notes never became searchable within 10 minutes%n",
                    bundles - latencies.size(), bundles);
        }
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "to searchable    p50 %.2f s, p95 %.2f s, max %.2f s (last note of each Bundle, from the "
                    + "Bundle's acknowledgement, polled every " + POLL_MILLIS + " ms while the load runs)%n",
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                    latencies.get(latencies.size() - 1));
        }
        return latencies.size() == bundles ? 0 : 1;
    }

    /**
     * Sends one Bundle; with --retry-for, again after a refusal the client may retry (5xx, 429, no answer),
     * until accepted or the time is up (then null, or the last refusal).
     */
    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(retryFor).toNanos();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = null;
            String problem;
            try {
                r = http.send(request("").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || (r.statusCode() < 500 && r.statusCode() != 429)) {
                    return r;
                }
                problem = "HTTP " + r.statusCode();
            } catch (IOException e) {
                if (retryFor <= 0) {
                    throw e;
                }
                problem = e.toString();
            }
            if (retryFor <= 0 || System.nanoTime() > deadline) {
                return r;
            }
            System.err.println("radtox load: a Bundle was refused (" + problem + "), attempt " + attempt + "; sending it again");
            Thread.sleep(Math.min(5000, 250L * attempt));
        }
    }

    /**
     * Polls sampled notes' patients while the load runs, so a note's time to searchable is measured as it happens.
     * One search a round for all the notes still waiting, every {@link #POLL_MILLIS}: polling patient by patient
     * sent more searches the further extraction fell behind, and the measuring then ate into what it measured.
     */
    private final class SearchablePoller implements Runnable {
        /**
         * Patients per search, the oldest first; more wait for the next round. A sampled patient has one note, so at
         * most twelve Observations: 25 of them fit the server's largest page (500) with room to spare.
         */
        private static final int PER_SEARCH = 25;
        private final Map<String, Long> pending = new ConcurrentHashMap<>();
        private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());

        void watch(String patient, long acknowledgedAtNanos) {
            pending.put(patient, acknowledgedAtNanos);
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                List<String> waiting = pending.keySet().stream().sorted(java.util.Comparator.comparing(pending::get))
                        .limit(PER_SEARCH).toList();
                if (!waiting.isEmpty()) {
                    try {
                        for (String patient : searchable(waiting)) {
                            Long acknowledged = pending.remove(patient);
                            if (acknowledged != null) {
                                latencies.add((System.nanoTime() - acknowledged) / 1e9);
                            }
                        }
                    } catch (IOException ex) {
                        System.err.println("radtox load: polling " + waiting.size() + " patients: " + ex.getMessage());
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }

        /** Which of these patients have at least one Observation now. */
        private java.util.Set<String> searchable(List<String> patients) throws IOException, InterruptedException {
            String subjects = patients.stream().map(p -> "Patient/" + p).collect(java.util.stream.Collectors.joining(","));
            JsonNode b = json.readTree(http.send(request("/Observation?subject=" + subjects + "&_elements=subject&_count=500")
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            java.util.Set<String> found = new java.util.HashSet<>();
            for (JsonNode entry : b.path("entry")) {
                String subject = entry.path("resource").path("subject").path("reference").asText();
                found.add(subject.substring(subject.lastIndexOf('/') + 1));
            }
            return found;
        }

        List<Double> awaitAll(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Double> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            sorted.sort(null);
            return sorted;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
