package org.radtox.llm.retrieval;

import java.util.Objects;

import org.radtox.student.finding.Status;

/**
 * A labeled snippet of a de-identified gold note, shown to the LLM as a few-shot example.
 *
 * @param id        stable id, {@code <gold note id>/<symptom>}
 * @param text      the words of the gold note that show the label
 * @param symptom   symptom key
 * @param status    the gold status (present or absent)
 * @param grade     the gold grade (0 when absent, null when present but not gradable)
 * @param rationale a short reason for the grade, from the CTCAE criteria
 */
public record GoldExample(String id, String text, String symptom, Status status, Integer grade, String rationale) {

    public GoldExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(symptom, "symptom");
        Objects.requireNonNull(status, "status");
        rationale = rationale == null ? "" : rationale;
        if (text.isBlank()) {
            throw new IllegalArgumentException("gold example " + id + " has no text");
        }
    }
}
