package org.radtox.refinement.teacher;

/** A gold note a teacher wants in the student's retrieval bank for one symptom, and why. */
public record RetrievalExample(String noteId, String symptom, String rationale) {
}
