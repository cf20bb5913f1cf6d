package org.radtox.refinement.teacher;

import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;

/**
 * One thing the student got wrong on one train note: a symptom's status, or its grade when both said present.
 *
 * @param evidence the quote the student gave for its finding, {@code null} when it said nothing
 */
public record ErrorCase(GoldNote note, String symptom, Label gold, Label predicted, String evidence) {

    /** How the error looks; the teacher chooses its strategy per symptom from the mix. */
    public enum Kind {
        /** gold present, the student said absent or nothing */
        MISSED_PRESENT,
        /** the student said present where the gold says absent or not mentioned */
        FALSE_PRESENT,
        /** absent against not mentioned, either way: the student missed or invented a negative statement */
        WRONG_ABSENCE,
        /** both present, another grade */
        WRONG_GRADE
    }

    public Kind kind() {
        boolean goldPresent = gold.status() == LabelStatus.PRESENT;
        boolean predPresent = predicted.status() == LabelStatus.PRESENT;
        if (goldPresent && predPresent) {
            return Kind.WRONG_GRADE;
        }
        if (goldPresent) {
            return Kind.MISSED_PRESENT;
        }
        return predPresent ? Kind.FALSE_PRESENT : Kind.WRONG_ABSENCE;
    }

    /** Whether the student found nothing at all for the symptom (a lexicon gap rather than a reading error). */
    public boolean silent() {
        return predicted.status() == LabelStatus.NOT_MENTIONED;
    }
}
