package org.radtox.refinement.evaluation;

import java.util.List;
import java.util.Map;

/** A student scored against a gold set: per symptom, macro with intervals, and the per-note results. */
public record Evaluation(String studentVersion, String goldSet, List<String> symptoms, Map<String, SymptomScore> bySymptom,
                         MacroScores macro, List<NoteResult> notes) {

    public long failedNotes() {
        return notes.stream().filter(n -> n.error() != null).count();
    }
}
