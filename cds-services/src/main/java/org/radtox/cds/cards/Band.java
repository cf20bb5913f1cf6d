package org.radtox.cds.cards;

/**
 * How cards are grouped: one card per band, so a chart with ten findings gives at most three cards, the most
 * urgent first. Grade 3 or more is critical, grade 2 a warning, grade 1 (and what resolved, and what the note
 * does not grade) information.
 */
public enum Band {
    CRITICAL("critical"),
    WARNING("warning"),
    INFO("info");

    private final String indicator;

    Band(String indicator) {
        this.indicator = indicator;
    }

    /** The card's {@code indicator}. */
    public String indicator() {
        return indicator;
    }

    public static Band of(SymptomCourse course) {
        Integer grade = course.grade();
        if (course.resolved() || grade == null || grade < 2) {
            return INFO;
        }
        return grade >= 3 ? CRITICAL : WARNING;
    }
}
