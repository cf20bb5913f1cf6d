package org.radtox.student.mention;

/** A place in the note where the words name (or rule out) a symptom: {@code text[start, end)}. */
public record Mention(String symptom, int start, int end, Polarity polarity) {

    public int length() {
        return end - start;
    }

    public boolean overlaps(int from, int to) {
        return start < to && from < end;
    }
}
