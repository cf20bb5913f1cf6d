package org.radtox.llm.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class NoteChunkerTest {

    @Test
    void aNoteThatFitsIsOnePart() {
        assertEquals(List.of(new NotePart(0, "Short note.")), new NoteChunker(500, 100).split("Short note."));
    }

    @Test
    void aLongNoteIsCutAtLineEndsWithOverlap_andEveryPartStandsAtItsOffset() {
        String line = "Patient reports urgency and frequency, no hematuria today.\n"; // 59 characters
        String note = line.repeat(40);
        List<NotePart> parts = new NoteChunker(500, 120).split(note);

        assertTrue(parts.size() > 4, "parts: " + parts.size());
        for (NotePart p : parts) {
            assertTrue(p.text().length() <= 500);
            assertEquals(p.text(), note.substring(p.start(), p.end()));
        }
        for (int i = 1; i < parts.size(); i++) {
            assertTrue(parts.get(i).start() < parts.get(i - 1).end(), "parts overlap");
            assertTrue(parts.get(i - 1).text().endsWith("\n"), "cut at a line end");
        }
        assertEquals(note.length(), parts.get(parts.size() - 1).end(), "the last part reaches the end");
    }

    @Test
    void aNoteWithoutBreaksIsStillCutAndCovered() {
        String note = "x".repeat(1_234);
        List<NotePart> parts = new NoteChunker(300, 50).split(note);
        assertEquals(note.length(), parts.get(parts.size() - 1).end());
        assertTrue(parts.stream().allMatch(p -> p.text().length() <= 300));
    }
}
