package org.radtox.student.finding;

/** What a note says of a symptom. A symptom the note does not speak of has no finding at all. */
public enum Status {
    /** The patient has the symptom now (including ongoing or persisting from baseline). */
    PRESENT,
    /** The note says explicitly that the patient does not have it now (denied, negative, resolved). */
    ABSENT;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
