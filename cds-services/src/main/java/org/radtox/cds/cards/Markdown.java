package org.radtox.cds.cards;

import java.util.regex.Pattern;

/**
 * Text from a note or the CTCAE sheet, made safe for a card's GitHub-flavoured Markdown: a quote never turns
 * into a link, an image, HTML, a heading or a list in the EHR's card.
 */
final class Markdown {

    private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>#|~!{}])");
    private static final Pattern BULLET = Pattern.compile("(?m)^(\\s*)([-+=])");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\s*\\d+)([.)])");

    private Markdown() {
    }

    static String text(String s) {
        String escaped = SPECIAL.matcher(s).replaceAll("\\\\$1");
        escaped = BULLET.matcher(escaped).replaceAll("$1\\\\$2");
        return NUMBERED.matcher(escaped).replaceAll("$1\\\\$2");
    }

    /** A block quote of the text, every line of it. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : text(s.strip()).split("\\R", -1)) {
            out.append("> ").append(line).append('\n');
        }
        return out.toString();
    }
}
