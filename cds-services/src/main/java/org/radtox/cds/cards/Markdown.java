package org.radtox.cds.cards;

/**
 * Text from a note or the CTCAE sheet, made safe for a card's GitHub-flavoured Markdown: a quote never turns
 * into a link, an image, HTML, a heading or a list in the EHR's card. One pass over the text, no regular
 * expressions: it runs for every quote of every card.
 */
final class Markdown {

    /** Characters that start Markdown syntax anywhere in a line. */
    private static final String SPECIAL = "\\`*_[]<>#|~!{}";

    private Markdown() {
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        boolean lineStart = true;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (lineStart && (c == ' ' || c == '\t')) {
                out.append(c);
                i++;
                continue;
            }
            if (lineStart && (c == '-' || c == '+' || c == '=')) {
                // A bullet or a setext heading underline.
                out.append('\\').append(c);
                lineStart = false;
                i++;
                continue;
            }
            if (lineStart && Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.append(s, i, j);
                if (j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')')) {
                    // A numbered list item.
                    out.append('\\').append(s.charAt(j));
                    j++;
                }
                lineStart = false;
                i = j;
                continue;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
            lineStart = c == '\n' || c == '\r';
            i++;
        }
        return out.toString();
    }

    /** A block quote of the text, every line of it. */
    static String quote(String s) {
        String escaped = text(s.strip());
        StringBuilder out = new StringBuilder(escaped.length() + 16).append("> ");
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\r' && i + 1 < escaped.length() && escaped.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r') {
                out.append("\n> ");
            } else {
                out.append(c);
            }
        }
        return out.append('\n').toString();
    }
}
