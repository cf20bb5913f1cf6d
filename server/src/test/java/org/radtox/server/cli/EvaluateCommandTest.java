package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private Path gold() throws Exception {
        Path f = dir.resolve("gold.jsonl");
        StringBuilder b = new StringBuilder();
        String[] keys = {"cystitis_noninfective", "dysuria", "erectile_dysfunction", "hematuria", "urinary_incontinence", "nocturia",
            "proctitis", "rectal_hemorrhage", "urinary_frequency", "urinary_urgency", "urinary_retention", "diarrhea"};
        String[][] notes = {{"G-1", "Up 3x at night to void.", "nocturia"}, {"G-2", "Burning with urination.", "dysuria"}};
        for (String[] n : notes) {
            b.append("{\"id\":\"").append(n[0]).append("\",\"text\":\"").append(n[1]).append("\",\"labels\":{");
            for (int i = 0; i < keys.length; i++) {
                b.append(i > 0 ? "," : "").append('"').append(keys[i]).append("\":")
                        .append(keys[i].equals(n[2]) ? "{\"status\":\"present\",\"grade\":1}" : "{\"status\":\"not_mentioned\",\"grade\":null}");
            }
            b.append("}}\n");
        }
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void printsTheTableAndWritesMarkdownAndJsonReports() throws Exception {
        Path gold = gold();
        Path md = dir.resolve("report.md");
        var r = RadToxProcess.run("evaluate", "--gold", gold.toString(), "--report", md.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("| nocturia | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |"), r.stdout());
        assertTrue(r.stdout().contains("95% bootstrap interval"), r.stdout());
        assertEquals(r.stdout(), Files.readString(md));
        Path json = dir.resolve("report.json");
        assertEquals(0, RadToxProcess.run("evaluate", "--gold", gold.toString(), "--report", json.toString()).exit());
        assertEquals(1.0, new ObjectMapper().readTree(json.toFile()).at("/symptoms/dysuria/f1").asDouble());
    }

    @Test
    void aReportThatIsNeitherMarkdownNorJsonIsAUsageError() throws Exception {
        var r = RadToxProcess.run("evaluate", "--gold", gold().toString(), "--report", dir.resolve("r.txt").toString());
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("--report must end in .md or .json"), r.stderr());
    }

    @Test
    void aBrokenGoldFileNamesItsLine() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\": \"G-1\", \"text\": \"x\", \"labels\": {}}\n");
        var r = RadToxProcess.run("evaluate", "--gold", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("bad.jsonl:1 (G-1): no label for cystitis_noninfective"), r.stderr());
        assertTrue(!r.stderr().contains("\tat "), r.stderr());
    }
}
