package org.radtox.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.version.StudentDefinitions;
import org.radtox.llm.version.StudentManifests;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/**
 * An LLM student whose model server is down (nothing listens on its port): the node stays ready but says
 * DEGRADED with the reason, because it still stores notes and their jobs wait in the outbox, however long the
 * outage lasts (it uses up none of their attempts); when a model server
 * answers on that port again, extraction resumes by itself and readiness is UP.
 */
class ModelServerDownTest {

    @TempDir
    Path dir;

    @Test
    void aDownModelServerDegradesReadinessWithTheReason_notesAreStillTaken_andExtractionResumesWhenItIsBack() throws Exception {
        int modelPort = freePort();
        // No fallback student: a failed model call fails the attempt, which is what shows the server is down.
        String version = new StudentDefinitions(new StudentManifests(dir.resolve("students"))).defineLlm(
                BackendSettings.builder(BackendKind.OLLAMA).baseUrl("http://127.0.0.1:" + modelPort).build(), "prostate-rt",
                PromptTemplate.bundled("prostate-rt"), null, 0, null).id();
        Files.createDirectories(dir.resolve("data"));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, dir.resolve("data"), null, null, null, 2, 120, false, null,
                version, dir.resolve("students"));
        try (FhirServer server = FhirServer.start(settings)) {
            NodeUnderTest node = new NodeUnderTest(server.port());
            long downSince = System.nanoTime();
            assertEquals(201, node.postNote("model-1", "Up 3x at night to void."));
            NodeUnderTest.eventually(() -> node.ready().check("extraction").startsWith("DEGRADED"), Duration.ofSeconds(60),
                    () -> node.ready().body().toString());
            NodeUnderTest.Ready degraded = node.ready();
            assertEquals(200, degraded.code(), "a down model server does not take the node out of the load balancer");
            assertEquals("DEGRADED", degraded.body().path("status").asText());
            assertTrue(degraded.check("extraction").contains("127.0.0.1:" + modelPort), degraded.check("extraction"));
            assertEquals(201, node.postNote("model-2", "Denies hematuria."), "notes are still stored while the model server is down");
            // Longer than five attempts' doubling backoff (1 + 2 + 4 + 8 + 16 s): an outage is not the notes' fault,
            // so their jobs wait without using up attempts instead of failing for good.
            Thread.sleep(Math.max(0, Duration.ofSeconds(40).toMillis() - (System.nanoTime() - downSince) / 1_000_000));
            assertEquals(0.0, node.metric("radtox_extraction_jobs{state=\"failed\"}"), "no job gives up while the model server is down");
            assertEquals(2.0, jobs(node, "queued") + jobs(node, "running"), "both notes wait for the model server");

            HttpServer model = ollamaAnsweringNoFindings(modelPort);
            try {
                // The circuit breaker lets a call through again after its open period; a note sent then is extracted.
                NodeUnderTest.eventually(() -> {
                    node.postNote("model-after", "Burning with urination since Tuesday.");
                    return node.ready().check("extraction").startsWith("UP");
                }, Duration.ofSeconds(150), () -> node.ready().body().toString());
                assertEquals(200, node.ready().code());
                assertEquals("UP", node.ready().body().path("status").asText(), node.ready().body().toString());
                NodeUnderTest.eventually(() -> jobs(node, "queued") == 0 && jobs(node, "running") == 0, Duration.ofSeconds(60),
                        () -> "jobs still waiting");
                assertEquals(0.0, node.metric("radtox_extraction_jobs{state=\"failed\"}"), "the notes sent during the outage were extracted");
            } finally {
                model.stop(0);
            }
        }
    }

    private static double jobs(NodeUnderTest node, String state) {
        try {
            return node.metric("radtox_extraction_jobs{state=\"" + state + "\"}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Ollama's /api/chat, answering every note with no findings: enough for extraction to succeed. */
    private static HttpServer ollamaAnsweringNoFindings(int port) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/api/chat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"model\":\"zephyr\",\"created_at\":\"2026-11-28T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"{\\\"findings\\\":[]}\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":10,"
                    + "\"eval_count\":5}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
