package org.radtox.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.server.interchange.NoteLineReader;
import org.radtox.student.note.Note;

/**
 * {@code radtox cds-load}: a load generator for the CDS Hooks service, run as its own process against a running
 * server: patient-view calls with prefetched notes of about --words words, from --clients concurrent clients,
 * each call signed like a CDS client's (RS384, a fresh jti, aud the service URL). "Cold" calls carry notes the
 * server has never read; "warm" calls repeat charts it has. Prints p50 / p99. Figures, not a test.
 */
@Command(name = "cds-load", mixinStandardHelpOptions = true,
        description = {"Fires patient-view CDS Hooks calls with --notes prefetched notes of about --words words at a running "
                + "server from --clients concurrent clients, cold (notes never seen) and warm (charts seen before), and "
                + "prints latency percentiles. --write-key DIR makes the client key the server must trust first."},
        footer = {"", "Example (scripts/bench-cds does all of it):",
                "  radtox cds-load --write-key /tmp/k",
                "  RADTOX_CDS_JWT_ISSUERS='radtox-cds-load /tmp/k/client-jwks.json' radtox serve --port 18080 &",
                "  radtox cds-load --base http://127.0.0.1:18080 --key /tmp/k/client-private.jwk --clients 16"})
final class CdsLoadCommand implements Callable<Integer> {

    static final String ISSUER = "radtox-cds-load";
    private static final String SERVICE = "/cds-services/radtox-toxicity";

    @Option(names = "--write-key", paramLabel = "DIR", description = "Write a new client key (client-private.jwk, and "
            + "client-jwks.json for the server's cds.jwt.issuers) to DIR and stop.")
    Path writeKey;

    @Option(names = "--base", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080", description = "The server (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--key", paramLabel = "FILE", description = "The client's private JWK (from --write-key); without it calls carry no JWT (a server in demo mode).")
    Path key;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = "data/gold/prostate-rt/train.jsonl",
            description = "Notes JSONL whose texts are joined into bench notes (default: ${DEFAULT-VALUE}).")
    Path input;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--notes", defaultValue = "20", description = "Prefetched notes per call (default: ${DEFAULT-VALUE}).")
    int notesPerCall;

    @Option(names = "--words", defaultValue = "300", description = "Words per note (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--cold-calls", defaultValue = "320", description = "Measured calls with unseen notes (default: ${DEFAULT-VALUE}).")
    int coldCalls;

    @Option(names = "--warm-calls", defaultValue = "3200", description = "Measured calls with charts seen before (default: ${DEFAULT-VALUE}).")
    int warmCalls;

    @Option(names = "--warm-charts", defaultValue = "32", description = "Distinct charts the warm calls cycle through (default: ${DEFAULT-VALUE}).")
    int warmCharts;

    @Option(names = "--warmup-calls", defaultValue = "160", description = "Unmeasured calls first, for the server's JIT (default: ${DEFAULT-VALUE}).")
    int warmupCalls;

    @Option(names = "--server-pid", paramLabel = "PID", description = "The server's process id on this machine (Linux): "
            + "also report the server's CPU time per measured call, which the machine's other load does not inflate.")
    Integer serverPid;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger noteSerial = new AtomicInteger();
    private RSAKey signingKey;
    private List<Note> texts;

    @Override
    public Integer call() throws Exception {
        if (writeKey != null) {
            return writeKey();
        }
        if (key != null) {
            signingKey = RSAKey.parse(Files.readString(key));
        }
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input not found: " + input + " (run from the repository root, or give --input)");
        }
        texts = BenchCommand.compose(NoteLineReader.texts(input), words, 500);
        System.out.printf(Locale.ROOT, "cds-load         %s%s, %d clients, %d notes of ~%d words per call (%.0f KB per call)%n",
                base, SERVICE, clients, notesPerCall, words, chart("size-probe").length() / 1024.0);

        Phase warmup = run("warm-up (JIT, unmeasured)", warmupCalls, clients, i -> chart("warmup-" + i));
        report(warmup, false);
        Phase cold = run("cold: notes never seen", coldCalls, clients, i -> chart("cold-" + i));
        report(cold, true);
        List<String> warmBodies = new ArrayList<>();
        for (int c = 0; c < warmCharts; c++) {
            warmBodies.add(chart("warm-" + c));
        }
        // One at a time, so that every note of every chart is read within the deadline and then known.
        report(run("priming the warm charts (unmeasured)", warmCharts, 1, warmBodies::get), false);
        Phase warm = run("warm: charts seen before", warmCalls, clients, i -> warmBodies.get(i % warmCharts));
        report(warm, true);
        System.out.printf(Locale.ROOT, "machine          %d cores, java %s (this load generator; the server is another process)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        return cold.failures.get() + warm.failures.get() == 0 ? 0 : 1;
    }

    private int writeKey() throws Exception {
        Files.createDirectories(writeKey);
        RSAKey k = new RSAKeyGenerator(2048).keyID("cds-load-" + run).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384).generate();
        Files.writeString(writeKey.resolve("client-private.jwk"), k.toJSONString());
        Files.writeString(writeKey.resolve("client-jwks.json"), new JWKSet(k.toPublicJWK()).toString());
        System.err.println("wrote " + writeKey.resolve("client-private.jwk") + " and " + writeKey.resolve("client-jwks.json")
                + "; trust it with cds.jwt.issuers='" + ISSUER + " " + writeKey.resolve("client-jwks.json") + "'");
        return 0;
    }

