package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                nodes.add(JSON.readTree(l));
            }
        }
        return nodes;
    }

    private static void assertNoStackTrace(String stderr) {
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "stack trace on stderr:\n" + stderr);
    }

    @Test
    void writesOneFindingsLinePerNoteWithExactEvidence() throws Exception {
        String text = "Week 5 of 28 fx. Up 3x at night, denies hematuria.";
        Path in = dir.resolve("notes.jsonl");
        Files.writeString(in, JSON.writeValueAsString(java.util.Map.of("id", "N-0001", "text", text)) + "\n");
        var r = RadToxProcess.run("extract", "--input", in.toString(), "--output", "-");
        assertEquals(0, r.exit(), r.stderr());
        JsonNode line = lines(r.stdout()).get(0);
        assertEquals("N-0001", line.get("id").asText());
        assertTrue(line.get("student").asText().startsWith("embedded@"));
        for (JsonNode f : line.get("findings")) {
            JsonNode ev = f.get("evidence");
            assertEquals(ev.get("text").asText(), text.substring(ev.get("start").asInt(), ev.get("end").asInt()));
        }
        assertEquals("nocturia", line.get("findings").get(1).get("symptom").asText());
        assertEquals("present", line.get("findings").get(1).get("status").asText());
        assertEquals("hematuria", line.get("findings").get(0).get("symptom").asText());
        assertEquals(0, line.get("findings").get(0).get("grade").asInt());
    }

    /** Every kind of bad line of the issue, between good ones: each gets its error, nothing else is lost. */
    @Test
    void badLinesGetTheirOwnErrorAndTheRunGoesOn() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        String good = "{\"id\": \"good-1\", \"text\": \"Nocturia x2.\"}\n";
        in.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"id\": \"empty\", \"text\": \"\"}\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(("{\"id\": \"huge\", \"text\": \"" + "urgency ".repeat(131_072) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', 'x', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        in.writeBytes("this is not json\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"text\": \"Dysuria.\"}\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"id\": \"good-1\", \"text\": \"Diarrhea.\"}\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"id\": \"good-2\", \"text\": \"Denies dysuria.\"}\n".getBytes(StandardCharsets.UTF_8));

        var r = RadToxProcess.run(in.toByteArray(), "extract", "--input", "-");
        assertEquals(1, r.exit(), "a failed line makes the exit code non-zero");
        assertNoStackTrace(r.stderr());
        assertTrue(r.stderr().contains("6 line(s) failed"), r.stderr());
        List<JsonNode> out = lines(r.stdout());
        assertEquals(8, out.size(), "one output line per input line, in order");
        assertEquals("good-1", out.get(0).get("id").asText());
        assertEquals("nocturia", out.get(0).get("findings").get(0).get("symptom").asText());
        assertEquals("note text is empty", out.get(1).get("error").asText());
        assertEquals("huge", out.get(2).get("id").asText());
        assertTrue(out.get(2).get("error").asText().contains("more than the limit"), out.get(2).toString());
        assertEquals("line is not valid UTF-8", out.get(3).get("error").asText());
        assertTrue(out.get(3).get("id").isNull());
        assertTrue(out.get(4).get("error").asText().startsWith("line is not JSON"), out.get(4).toString());
        assertEquals("missing id", out.get(5).get("error").asText());
        assertEquals(6, out.get(5).get("line").asInt());
        assertEquals("duplicate id good-1 (first on line 1)", out.get(6).get("error").asText());
        assertEquals("good-2", out.get(7).get("id").asText());
        assertEquals("absent", out.get(7).get("findings").get(0).get("status").asText());
    }

    @Test
    void keepsInputOrderWithManyThreads() throws Exception {
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            notes.append("{\"id\": \"n").append(i).append("\", \"text\": \"").append(i % 2 == 0 ? "Nocturia x2." : "Denies hematuria.")
                    .append("\"}\n");
        }
        var r = RadToxProcess.run(notes.toString().getBytes(StandardCharsets.UTF_8), "extract", "--input", "-", "--threads", "4");
        assertEquals(0, r.exit(), r.stderr());
        List<JsonNode> out = lines(r.stdout());
        assertEquals(600, out.size());
        for (int i = 0; i < 600; i++) {
            assertEquals("n" + i, out.get(i).get("id").asText());
        }
    }

    @Test
    void writesToTheNamedFileAndAsATable() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(in, "{\"id\": \"T-1\", \"text\": \"Rectal bleeding G2 - started hydrocortisone suppositories.\"}\n");
        assertEquals(0, RadToxProcess.run("extract", "-i", in.toString(), "-o", out.toString()).exit());
        assertEquals("rectal_hemorrhage", lines(Files.readString(out)).get(0).get("findings").get(0).get("symptom").asText());
        var table = RadToxProcess.run("extract", "-i", in.toString(), "--format", "table");
        assertTrue(table.stdout().contains("T-1   rectal_hemorrhage  present  2"), table.stdout());
    }

    @Test
    void aMissingInputFileIsOneClearLine() throws Exception {
        var r = RadToxProcess.run("extract", "--input", dir.resolve("nope.jsonl").toString());
        assertEquals(2, r.exit());
        assertTrue(r.stderr().startsWith("radtox: input file not found: "), r.stderr());
        assertNoStackTrace(r.stderr());
    }

    @Test
    void anUnknownStudentIsOneClearLine() throws Exception {
        var r = RadToxProcess.run("{}".getBytes(StandardCharsets.UTF_8), "extract", "--input", "-", "--student", "zephyr@9");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("unknown student version 'zephyr@9'"), r.stderr());
    }
}
