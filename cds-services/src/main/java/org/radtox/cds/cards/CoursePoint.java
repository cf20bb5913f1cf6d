package org.radtox.cds.cards;

/**
 * One earlier observation of a symptom: in a note the student read, or in an Observation already recorded.
 *
 * @param date   as written ({@code 2031-03-05}), {@code null} when unknown
 * @param grade  CTCAE grade, 0 when absent, {@code null} when present but ungraded
 * @param source {@code DocumentReference/...} or {@code Observation/...}
 */
public record CoursePoint(String date, Integer grade, String source) {

    public boolean present() {
        return grade == null || grade > 0;
    }

    /** {@code 2031-03-05 grade 1}, {@code 2031-02-01 absent}. */
    public String describe() {
        String when = date == null ? "undated" : date;
        return when + " " + (grade == null ? "present, ungraded" : grade == 0 ? "absent" : "grade " + grade);
    }
}
