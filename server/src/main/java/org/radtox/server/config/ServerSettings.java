package org.radtox.server.config;

import java.nio.file.Path;
import java.util.Objects;

import org.radtox.cds.CdsSettings;

/**
 * How a RadTox server runs, from the {@code serve} command's options.
 *
 * @param host             address to listen on (loopback by default: there is no authentication yet)
 * @param port             HTTP port for FHIR, CDS Hooks and the dashboard
 * @param dataDir          where the embedded database and other state live
 * @param jdbcUrl          the store; {@code null} means the embedded database in {@code dataDir}
 * @param jdbcUser         database user, may be {@code null}
 * @param jdbcPassword     database password, may be {@code null}
 * @param extractionWorkers worker threads that take extraction jobs (0 disables extraction on this node)
 * @param leaseSeconds     how long a claimed job stays with its worker before another may take it
 * @param demo             load demo data
 * @param auth             how bearer tokens are verified; {@code null} runs open (loopback only)
 * @param student          the student version extraction runs ({@code embedded} or a defined version)
 * @param studentsDir      the folder of student version manifests
 * @param cds              the CDS Hooks service at {@code /cds-services}
 * @param studentPollSeconds how often the node reads the version registry for a newly active student version
 * @param backfillChunk    notes a backfill enqueues per transaction
 */
public record ServerSettings(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                             int extractionWorkers, int leaseSeconds, boolean demo, Auth auth, String student,
                             Path studentsDir, CdsSettings cds, int studentPollSeconds, int backfillChunk) {

    /** Settings that read the registry every 5 seconds and backfill 1,000 notes per chunk. */
    public ServerSettings(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                          int extractionWorkers, int leaseSeconds, boolean demo, Auth auth, String student,
                          Path studentsDir, CdsSettings cds) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, extractionWorkers, leaseSeconds, demo, auth, student,
                studentsDir, cds, 5, 1000);
    }

    /** Settings that run the embedded student, with the CDS Hooks service's defaults (every hook call refused). */
    public ServerSettings(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                          int extractionWorkers, int leaseSeconds, boolean demo, Auth auth) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, extractionWorkers, leaseSeconds, demo, auth, "embedded",
                Path.of("students"), CdsSettings.builder().build());
    }

    /** Settings that run the named student, with the CDS Hooks service's defaults. */
    public ServerSettings(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                          int extractionWorkers, int leaseSeconds, boolean demo, Auth auth, String student, Path studentsDir) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, extractionWorkers, leaseSeconds, demo, auth, student,
                studentsDir, CdsSettings.builder().build());
    }

    /** Settings that run the embedded student with the given CDS Hooks settings. */
    public ServerSettings(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                          int extractionWorkers, int leaseSeconds, boolean demo, Auth auth, CdsSettings cds) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, extractionWorkers, leaseSeconds, demo, auth, "embedded",
                Path.of("students"), cds);
    }

    /**
     * Bearer-token verification: a JWK Set (file or URL), and the issuer and audience tokens must carry
     * (either may be {@code null} to accept any).
     */
    public record Auth(String jwks, String issuer, String audience) {
        public Auth {
            Objects.requireNonNull(jwks, "jwks");
        }
    }

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(cds, "cds");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (auth == null && !loopback(host)) {
            throw new IllegalArgumentException("refusing to serve " + host + " without authentication: give --jwks (and "
                    + "--issuer, --audience), or listen on 127.0.0.1 only");
        }
        if (cds.demoOpen() && !loopback(host)) {
            throw new IllegalArgumentException("refusing to serve CDS Hooks without checking client JWTs (demo mode) on "
                    + host + ": demo mode listens on 127.0.0.1 only");
        }
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("the extraction lease must be at least 1 second, not " + leaseSeconds);
        }
        if (studentPollSeconds < 1) {
            throw new IllegalArgumentException("student.poll-seconds must be at least 1, not " + studentPollSeconds);
        }
        if (backfillChunk < 1) {
            throw new IllegalArgumentException("backfill.chunk-notes must be at least 1, not " + backfillChunk);
        }
        if (extractionWorkers < 0) {
            throw new IllegalArgumentException("extraction workers must be 0 or more, not " + extractionWorkers);
        }
    }

    /**
     * The JDBC URL in use: the configured one, or an H2 file database in the data folder. H2 writes commits
     * to disk after a delay by default; WRITE_DELAY=0 makes a commit durable before it returns, so a killed
     * server loses no note it acknowledged (CrashRecoveryTest found the default losing a whole Bundle).
     * AUTO_SERVER=TRUE lets the command line (versions, promote, feedback) open the database of a running
     * server: the first process serves it to the others over a loopback socket.
     */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("radtox") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    public boolean postgres() {
        return effectiveJdbcUrl().startsWith("jdbc:postgresql:");
    }
}
