package org.radtox.cds.chart;

import java.util.List;
import java.util.Objects;

/**
 * What RadTox read of one patient's chart for one hook call.
 *
 * @param patientId      {@code context.patientId}
 * @param notes          the notes read, newest first (undated notes last)
 * @param recorded       toxicity Observations already in the EHR
 * @param recordedKnown  whether the EHR said which toxicities are already recorded (prefetch or fetch)
 * @param skipped        what was not read, and why
 * @param notesOffered   how many notes the EHR offered
 * @param notesUnread    notes not read before the deadline
 */
public record PatientChart(String patientId, List<ReadNote> notes, List<RecordedToxicity> recorded, boolean recordedKnown,
                           List<SkippedEntry> skipped, int notesOffered, int notesUnread) {

    public PatientChart {
        Objects.requireNonNull(patientId, "patientId");
        notes = List.copyOf(notes);
        recorded = List.copyOf(recorded);
        skipped = List.copyOf(skipped);
    }
}
