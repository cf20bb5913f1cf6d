package org.radtox.student.symptoms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.radtox.student.catalog.CtcaeCatalog;

class SymptomSetTest {

    private final CtcaeCatalog catalog = CtcaeCatalog.bundled();

    @Test
    void theProstateSetHasTheTwelveKeysOfTheLabelingGuide() {
        SymptomSet set = SymptomSet.prostateRt();
        assertEquals(List.of("cystitis_noninfective", "dysuria", "erectile_dysfunction", "hematuria", "urinary_incontinence",
                "nocturia", "proctitis", "rectal_hemorrhage", "urinary_frequency", "urinary_urgency", "urinary_retention",
                "diarrhea"), set.keys());
    }

    @Test
    void nocturiaIsCodedAsRenalAndUrinaryOtherSpecify() {
        Symptom nocturia = SymptomSet.prostateRt().symptom("nocturia").orElseThrow();
        assertEquals("Renal and urinary disorders - Other, specify", nocturia.term().name());
        assertEquals(10038359L, nocturia.term().meddraCode());
        assertEquals(Set.of(1, 2, 3), nocturia.grades());
    }

    @Test
    void gradesDefaultToThoseTheTermDefines() {
        assertEquals(Set.of(1), SymptomSet.prostateRt().symptom("dysuria").orElseThrow().grades());
        assertEquals(Set.of(1, 2, 3, 4, 5), SymptomSet.prostateRt().symptom("proctitis").orElseThrow().grades());
    }

    @Test
    void aNewSiteAddsAFileNotAClass() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"id": "head-neck", "symptoms": [
                  {"key": "mucositis", "display": "Oral mucositis", "ctcaeTerm": "Mucositis oral", "meddraCode": 10028130},
                  {"key": "dysphagia", "display": "Dysphagia", "ctcaeTerm": "Dysphagia"}]}""");
        SymptomSet set = SymptomSet.read(json, catalog);
        assertEquals(List.of("mucositis", "dysphagia"), set.keys());
        assertTrue(set.symptom("dysphagia").orElseThrow().allowsGrade(5));
    }

    @Test
    void anUnknownTermIsRefusedWithItsName() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"id": "bad", "symptoms": [{"key": "x", "display": "X", "ctcaeTerm": "Not a CTCAE term"}]}""");
        var e = assertThrows(IllegalArgumentException.class, () -> SymptomSet.read(json, catalog));
        assertTrue(e.getMessage().contains("Not a CTCAE term"), e.getMessage());
    }

    @Test
    void aGradeTheTermDoesNotDefineIsRefused() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"id": "bad", "symptoms": [{"key": "dysuria", "display": "Dysuria", "ctcaeTerm": "Dysuria", "grades": [1, 2]}]}""");
        var e = assertThrows(IllegalArgumentException.class, () -> SymptomSet.read(json, catalog));
        assertTrue(e.getMessage().contains("CTCAE defines only [1]"), e.getMessage());
    }

    @Test
    void aWrongMeddraCodeIsRefused() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"id": "bad", "symptoms": [{"key": "dysuria", "display": "Dysuria", "ctcaeTerm": "Dysuria", "meddraCode": 1}]}""");
        assertThrows(IllegalArgumentException.class, () -> SymptomSet.read(json, catalog));
    }
}
