package org.radtox.student.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CtcaeCatalogTest {

    private final CtcaeCatalog catalog = CtcaeCatalog.bundled();

    @Test
    void holdsTheWholeOfficialSheet() {
        assertEquals(837, catalog.size());
    }

    @Test
    void knowsMeddraCodesAndSocOfTheTermsRadToxWatches() {
        CtcaeTerm proctitis = catalog.term("Proctitis").orElseThrow();
        assertEquals(10036774L, proctitis.meddraCode());
        assertEquals("Gastrointestinal disorders", proctitis.soc());
        assertEquals(proctitis, catalog.term(10036774L).orElseThrow());
    }

    @Test
    void dysuriaHasOnlyGradeOne() {
        CtcaeTerm dysuria = catalog.term("Dysuria").orElseThrow();
        assertEquals(Set.of(1), dysuria.gradeCriteria().keySet());
        assertEquals("Present", dysuria.criteria(1).orElseThrow());
    }

    @Test
    void gradesMarkedWithADashDoNotExist() {
        CtcaeTerm incontinence = catalog.term("Urinary incontinence").orElseThrow();
        assertEquals(Set.of(1, 2, 3), incontinence.gradeCriteria().keySet());
        assertFalse(incontinence.definesGrade(4));
        CtcaeTerm frequency = catalog.term("Urinary frequency").orElseThrow();
        assertEquals(2, frequency.highestGrade());
    }

    @Test
    void keepsGradeCriteriaText() {
        CtcaeTerm diarrhea = catalog.term("Diarrhea").orElseThrow();
        assertTrue(diarrhea.criteria(2).orElseThrow().startsWith("Increase of 4 - 6 stools per day over baseline"));
        assertTrue(diarrhea.definesGrade(5));
    }

    @Test
    void readsQuotedMultiLineCells() throws Exception {
        String sheet = "MedDRA Code,MedDRA SOC,CTCAE Term,Grade 1,Grade 2,Grade 3,Grade 4,Grade 5,Definition,Navigational Note,CTCAE v5.0 Change\n"
                + "123,\"Some, SOC\",\"A term, with comma\",\"Mild;\nsecond line\",-,-,-,-,Def,,\n";
        CtcaeCatalog small = CtcaeCatalog.read(new StringReader(sheet));
        CtcaeTerm t = small.term("A term, with comma").orElseThrow();
        assertEquals("Some, SOC", t.soc());
        assertEquals("Mild;\nsecond line", t.criteria(1).orElseThrow());
        assertEquals(Set.of(1), t.gradeCriteria().keySet());
    }
}
