package org.radtox.llm.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * A bank of labeled snippets from gold notes: for each label whose words can be located
 * ({@link GoldEvidence}), the words, gold's status and grade, and the CTCAE criterion of that grade as
 * the rationale.
 */
public final class GoldSnippets {

    private final SymptomSet symptoms;
    private final GoldEvidence evidence;

    public GoldSnippets(SymptomSet symptoms, GoldEvidence evidence) {
        this.symptoms = symptoms;
        this.evidence = evidence;
    }

    /** The bank, and how many labels had no locatable words (left out). */
    public record Built(ExampleBank bank, int labels, int unlocated) {
    }

    public Built build(List<LabeledNote> gold, Embedder embedder) {
        List<GoldExample> examples = new ArrayList<>();
        int labels = 0;
        int unlocated = 0;
        for (LabeledNote note : gold) {
            GoldEvidence.Located located = evidence.locate(note);
            labels += note.labels().size();
            unlocated += located.unlocated().size();
            for (Map.Entry<String, Evidence> e : located.evidence().entrySet()) {
                LabeledNote.Label label = note.labels().get(e.getKey());
                examples.add(new GoldExample(note.note().id() + "/" + e.getKey(), e.getValue().text(), e.getKey(),
                        label.status(), label.grade(), rationale(e.getKey(), label)));
            }
        }
        return new Built(new ExampleBank(examples, embedder.name()), labels, unlocated);
    }

    String rationale(String symptomKey, LabeledNote.Label label) {
        if (label.status() == Status.ABSENT) {
            return "stated absent now";
        }
        if (label.grade() == null) {
            return "present, not gradable from the note";
        }
        String criterion = symptoms.symptom(symptomKey).map(Symptom::term)
                .flatMap(t -> t.criteria(label.grade())).orElse("").replaceAll("\\s+", " ").strip();
        if (criterion.length() > 120) {
            criterion = criterion.substring(0, 117) + "...";
        }
        return criterion.isEmpty() ? "grade " + label.grade() : "CTCAE grade " + label.grade() + ": " + criterion;
    }
}
