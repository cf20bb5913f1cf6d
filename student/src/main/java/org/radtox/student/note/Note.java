package org.radtox.student.note;

import java.util.Objects;

/**
 * A clinical note as the student sees it: an identifier and the plain text. Offsets of every
 * {@link org.radtox.student.finding.Evidence} refer to this text (Java {@code String} indices).
 */
public record Note(String id, String text) {

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
