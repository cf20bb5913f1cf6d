package org.radtox.server.interchange;

import org.radtox.student.note.Note;

/**
 * One line of a notes file (FORMATS.md "Notes in"): a note to extract, or the reason the line cannot be
 * one. Errors keep the line number so that a person can find the line.
 */
public sealed interface NoteLine permits NoteLine.Readable, NoteLine.Unreadable {

    long lineNumber();

    record Readable(long lineNumber, Note note) implements NoteLine {
    }

    /** @param id the line's id where one could be read, else {@code null} */
    record Unreadable(long lineNumber, String id, String reason) implements NoteLine {
    }
}
