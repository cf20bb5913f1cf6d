package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * refine, versions, promote, rollback, deid-check and feedback as an operator runs them (each a real process),
 * and the bad input: each a clear message, the registry unchanged.
 */
class RefinementCommandsTest {

    private static final String[] KEYS = {"cystitis_noninfective", "dysuria", "erectile_dysfunction", "hematuria",
        "urinary_incontinence", "nocturia", "proctitis", "rectal_hemorrhage", "urinary_frequency", "urinary_urgency",
        "urinary_retention", "diarrhea"};

    @TempDir
    Path dir;

    private Path gold;
    private Path data;

    private static String note(String id, String text, String symptom, String status, Integer grade) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"labels\":{");
        for (int i = 0; i < KEYS.length; i++) {
            b.append(i > 0 ? "," : "").append('"').append(KEYS[i]).append("\":").append(KEYS[i].equals(symptom)
                    ? "{\"status\":\"" + status + "\",\"grade\":" + grade + "}" : "{\"status\":\"not_mentioned\",\"grade\":null}");
        }
        return b.append("}}").toString();
    }

    @BeforeEach
    void gold() throws Exception {
        gold = dir.resolve("gold");
        data = dir.resolve("data");
        Files.createDirectories(gold);
        Files.write(gold.resolve("train.jsonl"), List.of(note("G-1", "Bathroom trips most nights.", "nocturia", "present", 1),
                note("G-2", "He has bathroom trips most nights.", "nocturia", "present", 1),
                note("G-3", "Denies hematuria.", "hematuria", "absent", 0)));
        Files.write(gold.resolve("validation.jsonl"), List.of(note("G-4", "Bathroom trips most nights, worse.", "nocturia", "present", 1),
                note("G-5", "Denies hematuria.", "hematuria", "absent", 0)));
        Files.write(gold.resolve("test.jsonl"), List.of(note("G-6", "Bathroom trips most nights.", "nocturia", "present", 1)));
        Files.writeString(gold.resolve("ATTESTATION.md"), "Synthetic notes for a test; no PHI.\n");
    }

    private RadToxProcess.Result radtox(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return RadToxProcess.run(all.toArray(String[]::new));
    }

    private void assertRegistryEmpty() throws Exception {
        var v = radtox("versions");
        assertEquals(0, v.exit(), v.stderr());
        assertTrue(v.stderr().contains("no versions registered yet"), v.stderr() + v.stdout());
    }

    @Test
    void refineRegistersCandidatesWritesTheReportAndTheBestCanBePromotedAndRolledBack() throws Exception {
        Path report = dir.resolve("report");
        var r = radtox("refine", "--gold", gold.toString(), "--seed", "3", "--report-dir", report.toString());
        assertEquals(0, r.exit(), r.stderr());
        String best = r.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(best.matches("embedded@[0-9a-f]{12}"), r.stdout());
        assertTrue(Files.exists(report.resolve("report.md")) && Files.exists(report.resolve("report.html"))
                && Files.exists(report.resolve("learning-curve.png")), r.stderr());

        var listed = radtox("versions");
        assertTrue(listed.stdout().contains(best) && listed.stdout().contains("embedded@2026-11-28.1"), listed.stdout());
        var promoted = radtox("promote", best, "--reason", "test");
        assertEquals(0, promoted.exit(), promoted.stderr());
        assertTrue(radtox("versions").stdout().lines().anyMatch(l -> l.startsWith("*") && l.contains(best)));
        var again = radtox("promote", best);
        assertEquals(1, again.exit());
        assertTrue(again.stderr().contains("it is the active version already"), again.stderr());
        var back = radtox("rollback", "--reason", "test");
        assertEquals(0, back.exit(), back.stderr());
        assertTrue(back.stdout().contains("rolled back to embedded@2026-11-28.1"), back.stdout());
        var history = radtox("versions", "--history", "--export", dir.resolve("export").toString());
        assertTrue(history.stdout().contains("PROMOTE") && history.stdout().contains("ROLLBACK"), history.stdout());
        assertTrue(Files.exists(dir.resolve("export/registry.json")));
    }

    @Test
    void aBudgetOfZeroIsAUsageErrorAndRegistersNothing() throws Exception {
        var r = radtox("refine", "--gold", gold.toString(), "--budget-usd", "0");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("--budget-usd must be more than 0"), r.stderr());
        assertRegistryEmpty();
    }

    @Test
    void aBrokenGoldSetIsNamedAndRegistersNothing() throws Exception {
        Files.write(gold.resolve("test.jsonl"), List.of(note("G-1", "Again.", "nocturia", "present", 1)));
        var r = radtox("refine", "--gold", gold.toString());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("splits overlap: G-1 is in both train.jsonl and test.jsonl"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        assertRegistryEmpty();
    }

    @Test
    void anUnreachableTeacherIsNamedAndRegistersNothing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var r = radtox("refine", "--gold", gold.toString(), "--teacher", "openai:gpt-4o", "--base-url", "http://127.0.0.1:" + closed + "/v1");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("teacher unreachable at http://127.0.0.1:" + closed), r.stderr());
        assertRegistryEmpty();
    }

    @Test
    void aTeacherAnswerInTheWrongShapeIsNamedAndRegistersNothing() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] out = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                    + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"ideas\\\": [\\\"more phrases\\\"]}\"}}],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        try {
            var r = radtox("refine", "--gold", gold.toString(), "--teacher", "openai:gpt-4o", "--base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
            assertEquals(1, r.exit());
            assertTrue(r.stderr().contains("teacher answer in the wrong shape"), r.stderr());
            assertRegistryEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void deidCheckListsIdentifiersAndPassesACleanGoldSet() throws Exception {
        var clean = RadToxProcess.run("deid-check", gold.toString());
        assertEquals(0, clean.exit(), clean.stdout() + clean.stderr());
        Path notes = dir.resolve("notes.jsonl");
        Files.writeString(notes, "{\"id\":\"N-1\",\"text\":\"Mr. Kowalski, MRN 00482913, up 3x at night.\"}\n");
        var dirty = RadToxProcess.run("deid-check", notes.toString());
        assertEquals(1, dirty.exit());
        assertTrue(dirty.stdout().contains("N-1 [0,12) person name: \"Mr. Kowalski\"") && dirty.stdout().contains("mrn: \"MRN 00482913\""),
                dirty.stdout());
    }

    @Test
    void feedbackEntersAGoldSetOnlyThroughTheReviewersAccept() throws Exception {
        Path cds = dir.resolve("cds.jsonl");
        Files.writeString(cds, note("F-1", "Up 4 times a night.", "nocturia", "present", 1).replace("{\"id\"",
                "{\"source\":\"clinician-feedback\",\"id\"") + "\n");
        Path review = dir.resolve("review.jsonl");
        assertEquals(0, RadToxProcess.run("feedback", "import", "--input", cds.toString(), "--review", review.toString()).exit());
        var pending = RadToxProcess.run("feedback", "accept", "--review", review.toString(), "--gold", gold.toString(), "--reviewer", "qa");
        assertEquals(0, pending.exit(), pending.stderr());
        assertEquals(3, Files.readAllLines(gold.resolve("train.jsonl")).size(), "a pending line stays out");
        Files.writeString(review, Files.readString(review).replace("\"pending\"", "\"accept\""));
        var accepted = RadToxProcess.run("feedback", "accept", "--review", review.toString(), "--gold", gold.toString(), "--reviewer", "qa");
        assertEquals(0, accepted.exit(), accepted.stderr());
        assertEquals(4, Files.readAllLines(gold.resolve("train.jsonl")).size());
    }
}
