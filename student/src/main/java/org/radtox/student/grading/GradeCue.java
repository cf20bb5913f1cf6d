package org.radtox.student.grading;

import java.util.regex.Pattern;

/**
 * Something in the words around a finding that points at a CTCAE grade. The cases are closed: a phrase
 * that names a criterion (a catheter, a transfusion, a drug started for the symptom), or a count that
 * CTCAE grades by number (stools per day over baseline).
 */
public sealed interface GradeCue permits GradeCue.Phrase, GradeCue.StoolsOverBaseline {

    /** A criterion named in words, e.g. "hydrocortisone suppositories" for proctitis grade 2. */
    record Phrase(int grade, Pattern pattern) implements GradeCue {
    }

    /**
     * CTCAE diarrhea: an increase of fewer than 4 stools a day over baseline is grade 1, 4 to 6 grade 2,
     * 7 or more grade 3. Where the note gives no baseline, {@code assumedBaseline} stools a day is assumed.
     */
    record StoolsOverBaseline(int assumedBaseline) implements GradeCue {
    }
}
