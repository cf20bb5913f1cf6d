package org.radtox.cds.chart;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.DocumentReference;
import org.radtox.student.finding.Finding;

/**
 * A note the student read, with what it found.
 *
 * @param reference  {@code DocumentReference/{id}} or, when the EHR sent a version, {@code .../_history/{v}}
 * @param date       the note's date as written ({@code 2031-04-02}), {@code null} when the note has none
 * @param when       the note's date as an instant, for ordering; {@code null} when it has none
 * @param document   the DocumentReference as the EHR sent it
 * @param text       the text the student read (evidence offsets refer to it)
 * @param textSha256 the SHA-256 of the text: the cache key, and how feedback finds the text again
 * @param findings   the student's findings of that text
 */
public record ReadNote(String reference, String date, Instant when, DocumentReference document, String text,
                       String textSha256, List<Finding> findings) {

    public ReadNote {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }

    /** Whether the EHR sent a version id, so that an Observation can point at this exact note version. */
    public boolean versioned() {
        return reference.contains("/_history/");
    }

    /** The note's id without version: what an Observation's {@code derivedFrom} names, versioned or not. */
    public String id() {
        int h = reference.indexOf("/_history/");
        return h < 0 ? reference : reference.substring(0, h);
    }
}
