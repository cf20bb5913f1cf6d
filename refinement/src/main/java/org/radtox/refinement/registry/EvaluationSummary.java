package org.radtox.refinement.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import org.radtox.refinement.evaluation.Evaluation;
import org.radtox.refinement.evaluation.Interval;
import org.radtox.refinement.evaluation.SymptomScore;

/**
 * What the registry keeps of an evaluation: the macro figures with their intervals and each symptom's
 * figures, and which gold split they were measured on (so that versions are only compared on the same notes).
 *
 * @param goldDigest the split's digest ({@code GoldSet.digest()})
 */
public record EvaluationSummary(String goldSet, String goldDigest, int notes, Interval accuracy, Interval macroF1,
                                Interval gradeMatch, Map<String, SymptomFigures> symptoms) {

    /** One symptom's figures; F1 and grade agreement are {@code null} where undefined. */
    public record SymptomFigures(double accuracy, Double precision, Double recall, Double f1, Double gradeMatch, int truePositives) {
    }

    public EvaluationSummary {
        symptoms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(symptoms));
    }

    public static EvaluationSummary of(Evaluation e, String goldDigest) {
        Map<String, SymptomFigures> by = new LinkedHashMap<>();
        for (String s : e.symptoms()) {
            SymptomScore x = e.bySymptom().get(s);
            by.put(s, new SymptomFigures(x.accuracy(), x.precision(), x.recall(), x.f1(), x.gradeMatch(), x.truePositives()));
        }
        return new EvaluationSummary(e.goldSet(), goldDigest, e.notes().size(), e.macro().accuracy(), e.macro().f1(),
                e.macro().gradeMatch(), by);
    }
}
