package org.radtox.llm.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/** The ensemble's mechanics (not its worth: that needs a real model on the validation split). */
class EnsembleStudentTest {

    static final EmbeddedStudent EMBEDDED = EmbeddedStudent.bundled();

    /** An LLM student stand-in that reports what it is told and counts the notes it reads. */
    static final class ScriptedStudent implements Student {
        final List<Note> read = new ArrayList<>();
        final java.util.function.Function<Note, List<Finding>> answer;

        ScriptedStudent(java.util.function.Function<Note, List<Finding>> answer) {
            this.answer = answer;
        }

        @Override
        public String version() {
            return "ollama@0123456789ab";
        }

        @Override
        public List<Finding> extract(Note note) {
            read.add(note);
            return answer.apply(note);
        }
    }

    static final Note CLEAR = new Note("clear", "Denies dysuria. Up 2x at night to void.");
    static final Note DOUBTFUL = new Note("doubtful", "Denies dysuria. Possible blood in urine last week, unclear.");

    static Finding at(Note n, String symptom, int grade, String quote) {
        int start = n.text().indexOf(quote);
        Evidence e = Evidence.of(n.text(), start, start + quote.length());
        return grade == 0 ? Finding.absent(symptom, e) : Finding.present(symptom, grade, e);
    }

    @Test
    void theNotesTheEmbeddedStudentReadsClearlyNeverReachTheLlm() {
        assertTrue(new EmbeddedDoubt(EMBEDDED).doubtful(CLEAR, EMBEDDED.extract(CLEAR)).isEmpty());
        ScriptedStudent llm = new ScriptedStudent(n -> List.of());
        EnsembleStudent defer = new EnsembleStudent("ensemble@test", EnsembleMode.DEFER, EMBEDDED, llm);

        List<Finding> found = defer.extract(CLEAR);

        assertTrue(llm.read.isEmpty());
        assertEquals(EMBEDDED.extract(CLEAR).size(), found.size());
        assertTrue(found.stream().allMatch(f -> EMBEDDED.version().equals(f.producedBy())));
    }

    @Test
    void aDoubtfulNoteGoesToTheLlm() {
        assertEquals(java.util.Set.of("hematuria"), new EmbeddedDoubt(EMBEDDED).doubtful(DOUBTFUL, EMBEDDED.extract(DOUBTFUL)));
        ScriptedStudent llm = new ScriptedStudent(n -> List.of(at(n, "hematuria", 1, "Possible blood in urine last week")));

        List<Finding> found = new EnsembleStudent("ensemble@test", EnsembleMode.DEFER, EMBEDDED, llm).extract(DOUBTFUL);

        assertEquals(1, llm.read.size());
        assertEquals(List.of("hematuria"), found.stream().map(Finding::symptom).toList());
        assertEquals("ollama@0123456789ab", found.get(0).producedBy());
    }

    @Test
    void votingKeepsAgreement_andLetsTheLlmDecideOnlyWhereTheEmbeddedStudentIsInDoubt() {
        ScriptedStudent llm = new ScriptedStudent(n -> List.of(
                at(n, "dysuria", 1, "Denies dysuria."),                       // disagrees where the embedded student is sure
                at(n, "hematuria", 1, "Possible blood in urine last week"))); // speaks where it is in doubt

        List<Finding> found = new EnsembleStudent("ensemble@test", EnsembleMode.VOTE, EMBEDDED, llm).extract(DOUBTFUL);

        Finding dysuria = found.stream().filter(f -> f.symptom().equals("dysuria")).findFirst().orElseThrow();
        assertEquals(0, dysuria.grade(), "the embedded student's clear reading stands");
        assertEquals(EMBEDDED.version(), dysuria.producedBy());
        Finding hematuria = found.stream().filter(f -> f.symptom().equals("hematuria")).findFirst().orElseThrow();
        assertEquals("ollama@0123456789ab", hematuria.producedBy());
    }
}
