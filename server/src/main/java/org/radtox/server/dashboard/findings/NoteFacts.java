package org.radtox.server.dashboard.findings;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What the dashboard filters by that the note carries rather than the finding: its type and the
 * radiotherapy course it belongs to (start date and technique), when the note says so.
 */
public record NoteFacts(String noteId, long noteVersion, String patientId, LocalDate date, String noteType,
                        LocalDate rtStart, String technique) {

    /** Whole weeks from the start of radiotherapy to {@code day} (week 0 is the first), or {@code null}. */
    public Integer weekSinceRtStart(LocalDate day) {
        if (rtStart == null || day == null) {
            return null;
        }
        return (int) Math.floorDiv(ChronoUnit.DAYS.between(rtStart, day), 7);
    }
}
