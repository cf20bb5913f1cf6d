package org.radtox.refinement.goldset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Labeled notes (FORMATS.md "Gold sets"), from one file or from one split of a gold-set folder. Reading
 * is strict: a gold set that is wrong in one line would quietly bend every figure computed from it.
 */
public final class GoldSet {

    /** The splits of a gold-set folder; {@code test} is held out and never used for tuning. */
    public enum Split {
        TRAIN("train"), VALIDATION("validation"), TEST("test");

        private final String fileStem;

        Split(String fileStem) {
            this.fileStem = fileStem;
        }

        public String fileName() {
            return fileStem + ".jsonl";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<GoldNote> notes;

    public GoldSet(String name, List<GoldNote> notes) {
        this.name = name;
        this.notes = List.copyOf(notes);
    }

    /** A gold file, or a split of a gold folder when {@code path} is a directory. */
    public static GoldSet read(Path path, Split splitOfFolder, List<String> symptomKeys) throws IOException {
        if (Files.isDirectory(path)) {
            Path file = path.resolve(splitOfFolder.fileName());
            if (!Files.exists(file)) {
                throw new GoldSetFormatException("gold folder " + path + " has no " + splitOfFolder.fileName()
                        + " (a gold folder holds train.jsonl, validation.jsonl, test.jsonl and ATTESTATION.md)");
            }
            return readFile(file, symptomKeys);
        }
        return readFile(path, symptomKeys);
    }

    public static GoldSet readFile(Path file, List<String> symptomKeys) throws IOException {
        return readFile(file, symptomKeys, null);
    }

    /**
     * A gold file whose present grades are also checked against the grades each symptom's CTCAE v5.0 term
     * defines (dysuria has only grade 1): a grade CTCAE does not define would teach the student nonsense.
     */
    public static GoldSet readFile(Path file, SymptomSet symptoms) throws IOException {
        return readFile(file, symptoms.keys(), symptoms);
    }

    private static GoldSet readFile(Path file, List<String> symptomKeys, SymptomSet grades) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<GoldNote> notes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                GoldNote note = parse(line, symptomKeys, file + ":" + n);
                if (grades != null) {
                    checkGrades(note, grades, file + ":" + n);
                }
                Integer first = seen.putIfAbsent(note.id(), n);
                if (first != null) {
                    throw new GoldSetFormatException(file + ":" + n + ": duplicate id " + note.id() + " (first on line " + first + ")");
                }
                notes.add(note);
            }
        } catch (CharacterCodingException e) {
            throw new GoldSetFormatException(file + ": not valid UTF-8");
        }
        if (notes.isEmpty()) {
            throw new GoldSetFormatException(file + ": no notes");
        }
        return new GoldSet(file.getFileName().toString().replaceFirst("\\.jsonl$", ""), notes);
    }

    static GoldNote parse(String line, List<String> symptomKeys, String where) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new GoldSetFormatException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!o.path("id").isTextual() || o.path("id").asText().isBlank()) {
            throw new GoldSetFormatException(where + ": missing id");
        }
        String id = o.get("id").asText();
        if (!o.path("text").isTextual()) {
            throw new GoldSetFormatException(where + " (" + id + "): missing text");
        }
        JsonNode labels = o.path("labels");
        Map<String, Label> parsed = new LinkedHashMap<>();
        for (String key : symptomKeys) {
            JsonNode l = labels.get(key);
            if (l == null) {
                throw new GoldSetFormatException(where + " (" + id + "): no label for " + key + " (all symptom keys are required)");
            }
            try {
                JsonNode g = l.get("grade");
                parsed.put(key, new Label(LabelStatus.ofCode(l.path("status").asText()),
                        g == null || g.isNull() ? null : g.asInt()));
            } catch (IllegalArgumentException e) {
                throw new GoldSetFormatException(where + " (" + id + ") " + key + ": " + e.getMessage());
            }
        }
        return new GoldNote(id, o.get("text").asText(), o.path("type").asText(null), parsed);
    }

    private static void checkGrades(GoldNote note, SymptomSet symptoms, String where) {
        for (Symptom s : symptoms.symptoms()) {
            Label l = note.label(s.key());
            if (l.status() == LabelStatus.PRESENT && l.grade() != null && !s.allowsGrade(l.grade())) {
                throw new GoldSetFormatException(where + " (" + note.id() + ") " + s.key() + ": grade " + l.grade()
                        + " is not a CTCAE v5.0 grade of '" + s.term().name() + "' (it defines " + s.grades() + ")");
            }
        }
    }

    public String name() {
        return name;
    }

    public List<GoldNote> notes() {
        return notes;
    }

    public int size() {
        return notes.size();
    }

    /**
     * A digest of the notes and their labels, independent of file layout: two evaluations are comparable
     * only when they were made on the same digest.
     */
    public String digest() {
        StringBuilder canonical = new StringBuilder();
        for (GoldNote n : notes) {
            canonical.append(n.id()).append('\u0000').append(n.text()).append('\u0000');
            new java.util.TreeMap<>(n.labels()).forEach((k, l) -> canonical.append(k).append('=').append(l.status().code())
                    .append('/').append(l.grade()).append(';'));
            canonical.append('\n');
        }
        return org.radtox.student.version.StudentVersion.sha256(canonical.toString());
    }
}
