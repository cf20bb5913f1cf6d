package org.radtox.llm.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.radtox.student.Student;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;

/**
 * Where in a gold note each label is shown. Gold sets label notes, not spans; the embedded student's
 * evidence for the same symptom is the place the note speaks of it (its status may differ from gold's:
 * the words are still the right ones, and the label is gold's). A label the embedded student finds no
 * words for is reported as unlocated, never guessed.
 */
public final class GoldEvidence {

    private final Student locator;

    public GoldEvidence(Student locator) {
        this.locator = locator;
    }

    /** The evidence of each located label, in label order, and the symptoms that could not be located. */
    public record Located(Map<String, Evidence> evidence, List<String> unlocated) {
        public boolean complete() {
            return unlocated.isEmpty();
        }
    }

    public Located locate(LabeledNote gold) {
        Map<String, Evidence> bySymptom = new LinkedHashMap<>();
        for (Finding f : locator.extract(gold.note())) {
            bySymptom.put(f.symptom(), f.evidence());
        }
        Map<String, Evidence> located = new LinkedHashMap<>();
        List<String> unlocated = new ArrayList<>();
        for (String symptom : gold.labels().keySet().stream().sorted().toList()) {
            Evidence e = bySymptom.get(symptom);
            if (e == null) {
                unlocated.add(symptom);
            } else {
                located.put(symptom, e);
            }
        }
        return new Located(located, unlocated);
    }
}
