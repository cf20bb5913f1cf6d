package org.radtox.student.segmentation;

import java.util.List;

import org.radtox.student.note.Note;

/** A note cut into sections and clauses, in text order; clauses do not overlap. */
public record SegmentedNote(Note note, List<Section> sections, List<Clause> clauses) {

    public SegmentedNote {
        sections = List.copyOf(sections);
        clauses = List.copyOf(clauses);
    }

    public String text() {
        return note.text();
    }

    /** The clause that holds the character at {@code offset}, by binary search. */
    public java.util.Optional<Clause> clauseAt(int offset) {
        int lo = 0;
        int hi = clauses.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Clause c = clauses.get(mid);
            if (offset < c.start()) {
                hi = mid - 1;
            } else if (offset >= c.end()) {
                lo = mid + 1;
            } else {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
