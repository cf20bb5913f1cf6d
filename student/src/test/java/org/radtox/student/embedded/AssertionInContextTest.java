package org.radtox.student.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radtox.student.embedded.Notes.label;

import org.junit.jupiter.api.Test;

/** How the student reads what surrounds a symptom: NegEx / ConText behaviour, one trap per test. */
class AssertionInContextTest {

    @Test
    void aPlainReportIsPresent() {
        assertEquals("present/1", label("Pt reports burning with urination since Tuesday.", "dysuria"));
    }

    @Test
    void aDenialIsAbsent() {
        assertEquals("absent/0", label("He denies hematuria.", "hematuria"));
    }

    @Test
    void aDenialReachesOverAListOfShortItems() {
        String note = "Denies dysuria, frequency, urgency, nocturia, leakage or blood in urine.";
        assertEquals("absent/0", label(note, "dysuria"));
        assertEquals("absent/0", label(note, "urinary_incontinence"));
        assertEquals("absent/0", label(note, "hematuria"));
    }

    @Test
    void aDenialStopsAtBut() {
        String note = "Denies dysuria but reports urgency.";
        assertEquals("absent/0", label(note, "dysuria"));
        assertEquals("present/1", label(note, "urinary_urgency"));
    }

    @Test
    void aNegationDoesNotCrossIntoTheNextSentence() {
        String note = "No hematuria. Up 3 times a night to void.";
        assertEquals("present/1", label(note, "nocturia"));
    }

    @Test
    void resolvedIsAbsent() {
        assertEquals("absent/0", label("The diarrhea he had in week 5 has resolved.", "diarrhea"));
    }

    @Test
    void historyBeforeRadiotherapyIsNotMentioned() {
        assertEquals("not_mentioned", label("History of urinary retention prior to RT after hernia surgery.", "urinary_retention"));
    }

    @Test
    void aBaselineSymptomThatPersistsIsPresent() {
        assertEquals("present/1", label("Baseline nocturia x2, unchanged and still present.", "nocturia"));
    }

    @Test
    void educationIsNotAStatementAboutThePatient() {
        assertEquals("not_mentioned", label("Call us if you see blood in your urine or cannot pass urine.", "hematuria"));
    }

    @Test
    void familyHistoryIsAboutSomebodyElse() {
        assertEquals("not_mentioned", label("His brother was diagnosed with bladder cancer after noticing blood in his urine.", "hematuria"));
        assertEquals("not_mentioned", label("Family history: father had urinary incontinence.", "urinary_incontinence"));
    }

    @Test
    void theWifesOwnConditionIsHersButHerReportOfHimIsHis() {
        assertEquals("not_mentioned", label("His wife, who has her own bladder leakage, asked about pelvic floor PT.", "urinary_incontinence"));
        assertEquals("present/1", label("Wife reports he gets up 3 times a night to urinate.", "nocturia"));
    }

    @Test
    void aHedgeIsNotAFinding() {
        assertEquals("not_mentioned", label("? early proctitis vs hemorrhoids.", "proctitis"));
    }

    @Test
    void aDrugOnTheMedicationListIsNotASymptom() {
        assertEquals("not_mentioned", label("Medications:\nsildenafil 50 mg prn\ntamsulosin 0.4 mg", "erectile_dysfunction"));
    }

    @Test
    void templateMarkersDecide() {
        String note = "GU: + frequency, - hematuria, - dysuria";
        assertEquals("present/1", label(note, "urinary_frequency"));
        assertEquals("absent/0", label(note, "hematuria"));
        assertEquals("absent/0", label(note, "dysuria"));
    }

    @Test
    void aMinusRightAfterAHeaderIsATemplateMinus() {
        assertEquals("absent/0", label("ROS (GI): - diarrhea, - rectal bleeding", "diarrhea"));
    }

    @Test
    void aBulletIsNotATemplateMinus() {
        assertEquals("present/1", label("Symptoms:\n- nocturia x2\n- mild urgency", "nocturia"));
    }

    @Test
    void aFormValueAfterLeaderDotsDecides() {
        assertEquals("absent/0", label("Rectal bleeding ........ N", "rectal_hemorrhage"));
        assertEquals("present/2", label("Proctitis ........ 2", "proctitis"));
    }

    @Test
    void todaysAssessmentWinsOverTextCopiedForward() {
        String note = "Interval history (copied forward from last visit):\nUp 4x at night, on tamsulosin.\n"
                + "Assessment:\nNocturia resolved since stopping evening coffee.";
        assertEquals("absent/0", label(note, "nocturia"));
    }

    @Test
    void aPhraseThatStatesAbsenceIsAbsentAndItsNegationPresent() {
        assertEquals("absent/0", label("Fully continent, no pads.", "urinary_incontinence"));
        assertEquals("absent/0", label("Sleeps through the night.", "nocturia"));
        assertEquals("absent/0", label("Urinary: no frequency, no blood, emptying well.", "urinary_retention"));
        assertEquals("present/2", label("Not continent since surgery, 3 pads a day.", "urinary_incontinence"));
    }

    @Test
    void aScoreDecidesByItsCutOff() {
        assertEquals("present/1", label("SHIM 12 today.", "erectile_dysfunction"));
        assertEquals("absent/0", label("SHIM 24, no concerns.", "erectile_dysfunction"));
        assertEquals("absent/0", label("UA: 0-2 RBC/hpf.", "hematuria"));
        assertEquals("present/1", label("UA: 5-10 RBC/hpf, nitrite neg.", "hematuria"));
    }

    @Test
    void theEmergencyDepartmentIsNotErectileDysfunction() {
        assertEquals("not_mentioned", label("Advised to go to the ED now. ED notified.", "erectile_dysfunction"));
        assertEquals("present/2", label("ED - on tadalafil 5 mg daily.", "erectile_dysfunction"));
    }

    @Test
    void bowelUrgencyIsNotUrinaryUrgency() {
        assertEquals("not_mentioned", label("6 loose stools a day with fecal urgency.", "urinary_urgency"));
    }
}
