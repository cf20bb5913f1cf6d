package org.radtox.student.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

class EmbeddedStudentTest {

    private final EmbeddedStudent student = Notes.STUDENT;

    @Test
    void everyEvidenceQuoteStandsAtItsOffsets() {
        String text = "Week 5 of 28 fx. Up 3x at night, denies hematuria. Mild rectal discomfort after BMs, no blood.";
        List<Finding> findings = student.extract(new Note("N-1", text));
        assertTrue(findings.size() >= 3, findings.toString());
        for (Finding f : findings) {
            assertEquals(f.evidence().text(), text.substring(f.evidence().start(), f.evidence().end()));
            assertTrue(f.evidence().isIn(text));
        }
    }

    @Test
    void findingsComeInSymptomSetOrderOnePerSymptom() {
        String text = "Diarrhea 3/day. Nocturia x2. No hematuria. Nocturia still x2.";
        List<String> symptoms = student.extract(new Note("N", text)).stream().map(Finding::symptom).toList();
        assertEquals(List.of("hematuria", "nocturia", "diarrhea"), symptoms);
    }

    @Test
    void theVersionNamesTheLexicon() {
        assertTrue(student.version().startsWith("embedded@"), student.version());
        assertEquals("embedded@" + student.lexicon().version(), student.version());
    }

    @Test
    void isDeterministic() {
        Note note = new Note("N", "GU: + frequency q1h, + nocturia 3-4x, - hematuria. Started tamsulosin.");
        assertEquals(student.extract(note), student.extract(note));
    }

    @Test
    void anEmptyNoteIsRefusedWithAReason() {
        var e = assertThrows(UnreadableNoteException.class, () -> student.extract(new Note("N", "  \n ")));
        assertEquals("note text is empty", e.getMessage());
    }

    @Test
    void aNoteLongerThanTheLimitIsRefusedWithAReason() {
        EmbeddedStudent small = EmbeddedStudent.builder().maxNoteChars(50).build();
        var e = assertThrows(UnreadableNoteException.class, () -> small.extract(new Note("N", "x".repeat(51))));
        assertTrue(e.getMessage().contains("more than the limit of 50"), e.getMessage());
    }

    @Test
    void aNoteThatSpeaksOfNoSymptomHasNoFindings() {
        assertEquals(List.of(), student.extract(new Note("N", "PSA 0.2, stable. Return in 6 months.")));
    }
}
