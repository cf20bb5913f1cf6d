package org.radtox.llm.guard;

/** A proposed finding the guards dropped, and why (for the operator and for refinement's error analysis). */
public record Rejection(String symptom, String reason) {
}
