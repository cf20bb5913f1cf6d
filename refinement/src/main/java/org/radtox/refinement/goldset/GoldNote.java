package org.radtox.refinement.goldset;

import java.util.Map;

import org.radtox.student.note.Note;

/** A de-identified note with its labels for every symptom of the set. */
public record GoldNote(String id, String text, String type, Map<String, Label> labels) {

    public GoldNote {
        labels = Map.copyOf(labels);
    }

    public Note note() {
        return new Note(id, text);
    }

    public Label label(String symptom) {
        return labels.getOrDefault(symptom, Label.NOT_MENTIONED);
    }
}
