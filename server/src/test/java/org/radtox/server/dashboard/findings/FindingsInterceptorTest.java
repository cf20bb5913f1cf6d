package org.radtox.server.dashboard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import org.radtox.fhir.observation.ToxicityObservationMapper;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;

/** What a findings row takes from a toxicity Observation and from its note, as the mapper writes them. */
class FindingsInterceptorTest {

    private static final String TEXT = "Up 3x at night to void. Denies hematuria.";

    private static DocumentReference note() {
        DocumentReference note = new DocumentReference();
        note.setId("DocumentReference/n1/_history/2");
        note.setSubject(new Reference("Patient/p1"));
        note.setDateElement(new org.hl7.fhir.r4.model.InstantType("2031-02-03T23:30:00+01:00"));
        return note;
    }

    private static List<Observation> observations() {
        List<Observation> out = ToxicityObservationMapper.builder().build().map(note(), List.of(
                Finding.present("nocturia", 1, new Evidence("Up 3x at night to void.", 0, 23)),
                Finding.absent("hematuria", new Evidence("Denies hematuria.", 24, 41))), "embedded@test", new Date());
        out.get(0).setId("Observation/o1/_history/1");
        out.get(1).setId("Observation/o2/_history/1");
        return out;
    }

    @Test
    void aPresentFindingCarriesItsGradeEvidenceNoteVersionAndStudentVersion() {
        FindingRow row = FindingsInterceptor.finding(observations().get(0)).orElseThrow();
        assertEquals(new FindingRow("o1", "p1", "n1", 2, null, LocalDate.of(2031, 2, 3), "nocturia", true, 1, "embedded@test",
                "Up 3x at night to void.", 0, 23, "preliminary"), row);
        assertEquals("Up 3x at night to void.", TEXT.substring(row.quoteStart(), row.quoteEnd()));
        assertEquals("2031-02", row.month());
    }

    @Test
    void anAbsentFindingIsGradeZeroAndNotPresent() {
        FindingRow row = FindingsInterceptor.finding(observations().get(1)).orElseThrow();
        assertEquals(false, row.present());
        assertEquals(0, row.grade());
    }

    @Test
    void anObservationTurnedEnteredInErrorSaysSo() {
        Observation o = observations().get(0);
        o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        assertEquals("entered-in-error", FindingsInterceptor.finding(o).orElseThrow().observationStatus());
    }

    @Test
    void otherObservationsAreNotFindings() {
        Observation vitals = new Observation();
        vitals.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        vitals.setSubject(new Reference("Patient/p1"));
        assertTrue(!FindingsInterceptor.isToxicity(vitals));
    }

    @Test
    void aNoteGivesItsTypeAndRadiotherapyCourseWhenItCarriesThem() {
        DocumentReference note = note();
        note.setType(new CodeableConcept().setText("on-treatment"));
        note.addExtension(FindingsInterceptor.RT_START_EXTENSION, new DateType("2031-01-06"));
        note.addExtension(FindingsInterceptor.TECHNIQUE_EXTENSION, new StringType("IMRT"));
        NoteFacts facts = FindingsInterceptor.facts(note);
        assertEquals(new NoteFacts("n1", 2, "p1", LocalDate.of(2031, 2, 3), "on-treatment", LocalDate.of(2031, 1, 6), "IMRT"), facts);
        assertEquals(0, facts.weekSinceRtStart(LocalDate.of(2031, 1, 12)));
        assertEquals(1, facts.weekSinceRtStart(LocalDate.of(2031, 1, 13)));
        assertEquals(4, facts.weekSinceRtStart(LocalDate.of(2031, 2, 3)));
        assertEquals(null, FindingsInterceptor.facts(note()).weekSinceRtStart(LocalDate.of(2031, 2, 3)), "no course, no week");
    }
}
