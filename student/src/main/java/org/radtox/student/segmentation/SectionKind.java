package org.radtox.student.segmentation;

/**
 * What a section of a note means for the reading of what it says. The {@link #authority} decides
 * which statement wins when two sections disagree: today's assessment over the history of the visit,
 * and both over text copied forward from an earlier note.
 */
public enum SectionKind {
    ASSESSMENT(3),
    SUBJECTIVE(2),
    REVIEW_OF_SYSTEMS(2),
    OBJECTIVE(2),
    UNLABELED(2),
    HISTORY(1),
    PRIOR_NOTE(1),
    /** Family and social history: what is said there is about other people, or about habits. */
    FAMILY_HISTORY(0),
    /** A medication list names drugs, not symptoms the patient has. */
    MEDICATIONS(0),
    /** Education and return precautions speak of what might happen. */
    EDUCATION(0);

    private final int authority;

    SectionKind(int authority) {
        this.authority = authority;
    }

    public int authority() {
        return authority;
    }
}
