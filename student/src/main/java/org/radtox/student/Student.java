package org.radtox.student;

import java.util.List;

import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/**
 * Anything that reads a note and reports the toxicities it documents: the embedded student here, an
 * LLM student behind a model server elsewhere. Implementations are thread-safe.
 */
public interface Student {

    /** The version that every emitted finding is attributed to, e.g. {@code embedded@2026-11-28.1}. */
    String version();

    /**
     * The findings of one note, at most one per symptom, in symptom-set order. Every evidence quote
     * stands at its offsets in the note.
     *
     * @throws UnreadableNoteException when the note cannot be processed (the reason is for the operator)
     */
    List<Finding> extract(Note note);
}
