package org.radtox.student.grading;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.student.assertion.Assertion;
import org.radtox.student.assertion.AssertionDetector;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.Polarity;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.symptoms.Symptom;

/**
 * Grades a present finding from the clauses that speak of it. A grade the clinician stated next to the
 * symptom ("proctitis G2") is taken as written. Otherwise the cues decide: a cue counts only where it is
 * affirmed ("no pads" is not pad use; "catheter last year" is not now), and the highest wins. The result
 * is always a grade the symptom's CTCAE term defines.
 */
public final class Grader {

    private final GradingRules rules;
    private final AssertionDetector assertions;

    public Grader(GradingRules rules, AssertionDetector assertions) {
        this.rules = rules;
        this.assertions = assertions;
    }

    /**
     * @param scope    the clauses where the symptom is affirmed, in text order
     * @param mentions every mention in the note (of every symptom), to tell whose a stated grade is
     */
    public int grade(Symptom symptom, String text, List<Clause> scope, List<Mention> mentions) {
        int stated = statedGrade(symptom, text, scope, mentions);
        if (stated > 0) {
            return allowed(symptom, stated);
        }
        GradingRules.SymptomGrading grading = rules.of(symptom.key());
        int grade = grading.defaultGrade();
        for (GradeCue cue : grading.cues()) {
            if (cue instanceof GradeCue.Phrase phrase) {
                grade = Math.max(grade, phraseGrade(phrase, text, scope, mentions));
            } else if (cue instanceof GradeCue.StoolsOverBaseline stools) {
                grade = Math.max(grade, stoolGrade(stools, text, scope));
            }
        }
        return allowed(symptom, grade);
    }

    /** The highest grade stated in the scope whose nearest mention is of this symptom; 0 if none. */
    private int statedGrade(Symptom symptom, String text, List<Clause> scope, List<Mention> mentions) {
        int best = 0;
        for (Clause clause : scope) {
            for (Pattern p : rules.statedGrades()) {
                Matcher m = p.matcher(text).region(clause.start(), clause.end());
                while (m.find()) {
                    Mention nearest = nearest(mentions, clause, m.start(), m.end());
                    if (nearest != null && nearest.symptom().equals(symptom.key())) {
                        best = Math.max(best, Integer.parseInt(m.group("grade")));
                    }
                }
            }
        }
        return best;
    }

    private static Mention nearest(List<Mention> mentions, Clause clause, int from, int to) {
        Mention best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Mention m : mentions) {
            if (!clause.contains(m.start()) || m.overlaps(from, to)) {
                continue;
            }
            int distance = m.end() <= from ? from - m.end() : m.start() - to;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = m;
            }
        }
        return best;
    }

    private int phraseGrade(GradeCue.Phrase cue, String text, List<Clause> scope, List<Mention> mentions) {
        if (cue.pattern() == null) {
            return 0;
        }
        for (Clause clause : scope) {
            Matcher m = cue.pattern().matcher(text).region(clause.start(), clause.end());
            while (m.find()) {
                if (assertions.assess(text, clause, m.start(), m.end(), Polarity.NAMES_SYMPTOM, mentions) == Assertion.AFFIRMED) {
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
        var atOrBelow = symptom.grades().headSet(grade + 1);
        return atOrBelow.isEmpty() ? symptom.grades().first() : atOrBelow.last();
    }
}
