package org.radtox.cds.cards;

import java.util.List;
import java.util.Objects;

import org.radtox.cds.chart.ReadNote;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.Symptom;

/**
 * One toxicity as the chart documents it now: the latest note that speaks of it, what it says there, and how
 * that compares with before.
 *
 * @param symptom         the symptom
 * @param note            the latest note that speaks of it
 * @param finding         what that note says
 * @param trend           against the earlier notes and records
 * @param earlier         earlier observations, newest first
 * @param alreadyRecorded whether the EHR already has this toxicity at this grade from this note or later
 */
public record SymptomCourse(Symptom symptom, ReadNote note, Finding finding, Trend trend, List<CoursePoint> earlier,
                            boolean alreadyRecorded) {

    public SymptomCourse {
        Objects.requireNonNull(symptom, "symptom");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(trend, "trend");
        earlier = List.copyOf(earlier);
    }

    public boolean resolved() {
        return finding.status() == Status.ABSENT;
    }

    /** The grade that decides the card's urgency: today's, or for a resolved toxicity the one it had. */
    public Integer grade() {
        return finding.grade();
    }

    /** The symptom's name in running text: {@code proctitis}, {@code urinary frequency}. */
    public String name() {
        return symptom.display().toLowerCase(java.util.Locale.ROOT);
    }
}