    /** One patient's patient-view call with its prefetched notes; every note of a fresh chart is a text never sent before. */
    private String chart(String patient) {
        StringBuilder entries = new StringBuilder();
        for (int n = 0; n < notesPerCall; n++) {
            int serial = noteSerial.incrementAndGet();
            String text = texts.get(serial % texts.size()).text() + "\n\nVisit reference " + run + "-" + serial + ".";
            String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            String day = String.format(Locale.ROOT, "2031-%02d-%02d", 1 + n % 12, 1 + n % 28);
            entries.append(n > 0 ? "," : "").append("{\"fullUrl\":\"https://ehr.example/fhir/DocumentReference/").append(patient)
                    .append('-').append(n).append("\",\"resource\":{\"resourceType\":\"DocumentReference\",\"id\":\"").append(patient)
                    .append('-').append(n).append("\",\"meta\":{\"versionId\":\"1\"},\"status\":\"current\",\"subject\":{\"reference\":")
                    .append("\"Patient/").append(patient).append("\"},\"date\":\"").append(day).append("T10:00:00Z\",\"content\":[{")
                    .append("\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"").append(data).append("\"}}]},")
                    .append("\"search\":{\"mode\":\"match\"}}");
        }
        return "{\"hookInstance\":\"" + UUID.randomUUID() + "\",\"hook\":\"patient-view\",\"context\":{\"userId\":\"Practitioner/1\","
                + "\"patientId\":\"" + patient + "\"},\"prefetch\":{\"recentNotes\":{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                + "\"entry\":[" + entries + "]},\"recordedToxicities\":null}}";
    }

    /** The calls of one phase and their outcome. */
    private static final class Phase {
        final String name;
        final long[] nanos;
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong cards = new AtomicLong();
        /** Answers given at the deadline with some notes unread. */
        final AtomicInteger partial = new AtomicInteger();
        double seconds;
        long serverCpuMillis = -1;

        Phase(String name, int calls) {
            this.name = name;
            this.nanos = new long[calls];
        }
    }

    private Phase run(String name, int calls, int concurrency, java.util.function.IntFunction<String> bodies) throws Exception {
        Phase phase = new Phase(name, calls);
        // Bodies and tokens are made before the clock starts: the load generator must not be what is measured.
        String[] prepared = new String[calls];
        String[] tokens = new String[calls];
        for (int i = 0; i < calls; i++) {
            prepared[i] = bodies.apply(i);
            tokens[i] = signingKey == null ? null : token();
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long cpu0 = serverCpuMillis();
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + SERVICE)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(prepared[i]));
                    if (tokens[i] != null) {
                        r.header("Authorization", "Bearer " + tokens[i]);
                    }
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                        phase.nanos[i] = System.nanoTime() - s;
                        if (resp.statusCode() != 200) {
                            if (phase.failures.incrementAndGet() <= 3) {
                                System.err.println("cds-load: HTTP " + resp.statusCode() + ": " + resp.body());
                            }
                        } else {
                            JsonNode cards = json.readTree(resp.body()).path("cards");
                            phase.cards.addAndGet(cards.size());
                            if (!resp.headers().firstValue("RadTox-Notes-Unread").orElse("0").equals("0")) {
                                phase.partial.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        phase.nanos[i] = System.nanoTime() - s;
                        if (phase.failures.incrementAndGet() <= 3) {
                            System.err.println("cds-load: " + e);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        phase.seconds = (System.nanoTime() - t0) / 1e9;
        phase.serverCpuMillis = cpu0 < 0 ? -1 : serverCpuMillis() - cpu0;
        pool.shutdown();
        return phase;
    }

    /** The server's user + system CPU time so far, from /proc (clock ticks of 10 ms); -1 when not known. */
    private long serverCpuMillis() {
        if (serverPid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (Exception e) {
            return -1;
        }
    }

    private String token() throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(base + SERVICE).jwtID(UUID.randomUUID().toString())
                .issueTime(new Date(now)).expirationTime(new Date(now + 30 * 60_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private void report(Phase p, boolean measured) {
        long[] sorted = p.nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-16s %s: %d calls in %.1f s (%.0f calls/s, %.0f notes/s), %.1f cards per call, %d failed,"
                + " %d answered at the deadline with notes unread%n", measured ? "measured" : "not measured", p.name, n, p.seconds,
                n / p.seconds, n * (double) notesPerCall / p.seconds, p.cards.get() / (double) Math.max(1, n - p.failures.get()),
                p.failures.get(), p.partial.get());
        if (measured) {
            System.out.printf(Locale.ROOT, "                 latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    sorted[n / 2] / 1e6, sorted[(int) Math.ceil(n * 0.90) - 1] / 1e6, sorted[(int) Math.ceil(n * 0.99) - 1] / 1e6,
                    sorted[n - 1] / 1e6);
            if (p.serverCpuMillis >= 0) {
                System.out.printf(Locale.ROOT, "                 server CPU %.1f ms per call (%.1f s over the phase)%n",
                        p.serverCpuMillis / (double) n, p.serverCpuMillis / 1000.0);
            }
        }
    }
}
