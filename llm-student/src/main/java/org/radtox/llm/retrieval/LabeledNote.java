package org.radtox.llm.retrieval;

import java.util.Map;

import org.radtox.student.note.Note;

/**
 * A de-identified gold note and what it says of each symptom it speaks of (symptoms it does not mention
 * are left out), without the gold-set machinery of the refinement module, which builds on this one.
 */
public record LabeledNote(Note note, Map<String, Label> labels) {

    /** A gold label: status and grade (0 when absent; null when present but not gradable). */
    public record Label(org.radtox.student.finding.Status status, Integer grade) {
    }

    public LabeledNote {
        labels = Map.copyOf(labels);
    }
}
