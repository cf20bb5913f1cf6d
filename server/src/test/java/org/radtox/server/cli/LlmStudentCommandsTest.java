package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.llm.backend.Answers.absent;
import static org.radtox.llm.backend.Answers.findings;
import static org.radtox.llm.backend.Answers.present;
import static org.radtox.llm.backend.ScriptedModelServer.answer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.llm.backend.ScriptedModelServer;

/** define-student, extract --student / --backend and export-finetune, each a real radtox process. */
class LlmStudentCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEXT = "Week 5. Up 3x at night to void. Denies hematuria.";
    static final Path GOLD = Path.of("../data/gold/prostate-rt");

    @TempDir
    Path dir;
    ScriptedModelServer server;
    Path notes;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedModelServer.start();
        notes = dir.resolve("notes.jsonl");
        Files.writeString(notes, JSON.writeValueAsString(java.util.Map.of("id", "N-1", "text", TEXT)) + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String define(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("define-student", "--students-dir", dir.resolve("students").toString(),
                "--backend", "ollama", "--base-url", server.ollamaUrl()));
        args.addAll(List.of(more));
        var r = RadToxProcess.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout().strip();
    }

    JsonNode extract(String... studentArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("extract", "--input", notes.toString(),
                "--students-dir", dir.resolve("students").toString()));
        args.addAll(List.of(studentArgs));
        var r = RadToxProcess.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.stderr());
        return JSON.readTree(r.stdout().lines().findFirst().orElseThrow());
    }

    @Test
    void aDefinedVersionExtractsByName() throws Exception {
        String id = define();
        assertTrue(id.matches("ollama@[0-9a-f]{12}"), id);
        assertEquals(id, define(), "the same definition, the same id");
        server.then(answer(findings(present("nocturia", 1, "Up 3x at night to void."), absent("hematuria", "Denies hematuria."))));

        JsonNode line = extract("--student", id, "--call-ledger", dir.resolve("calls.jsonl").toString());

        assertEquals(id, line.get("student").asText());
        assertEquals(2, line.get("findings").size());
        assertFalse(line.get("findings").get(0).has("produced_by"));
        JsonNode call = JSON.readTree(Files.readAllLines(dir.resolve("calls.jsonl")).get(0));
        assertEquals("answered", call.get("outcome").asText());
        assertEquals(900, call.get("prompt_tokens").asInt());
        assertEquals("N-1", call.get("note").asText());
    }

    @Test
    void whenTheServerIsDownTheNoteIsReadByTheEmbeddedStudentAndSaysSo() throws Exception {
        String id = define("--timeout-seconds", "2");
        server.close();

        JsonNode line = extract("--student", id);

        assertEquals(id, line.get("student").asText());
        assertTrue(line.get("findings").size() >= 2);
        for (JsonNode f : line.get("findings")) {
            assertTrue(f.get("produced_by").asText().startsWith("embedded@"), f.toString());
        }
    }

    @Test
    void anLlmStudentStraightFromTheCommandLine() throws Exception {
        server.then(answer(findings(present("nocturia", 1, "Up 3x at night"))));
        JsonNode line = extract("--backend", "ollama", "--base-url", server.ollamaUrl(), "--model", "phi3:mini-128k");
        assertTrue(line.get("student").asText().startsWith("ollama@"));
        assertEquals("nocturia", line.get("findings").get(0).get("symptom").asText());
        assertEquals("phi3:mini-128k", server.chats().get(0).body().get("model").asText());
    }

    @Test
    void anUnknownVersionIsAUsageErrorThatListsTheDefinedOnes() throws Exception {
        String id = define();
        var r = RadToxProcess.run("extract", "--input", notes.toString(), "--students-dir", dir.resolve("students").toString(),
                "--student", "ollama@000000000000");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("unknown student version 'ollama@000000000000'") && r.stderr().contains(id), r.stderr());
    }

    @Test
    void aPublicModelServerIsRefusedAtDefinition() throws Exception {
        var r = RadToxProcess.run("define-student", "--students-dir", dir.resolve("students").toString(), "--backend", "openai",
                "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("PHI"), r.stderr());
    }

    @Test
    void exportFinetuneWritesChatJsonlAndTheModelfile() throws Exception {
        Path out = dir.resolve("ft/train.chat.jsonl");
        var r = RadToxProcess.run("export-finetune", "--gold", GOLD.toString(), "--split", "validation", "--output", out.toString(),
                "--base-model", "phi3:mini-128k", "--adapter-name", "radtox-phi3-lora");
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 40, "lines: " + lines.size());
        assertTrue(r.stderr().contains(lines.size() + " of 67 notes written"), r.stderr());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("assistant", first.get("messages").get(2).get("role").asText());
        assertTrue(JSON.readTree(first.get("messages").get(2).get("content").asText()).has("findings"));
        String modelfile = Files.readString(dir.resolve("ft/Modelfile"));
        assertTrue(modelfile.contains("FROM phi3:mini-128k") && modelfile.contains("ollama create radtox-phi3-lora"), modelfile);
    }

    @Test
    void exportFinetuneOfAMissingGoldSetIsAUsageError() throws Exception {
        var r = RadToxProcess.run("export-finetune", "--gold", dir.resolve("nope").toString(), "--output", dir.resolve("x.jsonl").toString());
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("gold set not found"), r.stderr());
    }
}
