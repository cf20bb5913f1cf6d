package org.radtox.llm.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.student.finding.Status;
import org.radtox.student.note.Note;

/**
 * The bundled gold set's lines as {@link LabeledNote}s, for tests and benchmarks of this module (the
 * refinement module, which builds on this one, owns the checked gold-set reader the commands use).
 */
public final class GoldFiles {

    private GoldFiles() {
    }

    public static Path folder() {
        String configured = System.getProperty("radtox.gold");
        Path p = configured != null ? Path.of(configured) : Path.of("../data/gold/prostate-rt");
        if (!Files.isDirectory(p)) {
            p = Path.of("data/gold/prostate-rt");
        }
        return p;
    }

    public static List<LabeledNote> read(String split) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabeledNote> notes = new ArrayList<>();
        for (String line : Files.readAllLines(folder().resolve(split + ".jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Map<String, LabeledNote.Label> labels = new LinkedHashMap<>();
            n.path("labels").fields().forEachRemaining(e -> {
                String status = e.getValue().path("status").asText();
                if (!status.equals("not_mentioned")) {
                    JsonNode g = e.getValue().get("grade");
                    labels.put(e.getKey(), new LabeledNote.Label(Status.ofCode(status), g == null || g.isNull() ? null : g.asInt()));
                }
            });
            notes.add(new LabeledNote(new Note(n.path("id").asText(), n.path("text").asText()), labels));
        }
        return notes;
    }
}
