package org.radtox.student.finding;

import java.util.Objects;

/**
 * One toxicity a note documents.
 *
 * @param symptom    the symptom key of the symptom set (e.g. {@code proctitis})
 * @param status     present or absent
 * @param grade      the CTCAE v5.0 grade: 1..5 when present, 0 when absent, {@code null} when present but not gradable
 * @param evidence   the quote that shows it
 * @param producedBy the student version that really produced this finding when it is not the one that was asked
 *                   (an LLM student that fell back to the embedded student because its model server was down);
 *                   {@code null} when the asked student produced it, which is the usual case
 */
public record Finding(String symptom, Status status, Integer grade, Evidence evidence, String producedBy) {

    public Finding {
        Objects.requireNonNull(symptom, "symptom");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        if (status == Status.ABSENT && (grade == null || grade != 0)) {
            throw new IllegalArgumentException("an absent finding has grade 0, not " + grade);
        }
        if (status == Status.PRESENT && grade != null && (grade < 1 || grade > 5)) {
            throw new IllegalArgumentException("a present finding has grade 1..5 or none, not " + grade);
        }
    }

    /** A finding produced by the student that was asked. */
    public Finding(String symptom, Status status, Integer grade, Evidence evidence) {
        this(symptom, status, grade, evidence, null);
    }

    public static Finding present(String symptom, Integer grade, Evidence evidence) {
        return new Finding(symptom, Status.PRESENT, grade, evidence);
    }

    public static Finding absent(String symptom, Evidence evidence) {
        return new Finding(symptom, Status.ABSENT, 0, evidence);
    }

    /** The same finding, attributed to the student that really produced it (a fallback). */
    public Finding attributedTo(String studentVersion) {
        return new Finding(symptom, status, grade, evidence, studentVersion);
    }
}
