package org.radtox.student.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radtox.student.embedded.Notes.label;

import org.junit.jupiter.api.Test;

/** CTCAE v5.0 grade cues as LABELING.md lists them, one criterion per test. */
class GradingTest {

    @Test
    void stoolsOverBaselineGradeDiarrhea() {
        assertEquals("present/1", label("Diarrhea, 3 loose stools a day (baseline 1).", "diarrhea"));
        assertEquals("present/2", label("Diarrhea, 6 loose stools/day, baseline 1-2.", "diarrhea"));
        assertEquals("present/3", label("Diarrhea with 9 watery stools per day over a baseline of 1.", "diarrhea"));
    }

    @Test
    void theStoolCountMayStandInTheNextSentence() {
        assertEquals("present/2", label("Pt called re: loose stools. Reports 5-6 BMs/day, baseline 1/d.", "diarrhea"));
    }

    @Test
    void padsMakeIncontinenceGradeTwoAndASphincterGradeThree() {
        assertEquals("present/1", label("Leaks a few drops when he coughs, no pads.", "urinary_incontinence"));
        assertEquals("present/2", label("Leaking with urgency, now wearing 2 pads/day.", "urinary_incontinence"));
        assertEquals("present/3", label("Severe incontinence, artificial urinary sphincter planned.", "urinary_incontinence"));
    }

    @Test
    void aDrugStartedForTheSymptomIsMedicalManagement() {
        assertEquals("present/2", label("Nocturia x3, start tamsulosin 0.4 mg qhs for nocturia.", "nocturia"));
        assertEquals("present/1", label("Nocturia x2, no meds for now.", "nocturia"));
    }

    @Test
    void erectileDysfunctionByIntervention() {
        assertEquals("present/1", label("Erections weaker, no treatment wanted.", "erectile_dysfunction"));
        assertEquals("present/2", label("Erectile dysfunction, uses sildenafil with good effect.", "erectile_dysfunction"));
        assertEquals("present/3", label("Erectile dysfunction, sildenafil and tadalafil not helping; prosthesis discussed.", "erectile_dysfunction"));
    }

    @Test
    void hematuriaByInterventionAndTransfusion() {
        assertEquals("present/1", label("Microscopic hematuria on UA.", "hematuria"));
        assertEquals("present/2", label("Hematuria with clots, catheter placed and irrigated.", "hematuria"));
        assertEquals("present/3", label("Gross hematuria requiring transfusion of 2 units PRBC.", "hematuria"));
    }

    @Test
    void cystitisIsAtLeastTheGradeOfItsHematuria() {
        assertEquals("present/3", label("Hemorrhagic radiation cystitis. Gross hematuria requiring transfusion.", "cystitis_noninfective"));
    }

    @Test
    void aGradeTheClinicianStatedIsTakenAsWritten() {
        assertEquals("present/2", label("Rectal bleeding G2.", "rectal_hemorrhage"));
        assertEquals("present/3", label("Proctitis, CTCAE grade 3.", "proctitis"));
    }

    @Test
    void aStatedGradeBelongsToTheNearestSymptom() {
        String note = "Proctitis G2, mild nocturia.";
        assertEquals("present/2", label(note, "proctitis"));
        assertEquals("present/1", label(note, "nocturia"));
    }

    @Test
    void aNegatedCueDoesNotCount() {
        assertEquals("present/1", label("Mild urge leakage, no pads needed.", "urinary_incontinence"));
    }

    @Test
    void gradesATermDoesNotDefineAreNeverEmitted() {
        // Dysuria has only grade 1 in CTCAE v5.0, whatever the note says.
        assertEquals("present/1", label("Dysuria grade 3, severe burning with urination.", "dysuria"));
        // Urinary frequency stops at grade 2.
        assertEquals("present/2", label("Urinary frequency, CTCAE grade 3.", "urinary_frequency"));
    }
}
