package org.radtox.llm.adapter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.SymptomSet;

/**
 * A gold set as chat-format JSONL for LoRA training elsewhere: one line per note,
 * {@code {"messages": [system, user, assistant]}}, the system and user messages exactly as the LLM student
 * sends them (without few-shot examples), the assistant message the gold answer in the student's schema.
 * Gold labels carry no quotes, so each label's words are located in the note ({@link GoldEvidence}); a note
 * with a label that cannot be located is left out whole, never exported with a made-up quote.
 */
public final class FinetuneExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromptBuilder prompt;
    private final SymptomSet symptoms;
    private final GoldEvidence evidence;

    public FinetuneExport(PromptBuilder prompt, SymptomSet symptoms, GoldEvidence evidence) {
        this.prompt = prompt;
        this.symptoms = symptoms;
        this.evidence = evidence;
    }

    /** What was written: notes exported, and the notes left out with the labels that could not be located. */
    public record Summary(int exported, List<String> leftOut) {
    }

    public Summary write(List<LabeledNote> gold, Writer out) throws IOException {
        int exported = 0;
        List<String> leftOut = new ArrayList<>();
        for (LabeledNote note : gold) {
            GoldEvidence.Located located = evidence.locate(note);
            if (!located.complete()) {
                leftOut.add(note.note().id() + " (no words found for " + String.join(", ", located.unlocated()) + ")");
                continue;
            }
            ObjectNode line = JSON.createObjectNode();
            ArrayNode messages = line.putArray("messages");
            message(messages, "system", prompt.system());
            message(messages, "user", prompt.user(note.note().text(), List.of()));
            message(messages, "assistant", answer(note, located.evidence()));
            out.write(line.toString());
            out.write('\n');
            exported++;
        }
        return new Summary(exported, leftOut);
    }

    /** The gold answer of a note in the student's schema, if every label's words can be located. */
    public java.util.Optional<String> goldAnswer(LabeledNote note) {
        GoldEvidence.Located located = evidence.locate(note);
        return located.complete() ? java.util.Optional.of(answer(note, located.evidence())) : java.util.Optional.empty();
    }

    /** The gold answer, in symptom-set order, in the schema the student asks the model for. */
    String answer(LabeledNote note, Map<String, Evidence> located) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (String key : symptoms.keys()) {
            LabeledNote.Label label = note.labels().get(key);
            if (label == null) {
                continue;
            }
            ObjectNode f = findings.addObject();
            f.put("symptom", key);
            f.put("status", label.status().code());
            if (label.grade() == null) {
                f.putNull("grade");
            } else {
                f.put("grade", label.status() == Status.ABSENT ? 0 : label.grade());
            }
            f.put("evidence", located.get(key).text());
        }
        return root.toString();
    }

    private static void message(ArrayNode messages, String role, String content) {
        ObjectNode m = messages.addObject();
        m.put("role", role);
        m.put("content", content);
    }
}
