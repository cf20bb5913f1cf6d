package org.radtox.student.finding;

/**
 * The exact words of the note that show a finding, with their position: {@code text} equals
 * {@code note.substring(start, end)}. A quote that is not in the note is never accepted.
 */
public record Evidence(String text, int start, int end) {

    public Evidence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("evidence offsets out of order: " + start + ".." + end);
        }
        if (text == null || text.length() != end - start) {
            throw new IllegalArgumentException("evidence text does not span " + start + ".." + end);
        }
    }

    /** Evidence cut from the note itself, so that it is right by construction. */
    public static Evidence of(String noteText, int start, int end) {
        return new Evidence(noteText.substring(start, end), start, end);
    }

    /** Whether this quote really stands at its offsets in the note (the hallucination guard). */
    public boolean isIn(String noteText) {
        return end <= noteText.length() && noteText.regionMatches(start, text, 0, text.length());
    }
}
