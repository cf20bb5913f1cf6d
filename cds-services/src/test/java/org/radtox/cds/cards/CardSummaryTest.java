package org.radtox.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

import org.radtox.cds.chart.ReadNote;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/** Summaries stay under 140 characters, however many toxicities a card holds. */
class CardSummaryTest {

    private static final ReadNote NOTE = new ReadNote("DocumentReference/n/_history/1", "2031-04-02", Instant.parse("2031-04-02T00:00:00Z"),
            new DocumentReference(), "x", "sha", List.of());

    private static SymptomCourse course(Symptom s, Integer grade, Trend trend) {
        Finding f = Finding.present(s.key(), grade, new Evidence("x", 0, 1));
        return new SymptomCourse(s, NOTE, f, trend, List.of(), false);
    }

    @Test
    void oneToxicityReadsAsOneSentence() {
        Symptom nocturia = SymptomSet.prostateRt().symptom("nocturia").orElseThrow();
        assertEquals("CTCAE grade 1 nocturia documented 2031-04-02 (persistent)",
                CardSummary.of(List.of(course(nocturia, 1, Trend.PERSISTENT))));
        assertEquals("Nocturia documented 2031-04-02, grade not stated (new)", CardSummary.of(List.of(course(nocturia, null, Trend.NEW))));
    }

    @Test
    void manyToxicitiesAreCutWithACountOfTheRest() {
        List<SymptomCourse> all = new ArrayList<>();
        for (Symptom s : SymptomSet.prostateRt().symptoms()) {
            all.add(course(s, 1, Trend.WORSENING));
        }
        String summary = CardSummary.of(all);
        assertTrue(summary.length() < 140, summary.length() + ": " + summary);
        assertTrue(summary.startsWith("CTCAE grade 1: cystitis noninfective (worsening), dysuria (worsening)"), summary);
        assertTrue(summary.matches(".* \\+\\d+ more(; as of 2031-04-02)?"), summary);
    }
}
