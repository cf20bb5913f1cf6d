package org.radtox.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/**
 * The operations guide's backup and restore, as written there (deploy/README.md): pg_dump of a RadTox database in
 * custom format, pg_restore into a new database, a server started on the copy. Notes, Observations and extraction
 * jobs are all there, and the restored server goes on storing and extracting new notes (its sequences came along).
 */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class BackupRestoreTest {

    /** The PostgreSQL 15 client programs scripts/postgres installs. */
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aPgDumpRestoredIntoANewDatabaseServesEveryNoteObservationAndJob_andTakesNewNotes() throws Exception {
        String admin = System.getenv("RADTOX_TEST_JDBC_URL");
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/").matcher(admin);
        assertTrue(m.find(), admin);
        String host = m.group(1);
        String port = m.group(2);
        String suffix = Long.toString(System.nanoTime(), 36);
        String original = "radtox_backup_" + suffix;
        String copy = "radtox_restored_" + suffix;
        sql(admin, "CREATE DATABASE " + original);
        sql(admin, "CREATE DATABASE " + copy);
        try {
            JsonNode before;
            try (FhirServer server = FhirServer.start(settings(admin, original, "a"))) {
                String base = "http://127.0.0.1:" + server.port();
                for (String text : new String[] {"Up 3x at night to void.", "Diarrhea 5 loose stools a day, baseline 1.",
                    "Rectal bleeding on the tissue, no clots."}) {
                    assertEquals(201, postNote(base, "backup-1", text));
                }
                before = awaitDrained(base);
            }
            Path dump = dir.resolve("radtox.dump");
            DeployFiles.Run d = DeployFiles.run(null, PG_BIN.resolve("pg_dump").toString(), "-h", host, "-p", port, "-U", "postgres",
                    "-Fc", "-f", dump.toString(), original);
            assertEquals(0, d.exit(), d.out());
            assertTrue(Files.size(dump) > 10_000, "a dump of a RadTox database: " + Files.size(dump) + " bytes");
            DeployFiles.Run r = DeployFiles.run(null, PG_BIN.resolve("pg_restore").toString(), "-h", host, "-p", port, "-U", "postgres",
                    "--no-owner", "--exit-on-error", "-d", copy, dump.toString());
            assertEquals(0, r.exit(), r.out());

            try (FhirServer restored = FhirServer.start(settings(admin, copy, "b"))) {
                String base = "http://127.0.0.1:" + restored.port();
                JsonNode after = awaitDrained(base);
                assertEquals(before.toString(), after.toString(), "notes, Observations and jobs of the copy");
                assertEquals(3, after.get("notes").asInt());
                assertTrue(after.get("observations").asInt() >= 3, after.toString());
                assertEquals(201, postNote(base, "backup-2", "Burning with urination since Tuesday."));
                JsonNode more = awaitDrained(base);
                assertEquals(4, more.get("notes").asInt(), more.toString());
                assertEquals(4, more.get("done").asInt(), more.toString());
            }
        } finally {
            sql(admin, "DROP DATABASE IF EXISTS " + original + " WITH (FORCE)");
            sql(admin, "DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        }
    }

    private ServerSettings settings(String admin, String database, String name) throws Exception {
        Path data = Files.createDirectories(dir.resolve(name));
        return new ServerSettings("127.0.0.1", 0, data, admin.replaceFirst("/[^/?]+\\?", "/" + database + "?"), null, null, 2, 120,
                false, null);
    }

    /** Waits until no job is queued or running; returns what the copy must match: notes, Observations, jobs by state. */
    private static JsonNode awaitDrained(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode jobs = get(base + "/admin/extraction").get("jobs");
            if ((jobs.get("queued").asInt() == 0 && jobs.get("running").asInt() == 0) || System.nanoTime() > deadline) {
                return JSON.createObjectNode().put("notes", get(base + "/fhir/DocumentReference?_summary=count").get("total").asInt())
                        .put("observations", get(base + "/fhir/Observation?_summary=count").get("total").asInt())
                        .put("done", jobs.get("done").asInt()).put("failed", jobs.get("failed").asInt())
                        .put("queued", jobs.get("queued").asInt()).put("running", jobs.get("running").asInt());
            }
            Thread.sleep(500);
        }
    }

    private static int postNote(String base, String patient, String text) throws Exception {
        String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        String note = "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"" + data + "\"}}]}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/fhir/DocumentReference")).header("Content-Type",
                "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(note)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode get(String url) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " " + r.body());
        return JSON.readTree(r.body());
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
