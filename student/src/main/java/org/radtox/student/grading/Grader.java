package org.radtox.student.grading;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;

import org.radtox.student.assertion.Assertion;
import org.radtox.student.assertion.AssertionDetector;
import org.radtox.student.mention.Polarity;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.symptoms.Symptom;

/**
 * Grades a present finding from the cues in the clauses that speak of it. A cue counts only where it is
 * affirmed ("no pads" is not pad use; "catheter last year" is not now), the highest cue wins, and the
 * result is always a grade the symptom's CTCAE term defines.
 */
public final class Grader {

    private final GradingRules rules;
    private final AssertionDetector assertions;

    public Grader(GradingRules rules, AssertionDetector assertions) {
        this.rules = rules;
        this.assertions = assertions;
    }

    public int grade(Symptom symptom, String text, List<Clause> scope) {
        GradingRules.SymptomGrading grading = rules.of(symptom.key());
        int grade = grading.defaultGrade();
        for (GradeCue cue : grading.cues()) {
            if (cue instanceof GradeCue.Phrase phrase) {
                grade = Math.max(grade, phraseGrade(phrase, text, scope));
            } else if (cue instanceof GradeCue.StoolsOverBaseline stools) {
                grade = Math.max(grade, stoolGrade(stools, text, scope));
            }
        }
        return allowed(symptom, grade);
    }

    private int phraseGrade(GradeCue.Phrase cue, String text, List<Clause> scope) {
        if (cue.pattern() == null) {
            return 0;
        }
        for (Clause clause : scope) {
            Matcher m = cue.pattern().matcher(text).region(clause.start(), clause.end());
            while (m.find()) {
                if (assertions.assess(text, clause, m.start(), m.end(), Polarity.NAMES_SYMPTOM) == Assertion.AFFIRMED) {
                    return cue.grade();
                }
            }
        }
        return 0;
    }

    private static int stoolGrade(GradeCue.StoolsOverBaseline cue, String text, List<Clause> scope) {
        int best = 0;
        for (Clause clause : scope) {
            OptionalInt increase = StoolCount.increaseOverBaseline(clause.text(text), cue.assumedBaseline());
            if (increase.isPresent()) {
                best = Math.max(best, StoolCount.ctcaeGrade(increase.getAsInt()));
            }
        }
        return best;
    }

    /** The highest grade the term defines at or below {@code grade}; else its lowest. */
    static int allowed(Symptom symptom, int grade) {
        Integer floor = symptom.grades().headSet(grade + 1).isEmpty() ? null : symptom.grades().headSet(grade + 1).last();
        return floor != null ? floor : symptom.grades().first();
    }
}
