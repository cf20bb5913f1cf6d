package org.radtox.fhir.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.radtox.fhir.RadToxFhir;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;

class ToxicityObservationMapperTest {

    private static final String TEXT = "Week 5 of 28 fx. Up 3x at night to void. Denies blood in urine.";
    private static final String VERSION = "embedded@2026-11-28.1";
    private static final Date ISSUED = new Date(1_795_000_000_000L);

    private final ToxicityObservationMapper mapper = ToxicityObservationMapper.builder().build();
    private final DocumentReference note = Notes.stored("n1", "3", "p1", TEXT);

    private static Finding nocturiaGrade1() {
        int start = TEXT.indexOf("Up 3x");
        return Finding.present("nocturia", 1, Evidence.of(TEXT, start, TEXT.indexOf("void.") + 5));
    }

    private static Finding hematuriaAbsent() {
        int start = TEXT.indexOf("Denies");
        return Finding.absent("hematuria", Evidence.of(TEXT, start, TEXT.length()));
    }

    @Test
    void aPresentFindingBecomesAPreliminaryGradedObservation() {
        Observation o = mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED).get(0);

        assertEquals(RadToxFhir.TOXICITY_OBSERVATION_PROFILE, o.getMeta().getProfile().get(0).getValue());
        Coding tag = o.getMeta().getTagFirstRep();
        assertEquals(RadToxFhir.STUDENT_VERSION_SYSTEM, tag.getSystem());
        assertEquals(VERSION, tag.getCode());
        assertEquals(Observation.ObservationStatus.PRELIMINARY, o.getStatus());

        assertEquals(2, o.getCategory().size());
        assertCoding(o.getCategory().get(0), 0, "http://terminology.hl7.org/CodeSystem/observation-category", "exam", "Exam");
        assertCoding(o.getCategory().get(1), 0, RadToxFhir.CATEGORY_SYSTEM, "toxicity", "Toxicity");

        assertCoding(o.getCode(), 0, "http://terminology.hl7.org/CodeSystem/mdr", "10038359",
                "Renal and urinary disorders - Other, specify");
        assertCoding(o.getCode(), 1, RadToxFhir.SYMPTOM_SYSTEM, "nocturia", "Nocturia");
        assertEquals("Nocturia", o.getCode().getText());

        CodeableConcept value = o.getValueCodeableConcept();
        assertCoding(value, 0, RadToxFhir.GRADE_SYSTEM, "1", "Grade 1");
        assertEquals("Asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated",
                value.getText());

        assertEquals("Patient/p1", o.getSubject().getReference());
        assertEquals("Encounter/e-n1", o.getEncounter().getReference());
        assertEquals("2026-11-20T10:15:00+01:00", o.getEffectiveDateTimeType().getValueAsString());
        assertEquals(ISSUED, o.getIssued());
        assertEquals(List.of("DocumentReference/n1/_history/3"),
                o.getDerivedFrom().stream().map(r -> r.getReference()).toList());
        assertEquals("Device/" + StudentDevice.idFor(VERSION), o.getDevice().getReference());

