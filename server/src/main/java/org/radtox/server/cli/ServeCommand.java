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

    @Option(names = "--demo", description = "Load demo data; no authentication (localhost only).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        ServerSettings settings = new ServerSettings(port, dataDir, jdbcUrl, null, null, workers, demo);
        java.nio.file.Files.createDirectories(dataDir);
        long t0 = System.nanoTime();
        try (FhirServer server = FhirServer.start(settings)) {
            System.err.printf("radtox: ready in %.1f s; FHIR at http://localhost:%d/fhir%n", (System.nanoTime() - t0) / 1e9,
                    server.port());
            server.join();
        }
        return 0;
    }
}
