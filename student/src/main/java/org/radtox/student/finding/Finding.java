package org.radtox.student.finding;

import java.util.Objects;

/**
 * One toxicity a note documents.
 *
 * @param symptom  the symptom key of the symptom set (e.g. {@code proctitis})
 * @param status   present or absent
 * @param grade    the CTCAE v5.0 grade: 1..5 when present, 0 when absent, {@code null} when present but not gradable
 * @param evidence the quote that shows it
 */
public record Finding(String symptom, Status status, Integer grade, Evidence evidence) {

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

    public static Finding present(String symptom, Integer grade, Evidence evidence) {
        return new Finding(symptom, Status.PRESENT, grade, evidence);
    }

    public static Finding absent(String symptom, Evidence evidence) {
        return new Finding(symptom, Status.ABSENT, 0, evidence);
    }
}
