package org.radtox.server.dashboard.findings;

import java.time.LocalDate;

/**
 * One toxicity finding as the dashboard counts it: a row of {@code radtox_finding}, kept in step with its
 * Observation. {@code present} is false for an explicit "absent" finding (grade 0), which the dashboard
 * needs as the denominator; {@code observationStatus} is the FHIR status, and an {@code entered-in-error}
 * row no longer counts.
 */
public record FindingRow(String observationId, String patientId, String noteId, long noteVersion, String encounter,
                         LocalDate effective, String symptom, boolean present, int grade, String studentVersion,
                         String quote, Integer quoteStart, Integer quoteEnd, String observationStatus) {

    /** The calendar month of the finding, {@code YYYY-MM}, or {@code null} without a date. */
    public String month() {
        return effective == null ? null : effective.toString().substring(0, 7);
    }
}
