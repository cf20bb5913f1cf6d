package org.radtox.llm.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a note longer than the model's context window into overlapping parts, ending each part at a line
 * or sentence end where one is near, so that a statement cut at a border is read whole in the next part.
 */
public final class NoteChunker {

    private final int maxChars;
    private final int overlapChars;

    public NoteChunker(int maxChars, int overlapChars) {
        if (maxChars < 200 || overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("parts of " + maxChars + " characters with an overlap of " + overlapChars
                    + ": need at least 200 and an overlap under half");
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    public int maxChars() {
        return maxChars;
    }

    public List<NotePart> split(String text) {
        if (text.length() <= maxChars) {
            return List.of(new NotePart(0, text));
        }
        List<NotePart> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int limit = Math.min(text.length(), start + maxChars);
            int end = limit == text.length() ? limit : breakBefore(text, start, limit);
            parts.add(new NotePart(start, text.substring(start, end)));
            if (end >= text.length()) {
                return parts;
            }
            int next = Math.max(start + 1, end - overlapChars);
            // Start the next part at a word, not inside one.
            while (next < end && !Character.isWhitespace(text.charAt(next - 1))) {
                next++;
            }
            start = next;
        }
    }

    /** The best end for a part that may not pass {@code limit}: a line end, else a sentence end, else a space. */
    private int breakBefore(String text, int start, int limit) {
        int floor = start + maxChars / 2;
        int nl = text.lastIndexOf('\n', limit - 1);
        if (nl >= floor) {
            return nl + 1;
        }
        for (int i = limit - 1; i >= floor; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        int sp = text.lastIndexOf(' ', limit - 1);
        return sp >= floor ? sp + 1 : limit;
    }
}
