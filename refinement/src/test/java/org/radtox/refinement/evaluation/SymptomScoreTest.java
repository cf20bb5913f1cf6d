package org.radtox.refinement.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;

class SymptomScoreTest {

    private static Label p(int grade) {
        return new Label(LabelStatus.PRESENT, grade);
    }

    private static final Label A = new Label(LabelStatus.ABSENT, 0);
    private static final Label N = Label.NOT_MENTIONED;

    @Test
    void countsByHand() {
        // gold:  P1 P2 P1 A  A  N  N
        // pred:  P1 P1 N  P1 A  N  A
        SymptomScore s = SymptomScore.of(List.of(p(1), p(2), p(1), A, A, N, N), List.of(p(1), p(1), N, p(1), A, N, A));
        assertEquals(2, s.truePositives());
        assertEquals(4.0 / 7, s.accuracy(), 1e-9);          // status agrees on P/P twice, A/A, N/N
        assertEquals(2.0 / 3, s.precision(), 1e-9);         // 2 of 3 predicted present
        assertEquals(2.0 / 3, s.recall(), 1e-9);            // 2 of 3 gold present
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), s.f1(), 1e-9);
        assertEquals(0.5, s.gradeMatch(), 1e-9);            // P1=P1 yes, P2 vs P1 no
        assertEquals(1, s.count(LabelStatus.PRESENT, LabelStatus.NOT_MENTIONED));
        assertEquals(1, s.count(LabelStatus.ABSENT, LabelStatus.PRESENT));
        assertEquals(1, s.count(LabelStatus.NOT_MENTIONED, LabelStatus.ABSENT));
    }

    @Test
    void metricsWithoutAnyPresentAreUndefinedNotZero() {
        SymptomScore s = SymptomScore.of(List.of(A, N), List.of(A, N));
        assertEquals(1.0, s.accuracy());
        assertNull(s.precision());
        assertNull(s.recall());
        assertNull(s.f1());
        assertNull(s.gradeMatch());
    }
}
