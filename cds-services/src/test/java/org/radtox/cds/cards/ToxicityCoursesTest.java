package org.radtox.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.chart.ReadNote;
import org.radtox.cds.chart.RecordedToxicity;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.symptoms.SymptomSet;

/** The trend of a toxicity: the latest note that speaks of it against what came before. */
class ToxicityCoursesTest {

    private static final SymptomSet SYMPTOMS = SymptomSet.prostateRt();

    private static Finding present(int grade) {
        return Finding.present("proctitis", grade, new Evidence("proctitis", 0, 9));
    }

    private static Finding absent() {
        return Finding.absent("proctitis", new Evidence("proctitis", 0, 9));
    }

    private static ReadNote note(String id, String day, Finding... findings) {
        return new ReadNote("DocumentReference/" + id + "/_history/1", day, Instant.parse(day + "T10:00:00Z"), new DocumentReference(),
                "proctitis", "sha-" + id, List.of(findings));
    }

    private static List<SymptomCourse> courses(List<RecordedToxicity> recorded, ReadNote... newestFirst) {
        return ToxicityCourses.of(new PatientChart("p", List.of(newestFirst), recorded, true, List.of(), newestFirst.length, 0), SYMPTOMS);
    }

    private static Trend trend(ReadNote... newestFirst) {
        List<SymptomCourse> c = courses(List.of(), newestFirst);
        return c.isEmpty() ? null : c.get(0).trend();
    }

    @Test
    void presentNowAndNotBeforeIsNew() {
        assertEquals(Trend.NEW, trend(note("b", "2031-04-02", present(2))));
        assertEquals(Trend.NEW, trend(note("b", "2031-04-02", present(2)), note("a", "2031-03-01", absent())));
    }

    @Test
    void aHigherGradeThanTheNoteBeforeIsWorseningALowerOneImproving() {
        assertEquals(Trend.WORSENING, trend(note("b", "2031-04-02", present(2)), note("a", "2031-03-01", present(1))));
        assertEquals(Trend.IMPROVING, trend(note("b", "2031-04-02", present(1)), note("a", "2031-03-01", present(3))));
        assertEquals(Trend.PERSISTENT, trend(note("b", "2031-04-02", present(2)), note("a", "2031-03-01", present(2))));
    }

    @Test
    void absentNowAfterPresentIsResolvedAndAbsentAfterAbsentIsNoNews() {
        assertEquals(Trend.RESOLVED, trend(note("b", "2031-04-02", absent()), note("a", "2031-03-01", present(1))));
        assertNull(trend(note("b", "2031-04-02", absent()), note("a", "2031-03-01", absent()), note("z", "2031-02-01", present(2))));
        assertNull(trend(note("b", "2031-04-02", absent())));
    }

    @Test
    void anEarlierRecordCountsAsHistoryAndARecordOfThisGradeMakesItRecordedAlready() {
        RecordedToxicity january = new RecordedToxicity("Observation/o1", "proctitis", 1, "DocumentReference/old", "2031-01-15",
                Instant.parse("2031-01-15T00:00:00Z"));
        SymptomCourse c = courses(List.of(january), note("b", "2031-04-02", present(2))).get(0);
        assertEquals(Trend.WORSENING, c.trend());
        assertEquals("2031-01-15 grade 1", c.earlier().get(0).describe());
        assertFalse(c.alreadyRecorded());

        RecordedToxicity fromThisNote = new RecordedToxicity("Observation/o2", "proctitis", 2, "DocumentReference/b", null, null);
        assertTrue(courses(List.of(fromThisNote), note("b", "2031-04-02", present(2))).get(0).alreadyRecorded());
        RecordedToxicity otherGrade = new RecordedToxicity("Observation/o3", "proctitis", 1, "DocumentReference/b", null, null);
        assertFalse(courses(List.of(otherGrade), note("b", "2031-04-02", present(2))).get(0).alreadyRecorded());
    }
}
