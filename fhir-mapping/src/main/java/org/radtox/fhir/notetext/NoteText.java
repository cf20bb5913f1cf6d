package org.radtox.fhir.notetext;

import java.util.Objects;

/**
 * The plain text of a note, as the student reads it; evidence offsets refer to this text.
 *
 * @param text         the text, never blank
 * @param contentType  the content type it was read from, as declared (e.g. {@code text/html; charset=UTF-8})
 * @param contentIndex which {@code DocumentReference.content} entry it came from (0-based)
 */
public record NoteText(String text, String contentType, int contentIndex) {

    public NoteText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentType, "contentType");
        if (contentIndex < 0) {
            throw new IllegalArgumentException("contentIndex must not be negative: " + contentIndex);
        }
    }
}
