package org.radtox.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.config.ServerSettingsLoader;
import org.radtox.server.fhir.FhirServer;

/** {@code radtox serve}: the FHIR server with durable extraction, on one port. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the RadTox server: FHIR R4 at /fhir (DocumentReference notes in, toxicity Observations out), "
                + "with extraction workers, and CDS Hooks at /cds-services, on one port. The embedded database in --data-dir is "
                + "the zero-setup default."},
        footer = {"", "Example:", "  radtox serve --port 8080 --data-dir ./data"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any key of docs/CONFIGURATION.md; "
            + "RADTOX_* environment variables override it, and these options override both.")
    Path config;

    @Option(names = "--port", description = "HTTP port (default: 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "State folder (default: ./data).")
    Path dataDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Database (default: an embedded database in --data-dir).")
    String jdbcUrl;

    @Option(names = "--workers", paramLabel = "N", description = "Extraction worker threads (default: 2).")
    Integer workers;

    @Option(names = "--demo", description = "Store four demo patients with notes from the gold set on first start, and "
            + "answer CDS Hooks calls without checking the client's JWT (said loudly).")
    boolean demo;

    @Option(names = "--jwks", paramLabel = "FILE|URL",
            description = "JWK Set that signs the bearer tokens clients send (SMART backend services); without it the server "
                    + "runs open and only on 127.0.0.1.")
    String jwks;

    @Option(names = "--issuer", paramLabel = "ISS", description = "Required 'iss' of tokens (default: any).")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", description = "Required 'aud' of tokens (default: any).")
    String audience;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--student", paramLabel = "VERSION",
            description = "Student version extraction runs: embedded (the default), or one defined in --students-dir.")
    String student;

    @Option(names = "--students-dir", paramLabel = "DIR", description = "Folder of student version manifests (default: students).")
    Path studentsDir;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> given = new java.util.HashMap<>();
        given.put("port", port == null ? null : port.toString());
        given.put("host", host);
        given.put("data-dir", dataDir == null ? null : dataDir.toString());
        given.put("jdbc.url", jdbcUrl);
        given.put("workers", workers == null ? null : workers.toString());
        given.put("demo", demo ? "true" : null);
        given.put("auth.jwks", jwks);
        given.put("auth.issuer", issuer);
        given.put("auth.audience", audience);
        given.put("student", student);
        given.put("students-dir", studentsDir == null ? null : studentsDir.toString());
        given.put("cds.demo-open", demo ? "true" : null);
        ServerSettings settings = ServerSettingsLoader.load(config, System.getenv(), given);
        String host = settings.host();
        int port = settings.port();
        Path dataDir = settings.dataDir();
        java.nio.file.Files.createDirectories(dataDir);
        if (settings.auth() == null) {
            System.err.println("radtox: NO AUTHENTICATION: serving FHIR to anyone on this machine (" + host + ":" + port
                    + "); give --jwks to require bearer tokens");
        } else {
            System.err.println("radtox: bearer tokens required, verified against " + settings.auth().jwks());
        }
        if (settings.cds().demoOpen()) {
            System.err.println("radtox: CDS HOOKS DEMO MODE: CDS client JWTs are NOT checked at /cds-services; never use"
                    + " this server with real patients");
        } else if (settings.cds().trust().isEmpty()) {
            System.err.println("radtox: CDS Hooks: no trusted CDS client (cds.jwt.issuers): every hook call will get 401");
        } else {
            System.err.println("radtox: CDS Hooks: client JWTs accepted from "
                    + String.join(", ", settings.cds().trust().issuers().keySet()));
        }
        System.err.println("radtox: starting (about half a minute) with " + (settings.jdbcUrl() == null
                ? "the embedded database in " + dataDir.toAbsolutePath() : settings.effectiveJdbcUrl()));
        // Live and not ready from the first second on, with the reason, until the server itself takes the port.
        try (org.radtox.server.health.StartupHealth starting = org.radtox.server.health.StartupHealth.serve(host, port)) {
            if (settings.postgres()) {
                new org.radtox.server.health.DatabaseWait(settings.effectiveJdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(),
                        java.time.Duration.ofSeconds(5), System.err::println).await(starting);
            }
            serve(settings, starting);
        }
        return 0;
    }

    private static void serve(ServerSettings settings, org.radtox.server.health.StartupHealth starting) throws Exception {
        long t0 = System.nanoTime();
        try (FhirServer server = FhirServer.start(settings, () -> {
            try {
                starting.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the start-up health endpoint: " + e.getMessage(), e);
            }
        })) {
            String base = "http://localhost:" + server.port();
            System.err.printf("radtox: ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (settings.demo()) {
                int loaded = server.loadDemo();
                System.err.println(loaded > 0 ? "radtox: demo: stored " + loaded + " notes of 4 patients; extraction runs now"
                        : "radtox: demo: demo patients already stored");
            }
            System.err.println("  FHIR base             " + base + "/fhir");
            System.err.println("  a patient's toxicity  " + base + "/fhir/Observation?subject=Patient/demo-1&_sort=date");
            System.err.println("  toxicity summary      " + base + "/fhir/Patient/demo-1/$toxicity-summary");
            System.err.println("  CDS Hooks discovery   " + base + "/cds-services (patient-view: POST " + base
                    + "/cds-services/radtox-toxicity)");
            System.err.println("  extraction jobs       " + base + "/admin/extraction");
            System.err.println("  CDS feedback          " + base + "/admin/cds-feedback, " + base
                    + "/admin/cds-feedback/gold.jsonl");
            System.err.println("  health, metrics       " + base + "/health/ready, " + base + "/metrics");
            server.join();
        }
    }
}
