package org.radtox.student.segmentation;

/**
 * The unit of assertion: a sentence, a list item or one templated line. A negation or a hedge never
 * reaches past the clause it stands in.
 */
public record Clause(int start, int end, Section section) {

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    public String text(String note) {
        return note.substring(start, end);
    }
}
