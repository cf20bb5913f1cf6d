package org.radtox.llm.guard;

import java.util.Optional;

/**
 * Finds a model's quote in the note text, tolerating differences of whitespace (line breaks, double
 * spaces) and of letter case, and gives the offsets of the note's own words: the evidence is then cut from
 * the note, never taken from the model.
 */
public final class QuoteLocator {

    private final String text;
    private final String folded;
    private final int[] origin; // folded index -> index in text

    public QuoteLocator(String text) {
        this.text = text;
        StringBuilder b = new StringBuilder(text.length());
        int[] map = new int[text.length() + 1];
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    map[b.length()] = i;
                    b.append(' ');
                    space = true;
                }
            } else {
                map[b.length()] = i;
                b.append(Character.toLowerCase(c));
                space = false;
            }
        }
        map[b.length()] = text.length();
        this.folded = b.toString();
        this.origin = map;
    }

    /** The span {start, end} of the quote's first occurrence in the note, if it is there. */
    public Optional<int[]> locate(String quote) {
        String q = fold(quote);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        int at = folded.indexOf(q);
        if (at < 0) {
            return Optional.empty();
        }
        int start = origin[at];
        int lastChar = origin[at + q.length() - 1];
        return Optional.of(new int[] {start, lastChar + 1});
    }

    public String text() {
        return text;
    }

    private static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(Character.toLowerCase(c));
                space = false;
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }
}
