package org.radtox.cds.cards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.chart.ReadNote;
import org.radtox.cds.chart.RecordedToxicity;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The course of each toxicity across the chart: what the latest note that speaks of it says, against the
 * earlier notes and the Observations already recorded. A toxicity present now is new, worsening, improving or
 * persistent; one absent now but present just before is resolved; one absent now and before is not news and
 * has no course.
 */
public final class ToxicityCourses {

    private ToxicityCourses() {
    }

    /** The courses worth a clinician's attention, in symptom-set order. */
    public static List<SymptomCourse> of(PatientChart chart, SymptomSet symptoms) {
        Set<String> readNoteIds = chart.notes().stream().map(ReadNote::id).collect(Collectors.toSet());
        List<SymptomCourse> courses = new ArrayList<>();
        for (Symptom symptom : symptoms.symptoms()) {
            ReadNote latestNote = null;
            Finding latest = null;
            List<Point> earlier = new ArrayList<>();
            for (ReadNote note : chart.notes()) {
                for (Finding f : note.findings()) {
                    if (!f.symptom().equals(symptom.key())) {
                        continue;
                    }
                    if (latest == null) {
                        latestNote = note;
                        latest = f;
                    } else {
                        earlier.add(new Point(note.when(), new CoursePoint(note.date(), f.grade(), note.reference())));
                    }
                }
            }
            if (latest == null) {
                continue;
            }
            ReadNote current = latestNote;
            for (RecordedToxicity r : chart.recorded()) {
                // Records of a note read here repeat that note's own point; records after the latest note are not "earlier".
                if (r.symptom().equals(symptom.key()) && !readNoteIds.contains(r.noteId()) && r.when() != null
                        && (current.when() == null || r.when().isBefore(current.when()))) {
                    earlier.add(new Point(r.when(), new CoursePoint(r.date(), r.grade(), r.reference())));
                }
            }
            earlier.sort(Comparator.comparing(Point::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder())));
            List<CoursePoint> points = earlier.stream().map(Point::point).toList();
            Trend trend = trend(latest, points);
            if (trend == null) {
                continue;
            }
            courses.add(new SymptomCourse(symptom, current, latest, trend, points, recorded(chart, symptom, current, latest)));
        }
        return courses;
    }

    private record Point(Instant when, CoursePoint point) {
    }

    /** {@code null} when there is nothing to say: absent now and absent (or unknown) just before. */
    static Trend trend(Finding latest, List<CoursePoint> earlierNewestFirst) {
        CoursePoint before = earlierNewestFirst.isEmpty() ? null : earlierNewestFirst.get(0);
        if (latest.status() == Status.ABSENT) {
            return before != null && before.present() ? Trend.RESOLVED : null;
        }
        if (before == null || !before.present()) {
            return Trend.NEW;
        }
        if (latest.grade() == null || before.grade() == null || latest.grade().equals(before.grade())) {
            return Trend.PERSISTENT;
        }
        return latest.grade() > before.grade() ? Trend.WORSENING : Trend.IMPROVING;
    }

    /** The EHR already has this toxicity at this grade, from this very note or from a record at least as recent. */
    private static boolean recorded(PatientChart chart, Symptom symptom, ReadNote note, Finding finding) {
        int grade = finding.grade() == null ? -1 : finding.grade();
        for (RecordedToxicity r : chart.recorded()) {
            if (!r.symptom().equals(symptom.key()) || r.grade() != grade) {
                continue;
            }
            if (Objects.equals(r.noteId(), note.id())
                    || r.when() != null && note.when() != null && !r.when().isBefore(note.when())) {
                return true;
            }
        }
        return false;
    }
}
