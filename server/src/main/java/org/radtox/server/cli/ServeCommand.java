package org.radtox.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/** {@code radtox serve}: the FHIR server with durable extraction, on one port. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the RadTox server: FHIR R4 at /fhir (DocumentReference notes in, toxicity Observations out), "
                + "with extraction workers, on one port. The embedded database in --data-dir is the zero-setup default."},
        footer = {"", "Example:", "  radtox serve --port 8080 --data-dir ./data"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR", description = "State folder (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Database (default: an embedded database in --data-dir).")
    String jdbcUrl;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Extraction worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--demo", description = "Load four demo patients with notes from the gold set on first start.")
    boolean demo;

    @Option(names = "--jwks", paramLabel = "FILE|URL",
            description = "JWK Set that signs the bearer tokens clients send (SMART backend services); without it the server "
                    + "runs open and only on 127.0.0.1.")
    String jwks;

    @Option(names = "--issuer", paramLabel = "ISS", description = "Required 'iss' of tokens (default: any).")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", description = "Required 'aud' of tokens (default: any).")
    String audience;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Override
    public Integer call() throws Exception {
        ServerSettings settings = new ServerSettings(host, port, dataDir, jdbcUrl, null, null, workers, demo,
                jwks == null ? null : new ServerSettings.Auth(jwks, issuer, audience));
        java.nio.file.Files.createDirectories(dataDir);
        if (settings.auth() == null) {
            System.err.println("radtox: NO AUTHENTICATION: serving FHIR to anyone on this machine (" + host + ":" + port
                    + "); give --jwks to require bearer tokens");
        } else {
            System.err.println("radtox: bearer tokens required, verified against " + jwks);
        }
        System.err.println("radtox: starting (about half a minute) with " + (settings.jdbcUrl() == null
                ? "the embedded database in " + dataDir.toAbsolutePath() : settings.effectiveJdbcUrl()));
        long t0 = System.nanoTime();
        try (FhirServer server = FhirServer.start(settings)) {
            String base = "http://localhost:" + server.port();
            System.err.printf("radtox: ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (demo) {
                int loaded = server.loadDemo();
                System.err.println(loaded > 0 ? "radtox: demo: stored " + loaded + " notes of 4 patients; extraction runs now"
                        : "radtox: demo: demo patients already stored");
            }
            System.err.println("  FHIR base             " + base + "/fhir");
            System.err.println("  a patient's toxicity  " + base + "/fhir/Observation?subject=Patient/demo-1&_sort=date");
            System.err.println("  toxicity summary      " + base + "/fhir/Patient/demo-1/$toxicity-summary");
            System.err.println("  extraction jobs       " + base + "/admin/extraction");
            System.err.println("  health, metrics       " + base + "/health/ready, " + base + "/metrics");
            server.join();
        }
        return 0;
    }
}
