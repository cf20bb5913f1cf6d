package org.radtox.refinement.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.Student;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

class EvaluatorTest {

    /** A student that says "nocturia present G1" whenever the note contains "night", and refuses "REFUSE". */
    private static final Student NIGHT_STUDENT = new Student() {
        @Override
        public String version() {
            return "scripted@1";
        }

        @Override
        public List<Finding> extract(Note note) {
            if (note.text().contains("REFUSE")) {
                throw new UnreadableNoteException("refused for the test");
            }
            int at = note.text().indexOf("night");
            return at < 0 ? List.of() : List.of(Finding.present("nocturia", 1, Evidence.of(note.text(), at, at + 5)));
        }
    };

    private static GoldNote gold(String id, String text, Label nocturia) {
        return new GoldNote(id, text, null, Map.of("nocturia", nocturia));
    }

    @Test
    void scoresTheStudentAgainstTheGoldAndRecordsRefusals() {
        GoldSet set = new GoldSet("tiny", List.of(
                gold("1", "up at night", new Label(LabelStatus.PRESENT, 1)),
                gold("2", "up at night x4", new Label(LabelStatus.PRESENT, 2)),
                gold("3", "sleeps well", Label.NOT_MENTIONED),
                gold("4", "REFUSE night", new Label(LabelStatus.PRESENT, 1))));
        int[] progress = {0};
        Evaluation e = new Evaluator(NIGHT_STUDENT, List.of("nocturia")).evaluate(set, n -> progress[0] = n);
        assertEquals(4, progress[0]);
        assertEquals(1, e.failedNotes());
        SymptomScore s = e.bySymptom().get("nocturia");
        assertEquals(2, s.truePositives());
        assertEquals(2.0 / 3, s.recall(), 1e-9);
        assertEquals(0.5, s.gradeMatch(), 1e-9);
        assertEquals("scripted@1", e.studentVersion());
    }

    @Test
    void theBootstrapIntervalHoldsTheEstimateAndIsReproducible() {
        GoldSet set = new GoldSet("tiny", List.of(
                gold("1", "night", new Label(LabelStatus.PRESENT, 1)),
                gold("2", "nothing", new Label(LabelStatus.PRESENT, 1)),
                gold("3", "night", Label.NOT_MENTIONED),
                gold("4", "quiet", Label.NOT_MENTIONED),
                gold("5", "night", new Label(LabelStatus.PRESENT, 1))));
        Evaluator evaluator = new Evaluator(NIGHT_STUDENT, List.of("nocturia"));
        Evaluation a = evaluator.evaluate(set, n -> { });
        Evaluation b = evaluator.evaluate(set, n -> { });
        Interval f1 = a.macro().f1();
        assertTrue(f1.low() <= f1.estimate() && f1.estimate() <= f1.high(), f1.toString());
        assertTrue(f1.high() > f1.low(), "five notes leave real uncertainty: " + f1);
        assertEquals(f1, b.macro().f1());
    }

    @Test
    void reportsRenderAsMarkdownAndJson() {
        GoldSet set = new GoldSet("tiny", List.of(gold("1", "night", new Label(LabelStatus.PRESENT, 1))));
        Evaluation e = new Evaluator(NIGHT_STUDENT, List.of("nocturia")).evaluate(set, n -> { });
        String md = EvaluationReport.markdown(e);
        assertTrue(md.contains("| nocturia | 1 | 1.000 |"), md);
        assertTrue(md.contains("F1 (present): 1.000"), md);
        String json = EvaluationReport.json(e);
        assertTrue(json.contains("\"student\" : \"scripted@1\""), json);
        assertTrue(json.contains("\"f1\" : 1.0"), json);
    }
}
