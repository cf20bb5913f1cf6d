package org.radtox.llm.chunk;

/** A part of a note that fits the model's context window: its text and where it starts in the note. */
public record NotePart(int start, String text) {

    public int end() {
        return start + text.length();
    }
}