        Extension evidence = o.getExtensionByUrl(RadToxFhir.EVIDENCE_EXTENSION);
        assertEquals("Up 3x at night to void.", ((StringType) evidence.getExtensionByUrl("quote").getValue()).getValue());
        assertEquals(TEXT.indexOf("Up 3x"), ((IntegerType) evidence.getExtensionByUrl("start").getValue()).getValue());
        assertEquals(TEXT.indexOf("void.") + 5, ((IntegerType) evidence.getExtensionByUrl("end").getValue()).getValue());
        assertEquals("Evidence: \"Up 3x at night to void.\"", o.getNoteFirstRep().getText());
        assertTrue(o.getText().getDivAsString().contains("Nocturia: grade 1"), o.getText().getDivAsString());
        assertFalse(o.hasId(), "the server assigns ids");
    }

    @Test
    void anAbsentFindingIsGradeZeroAbsent() {
        Observation o = mapper.map(note, List.of(hematuriaAbsent()), VERSION, ISSUED).get(0);
        assertCoding(o.getCode(), 0, "http://terminology.hl7.org/CodeSystem/mdr", "10019450", "Hematuria");
        assertCoding(o.getCode(), 1, RadToxFhir.SYMPTOM_SYSTEM, "hematuria", "Hematuria");
        assertCoding(o.getValueCodeableConcept(), 0, RadToxFhir.GRADE_SYSTEM, "0", "Grade 0");
        assertEquals("Absent", o.getValueCodeableConcept().getText());
        assertEquals(Observation.ObservationStatus.PRELIMINARY, o.getStatus());
        assertEquals("Denies blood in urine.",
                ((StringType) o.getExtensionByUrl(RadToxFhir.EVIDENCE_EXTENSION).getExtensionByUrl("quote").getValue()).getValue());
    }

    @Test
    void oneObservationPerFindingInOrder() {
        List<Observation> os = mapper.map(note, List.of(hematuriaAbsent(), nocturiaGrade1()), VERSION, ISSUED);
        assertEquals(List.of("hematuria", "nocturia"), os.stream().map(o -> o.getCode().getCoding().get(1).getCode()).toList());
        assertEquals(List.of(), mapper.map(note, List.of(), VERSION, ISSUED));
    }

    @Test
    void effectiveFallsBackToThePeriodStartAndElseIsLeftOut() {
        note.setDate(null);
        note.getContext().getPeriod().setStartElement(new DateTimeType("2026-11-19"));
        assertEquals("2026-11-19", mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED).get(0)
                .getEffectiveDateTimeType().getValueAsString());
        note.getContext().setPeriod(null);
        assertFalse(mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED).get(0).hasEffective());
    }

    @Test
    void noEncounterWhenTheNoteHasNone() {
        note.getContext().getEncounter().clear();
        assertFalse(mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED).get(0).hasEncounter());
    }

    @Test
    void theVersionMayComeFromMeta() {
        DocumentReference fromMeta = Notes.stored("n2", "1", "p1", TEXT);
        fromMeta.setIdElement(new IdType("DocumentReference", "n2"));
        fromMeta.getMeta().setVersionId("7");
        assertEquals("DocumentReference/n2/_history/7", mapper.map(fromMeta, List.of(nocturiaGrade1()), VERSION, ISSUED)
                .get(0).getDerivedFromFirstRep().getReference());
    }

    @Test
    void aNoteWithoutSubjectIsRefused() {
        note.setSubject(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED));
        assertTrue(e.getMessage().contains("has no subject"), e.getMessage());
    }

    @Test
    void aNoteWithoutVersionIsRefused() {
        note.setIdElement(new IdType("DocumentReference", "n1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED));
        assertTrue(e.getMessage().contains("DocumentReference/n1 has no version id"), e.getMessage());
    }

    @Test
    void aNoteWithoutIdIsRefused() {
        note.setIdElement(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED));
        assertTrue(e.getMessage().contains("has no id"), e.getMessage());
    }

    @Test
    void findingsTheProfileCannotCarryAreRefused() {
        Evidence ev = Evidence.of(TEXT, 0, 4);
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(Finding.present("hiccups", 1, ev)), VERSION, ISSUED));
        assertTrue(unknown.getMessage().contains("'hiccups'"), unknown.getMessage());
        var ungraded = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(Finding.present("nocturia", null, ev)), VERSION, ISSUED));
        assertTrue(ungraded.getMessage().contains("has no grade"), ungraded.getMessage());
        var undefined = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(note, List.of(Finding.present("dysuria", 2, ev)), VERSION, ISSUED));
        assertTrue(undefined.getMessage().contains("grade 2"), undefined.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mapper.map(note, List.of(nocturiaGrade1()), " ", ISSUED));
    }

    /** Why RadToxFhir.VERSIONED_REFERENCE_PATHS exists: HAPI drops reference versions unless told not to. */
    @Test
    void theNoteVersionSurvivesJsonOnlyWhereTheContextKeepsIt() {
        Observation o = mapper.map(note, List.of(nocturiaGrade1()), VERSION, ISSUED).get(0);
        FhirContext stripping = FhirContext.forR4Cached();
        assertFalse(stripping.newJsonParser().encodeResourceToString(o).contains("\"reference\":\"DocumentReference/n1/_history/3\""));
        FhirContext keeping = FhirContext.forR4();
        keeping.getParserOptions().setDontStripVersionsFromReferencesAtPaths(RadToxFhir.VERSIONED_REFERENCE_PATHS);
        assertTrue(keeping.newJsonParser().encodeResourceToString(o).contains("\"reference\":\"DocumentReference/n1/_history/3\""));
    }

    @Test
    void theNarrativeEscapesTheQuote() {
        String text = "Nocturia <3x> & urgency";
        Finding f = Finding.present("nocturia", 1, Evidence.of(text, 0, text.length()));
        String div = mapper.map(note, List.of(f), VERSION, ISSUED).get(0).getText().getDivAsString();
        assertTrue(div.contains("Nocturia &lt;3x&gt; &amp; urgency"), div);
    }

    @Test
    void aFindingMadeByAFallbackStudentSaysSoInMethodAndStaysInTheAskedVersionsSet() {
        String text = "Up 3x at night to void.";
        Finding f = Finding.present("nocturia", 1, Evidence.of(text, 0, text.length())).attributedTo("embedded@2026-11-28.1");
        Observation o = mapper.map(note, List.of(f), "ollama@0123456789ab", ISSUED).get(0);
        assertCoding(o.getMethod(), 0, RadToxFhir.STUDENT_VERSION_SYSTEM, "embedded@2026-11-28.1",
                "RadTox student embedded@2026-11-28.1");
        assertEquals("ollama@0123456789ab", o.getMeta().getTag(RadToxFhir.STUDENT_VERSION_SYSTEM, "ollama@0123456789ab").getCode());
        assertTrue(o.getText().getDivAsString().contains("embedded@2026-11-28.1 on behalf of ollama@0123456789ab"));
    }

    @Test
    void aFindingOfTheAskedStudentHasNoMethod() {
        String text = "Up 3x at night to void.";
        Finding f = Finding.present("nocturia", 1, Evidence.of(text, 0, text.length())).attributedTo(VERSION);
        assertFalse(mapper.map(note, List.of(f), VERSION, ISSUED).get(0).hasMethod());
    }

    @Test
    void theNarrativeTurnsAQuotesControlCharactersIntoSpaces() {
        String text = "Nocturia\u0001x3";
        Finding f = Finding.present("nocturia", 1, Evidence.of(text, 0, text.length()));
        String div = mapper.map(note, List.of(f), VERSION, ISSUED).get(0).getText().getDivAsString();
        assertTrue(div.contains("Nocturia x3"), div);
    }

    private static void assertCoding(CodeableConcept cc, int index, String system, String code, String display) {
        Coding c = cc.getCoding().get(index);
        assertEquals(system, c.getSystem());
        assertEquals(code, c.getCode());
        assertEquals(display, c.getDisplay());
    }
}
