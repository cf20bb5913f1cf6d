package org.radtox.refinement.feedback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.GoldSetFormatException;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Clinician feedback from CDS cards as candidate gold labels, and the reviewer's step that is the only way
 * they enter a gold set.
 *
 * <p>Import reads gold-set lines (FORMATS.md) flagged {@code "source": "clinician-feedback"}, as the CDS
 * service exports them (labels may cover only the symptoms the clinician spoke to), and writes a review file:
 * the same lines with {@code "review": {"decision": "pending"}}. A reviewer completes the labels and sets
 * {@code decision} to {@code accept} or {@code reject}. Accept then appends the accepted lines, checked like
 * any gold line (all symptoms, statuses, CTCAE grades, ids new to every split), to one split of a gold folder.
 */
public final class FeedbackReview {

    public static final String FLAG = "clinician-feedback";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an import or an accept did, and the lines it could not use (with their line numbers). */
    public record Outcome(int used, int skipped, List<String> problems) {
    }

    private FeedbackReview() {
    }

    /** Writes the review file; lines not flagged as clinician feedback are skipped, broken ones reported. */
    public static Outcome importFeedback(Path feedback, Path review, SymptomSet symptoms) throws IOException {
        if (!Files.isRegularFile(feedback)) {
            throw new IllegalArgumentException("feedback file not found: " + feedback);
        }
        List<String> problems = new ArrayList<>();
        List<String> out = new ArrayList<>();
        int skipped = 0;
        Set<String> ids = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(feedback, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode o = JSON.readTree(line);
                    if (!o.isObject() || !FLAG.equals(o.path("source").asText())) {
                        skipped++;
                        continue;
                    }
                    String id = o.path("id").asText("");
                    if (id.isBlank() || !o.path("text").isTextual() || o.path("text").asText().isBlank()) {
                        throw new GoldSetFormatException("needs an id and the note text");
                    }
                    if (!ids.add(id)) {
                        throw new GoldSetFormatException("duplicate id " + id);
                    }
                    checkLabels(o.path("labels"), symptoms, false);
                    ObjectNode r = ((ObjectNode) o).deepCopy();
                    r.putObject("review").put("decision", "pending").putNull("reviewer");
                    out.add(r.toString());
                } catch (JsonProcessingException e) {
                    problems.add(feedback + ":" + n + ": not JSON (" + e.getOriginalMessage() + ")");
                } catch (GoldSetFormatException e) {
                    problems.add(feedback + ":" + n + ": " + e.getMessage());
                }
            }
        }
        writeAtomically(review, out);
        return new Outcome(out.size(), skipped, problems);
    }

    /**
     * Appends the review file's accepted lines to {@code split} of the gold folder. Every accepted line is checked
     * first; if one fails, nothing is written.
     */
    public static Outcome accept(Path review, Path goldDir, GoldSet.Split split, SymptomSet symptoms, String reviewer) throws IOException {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("accepting labels into a gold set needs the reviewer's name (--reviewer)");
        }
        GoldFolder gold = GoldFolder.read(goldDir, symptoms);
        Set<String> taken = new HashSet<>();
        for (GoldSet s : List.of(gold.train(), gold.validation(), gold.test())) {
            s.notes().forEach(note -> taken.add(note.id()));
        }
        List<String> accepted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int left = 0;
        List<String> lines = Files.readAllLines(review, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = review + ":" + (i + 1);
            try {
                JsonNode o = JSON.readTree(line);
                String decision = o.path("review").path("decision").asText("pending");
                if (!decision.equals("accept")) {
                    if (!decision.equals("pending") && !decision.equals("reject")) {
                        problems.add(where + ": decision must be accept, reject or pending, not '" + decision + "'");
                    }
                    left++;
                    continue;
                }
                checkLabels(o.path("labels"), symptoms, true);
                String id = o.path("id").asText();
                if (!taken.add(id)) {
                    throw new GoldSetFormatException("id " + id + " is in the gold set already");
                }
                ObjectNode g = JSON.createObjectNode();
                g.put("id", id);
                g.put("text", o.path("text").asText());
                g.set("labels", o.get("labels"));
                g.put("source", FLAG);
                g.put("reviewer", reviewer);
                accepted.add(g.toString());
            } catch (JsonProcessingException e) {
                problems.add(where + ": not JSON (" + e.getOriginalMessage() + ")");
            } catch (GoldSetFormatException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(0, left, problems);
        }
        Path file = goldDir.resolve(split.fileName());
        List<String> all = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        all.removeIf(String::isBlank);
        all.addAll(accepted);
        writeAtomically(file, all);
        GoldFolder.read(goldDir, symptoms); // the folder must still read as a gold folder
        return new Outcome(accepted.size(), left, List.of());
    }

    /** Checks a labels object; a candidate may cover some symptoms, a gold line must cover them all. */
    private static void checkLabels(JsonNode labels, SymptomSet symptoms, boolean complete) {
        if (!labels.isObject() || labels.isEmpty()) {
            throw new GoldSetFormatException("needs labels");
        }
        Map<String, Symptom> known = new LinkedHashMap<>();
        symptoms.symptoms().forEach(s -> known.put(s.key(), s));
        labels.fieldNames().forEachRemaining(k -> {
            if (!known.containsKey(k)) {
                throw new GoldSetFormatException("unknown symptom '" + k + "'");
            }
        });
        for (Symptom s : known.values()) {
            JsonNode l = labels.get(s.key());
            if (l == null) {
                if (complete) {
                    throw new GoldSetFormatException("no label for " + s.key() + " (the reviewer completes all symptom keys before accepting)");
                }
                continue;
            }
            try {
                JsonNode g = l.get("grade");
                Label label = new Label(LabelStatus.ofCode(l.path("status").asText()), g == null || g.isNull() ? null : g.asInt());
                if (label.status() == LabelStatus.PRESENT && label.grade() != null && !s.allowsGrade(label.grade())) {
                    throw new GoldSetFormatException(s.key() + ": grade " + label.grade() + " is not a CTCAE v5.0 grade of '"
                            + s.term().name() + "' (it defines " + s.grades() + ")");
                }
            } catch (IllegalArgumentException e) {
                throw new GoldSetFormatException(s.key() + ": " + e.getMessage());
            }
        }
    }

    private static void writeAtomically(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

}
