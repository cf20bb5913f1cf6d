package org.radtox.student.embedded;

import java.util.List;
import java.util.Optional;

import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.note.Note;

/** Helpers that let a test say "in this note, this symptom is present at grade 2" in one line. */
final class Notes {

    static final EmbeddedStudent STUDENT = EmbeddedStudent.bundled();

    private Notes() {
    }

    static List<Finding> read(String text) {
        return STUDENT.extract(new Note("test", text));
    }

    static Optional<Finding> finding(String text, String symptom) {
        return read(text).stream().filter(f -> f.symptom().equals(symptom)).findFirst();
    }

    /** "present/2", "absent/0", or "not_mentioned". */
    static String label(String text, String symptom) {
        return finding(text, symptom).map(f -> f.status() == Status.PRESENT ? "present/" + f.grade() : "absent/0")
                .orElse("not_mentioned");
    }
}
