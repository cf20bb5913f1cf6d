package org.radtox.refinement.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.Attestation.YearRange;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldNote;

class PhiGuardTest {

    private static final PhiGuard GUARD = PhiGuard.create(new YearRange(2031, 2033));

    private static GoldNote note(String id, String text) {
        return new GoldNote(id, text, null, Map.of());
    }

    private static List<PhiKind> kinds(String text) {
        return GUARD.scan("N", text).stream().map(PhiSpan::kind).toList();
    }

    @Test
    void aNoteWithANameAnMrnAndADateIsRefusedWithItsSpans() {
        String text = "Seen with Mr. Kowalski today. MRN: 00482913. Visit 03/14/2024, urgency x2.";
        List<GoldNote> notes = List.of(note("G-1", "Nocturia x2, no PHI here."), note("G-2", text));
        PhiRefusedException e = assertThrows(PhiRefusedException.class, () -> GUARD.check(notes, null, m -> { }));
        assertEquals(List.of(PhiKind.PERSON_NAME, PhiKind.MRN, PhiKind.DATE), e.spans().stream().map(PhiSpan::kind).toList());
        PhiSpan name = e.spans().get(0);
        assertEquals("G-2", name.noteId());
        assertEquals("Mr. Kowalski", text.substring(name.start(), name.end()));
        assertTrue(e.getMessage().contains("G-2 [30,43) mrn: \"MRN: 00482913\""), e.getMessage());
        assertTrue(e.getMessage().contains("date: \"03/14/2024\""), e.getMessage());
    }

    @Test
    void eachKindOfIdentifierIsFound() {
        assertEquals(List.of(PhiKind.SSN), kinds("SSN on file 123-45-6789."));
        assertEquals(List.of(PhiKind.PHONE), kinds("Call back at (555) 201-3344."));
        assertEquals(List.of(PhiKind.FAX), kinds("Records sent, fax: 555-201-3345."));
        assertEquals(List.of(PhiKind.EMAIL), kinds("Wrote to pt.family@example.org about the visit."));
        assertEquals(List.of(PhiKind.URL), kinds("Portal www.example-hospital.org/pt"));
        assertEquals(List.of(PhiKind.IP_ADDRESS), kinds("Uploaded from 10.12.4.200 by the scanner."));
        assertEquals(List.of(PhiKind.ADDRESS), kinds("Lives at 42 Maple Grove Street with his wife."));
        assertEquals(List.of(PhiKind.AGE_OVER_89), kinds("92 yo man, post-RT week 3."));
        assertEquals(List.of(PhiKind.DATE), kinds("Last PSA on March 3, 2024."));
        assertEquals(List.of(PhiKind.PERSON_NAME), kinds("Daughter Jennifer called about the catheter."));
    }

    @Test
    void clinicalTextWithoutIdentifiersPasses() {
        assertEquals(List.of(), kinds("78 yo M, 2 yrs s/p IMRT 78 Gy/39 fx. Up 3x at night. Dr. to call back. SHIM 14/25. "
                + "PVR 150 mL, Hgb 10.2, 3-4 BMs/day, q2h voiding, PSA 0.12 on 2032-04-11."));
    }

    @Test
    void aDateOutsideTheAttestedYearsCounts() {
        assertEquals(List.of(PhiKind.DATE), kinds("Cystoscopy 2024-05-02 showed telangiectasia."));
        assertEquals(List.of(PhiKind.DATE), PhiGuard.create(null).scan("N", "PSA 0.12 on 2032-04-11.").stream().map(PhiSpan::kind).toList());
    }

    @Test
    void theBundledGoldSetHasNoIdentifier() throws Exception {
        GoldFolder gold = GoldFolder.read(GoldFixture.bundled(), EmbeddedData.symptomSet());
        PhiGuard guard = PhiGuard.create(gold.attestation().syntheticYears());
        List<GoldNote> all = new ArrayList<>(gold.train().notes());
        all.addAll(gold.validation().notes());
        all.addAll(gold.test().notes());
        assertEquals(List.of(), guard.scan(all));
    }

    @Test
    void anOverrideLetsTheNotesThroughAndIsLoggedWithItsSpans() {
        List<String> audit = new ArrayList<>();
        GUARD.check(List.of(note("G-9", "Pt seen with Dr. Alvarez.")), "Dr. Alvarez is the radiotherapy machine's name", audit::add);
        assertEquals(1, audit.size());
        assertTrue(audit.get(0).contains("PHI OVERRIDE") && audit.get(0).contains("machine's name")
                && audit.get(0).contains("\"Dr. Alvarez\""), audit.get(0));
    }
}
