package org.radtox.refinement.evaluation;

import java.util.Map;

import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.Label;

/** One gold note with what the student said of it ({@code error} when it refused the note). */
public record NoteResult(GoldNote gold, Map<String, Label> predicted, String error) {

    public Label predicted(String symptom) {
        return predicted.getOrDefault(symptom, Label.NOT_MENTIONED);
    }
}
