package org.radtox.cds.chart;

/**
 * Something of the prefetch or fetch that was not read, and why: a note in a format the student cannot read, an
 * entry of the wrong resource type, a note of another patient. Said in the card detail, never a 500.
 *
 * @param what   {@code DocumentReference/123}, or {@code recentNotes entry 4}
 * @param reason for a clinician or an operator
 */
public record SkippedEntry(String what, String reason) {
}
